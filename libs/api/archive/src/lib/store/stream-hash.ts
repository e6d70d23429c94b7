import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { ArchiveStoreNotFoundError } from './archive-store';

/** SHA-256 (hex) and length of a stream, read to its end without holding it in memory (fixity checks). */
export async function hashStream(stream: Readable): Promise<{ sha256: string; sizeBytes: number }> {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  for await (const chunk of stream) {
    const bytes = chunk as Buffer;
    hash.update(bytes);
    sizeBytes += bytes.length;
  }
  return { sha256: hash.digest('hex'), sizeBytes };
}

/** SHA-256 (hex) and length of bytes about to be stored. */
export function hashBuffer(body: Buffer): { sha256: string; sizeBytes: number } {
  return { sha256: createHash('sha256').update(body).digest('hex'), sizeBytes: body.length };
}

/** A store's hash() in terms of its get(): the stored bytes' digest, or null when the object is missing. */
export async function hashStored(opening: Promise<Readable>): Promise<{ sha256: string; sizeBytes: number } | null> {
  let stream: Readable;
  try {
    stream = await opening;
  } catch (error) {
    if (error instanceof ArchiveStoreNotFoundError) return null;
    throw error;
  }
  return hashStream(stream);
}
