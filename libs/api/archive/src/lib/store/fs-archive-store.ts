import { randomUUID } from 'node:crypto';
import { link, lstat, mkdir, open, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import {
  type ArchiveStore,
  ArchiveStoreConflictError,
  ArchiveStoreKeyError,
  ArchiveStoreNotFoundError,
  type StoredObject,
  assertArchiveKey,
} from './archive-store';
import { hashBuffer, hashStored } from './stream-hash';

/**
 * The default store: one read-only file per key under a directory. A put writes a hidden temporary file in
 * the key's directory, fsyncs it and hard-links it to the final name: `link()` fails if the name exists,
 * so a crash never leaves a partial file under a key and two puts of one key cannot both win.
 */
export class FsArchiveStore implements ArchiveStore {
  readonly name = 'fs';
  private readonly root: string;

  constructor(directory: string) {
    this.root = resolve(directory);
  }

  async put(key: string, body: Buffer): Promise<StoredObject> {
    const file = this.pathOf(key);
    const directory = dirname(file);
    const firstCreated = await mkdir(directory, { recursive: true });
    // Cheap early answer; link() below is what actually guarantees write-once.
    if (await present(file)) throw new ArchiveStoreConflictError(key);

    const temporary = join(directory, `.${basename(file)}.${randomUUID()}.tmp`);
    try {
      const handle = await open(temporary, 'wx', 0o600);
      try {
        await handle.writeFile(body);
        await handle.sync();
        const written = (await handle.stat()).size;
        if (written !== body.length) throw new Error(`Short write to ${temporary}: ${written} of ${body.length} bytes`);
        // Read-only before it gets its name, so the key never appears writable.
        await handle.chmod(0o444);
      } finally {
        await handle.close();
      }
      try {
        await link(temporary, file);
      } catch (error) {
        if (isCode(error, 'EEXIST')) throw new ArchiveStoreConflictError(key, { cause: error });
        throw error;
      }
    } finally {
      await unlink(temporary).catch(() => undefined);
    }
    // The new name, and any directory mkdir made, are durable only once their parent directories are.
    const stop = firstCreated ? dirname(firstCreated) : directory;
    for (let dir = directory; ; dir = dirname(dir)) {
      await syncDirectory(dir);
      if (dir === stop || dirname(dir) === dir) break;
    }
    return { key, ...hashBuffer(body) };
  }

  async get(key: string): Promise<Readable> {
    const file = this.pathOf(key);
    let handle;
    try {
      handle = await open(file, 'r');
    } catch (error) {
      if (isCode(error, 'ENOENT')) throw new ArchiveStoreNotFoundError(key, { cause: error });
      throw error;
    }
    try {
      if ((await handle.stat()).isFile()) return handle.createReadStream();
    } catch (error) {
      await handle.close();
      throw error;
    }
    await handle.close();
    throw new ArchiveStoreNotFoundError(key);
  }

  async hash(key: string): Promise<{ sha256: string; sizeBytes: number } | null> {
    return hashStored(this.get(key));
  }

  async exists(key: string): Promise<boolean> {
    return present(this.pathOf(key));
  }

  async delete(key: string): Promise<void> {
    const file = this.pathOf(key);
    // The file is 0o444, but unlinking needs write permission on the directory only.
    await unlink(file).catch((error: unknown) => {
      if (!isCode(error, 'ENOENT')) throw error;
    });
  }

  /** Writes and hard-links a hidden probe file: proves the directory is writable and supports link(). */
  async check(): Promise<void> {
    const probe = join(this.root, `.check-${randomUUID()}`);
    try {
      await mkdir(this.root, { recursive: true });
      await writeFile(probe, '', { flag: 'wx' });
      await link(probe, `${probe}.link`);
    } catch (error) {
      throw new Error(`Archive directory ${this.root} is not usable (it must be writable, on a filesystem with hard links)`, {
        cause: error,
      });
    } finally {
      await unlink(`${probe}.link`).catch(() => undefined);
      await unlink(probe).catch(() => undefined);
    }
  }

  /** The file of a key; refuses anything that would resolve outside the root (defence in depth). */
  private pathOf(key: string): string {
    assertArchiveKey(key);
    const file = resolve(this.root, ...key.split('/'));
    const inside = relative(this.root, file);
    if (inside === '' || inside.startsWith('..') || inside.startsWith(sep) || resolve(this.root, inside) !== file) {
      throw new ArchiveStoreKeyError(key, 'resolves outside the archive directory');
    }
    return file;
  }
}

async function present(file: string): Promise<boolean> {
  try {
    return (await lstat(file)).isFile();
  } catch (error) {
    if (isCode(error, 'ENOENT')) return false;
    throw error;
  }
}

/** fsync a directory so a new entry in it survives a power cut; not possible on every platform (Windows). */
async function syncDirectory(directory: string): Promise<void> {
  let handle;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch (error) {
    if (!isCode(error, 'EISDIR') && !isCode(error, 'EPERM') && !isCode(error, 'EINVAL') && !isCode(error, 'EBADF')) throw error;
  } finally {
    await handle?.close();
  }
}

/** Duck-typed: errors from node:fs are not `instanceof Error` of every realm (Jest's sandbox among them). */
function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === code;
}
