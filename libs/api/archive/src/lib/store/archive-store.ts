import type { Readable } from 'node:stream';

/** What a put stored: the size and SHA-256 (hex) of the bytes written. */
export interface StoredObject {
  key: string;
  sizeBytes: number;
  sha256: string;
}

/**
 * Where archived records (sealed PDF files, 1–50 MB) are kept for 10–30 years. Write once: an object is
 * never overwritten, only removed by an approved disposal. Keys are validated by {@link assertArchiveKey}.
 */
export interface ArchiveStore {
  /** 'fs' | 's3': recorded with each archive. */
  readonly name: 'fs' | 's3';
  /**
   * Write once: throws ArchiveStoreConflictError if the key already exists (never overwrites). Returns the
   * size and SHA-256 of what was stored, computed from the bytes written.
   */
  put(key: string, body: Buffer): Promise<StoredObject>;
  /** The stored bytes as a stream; ArchiveStoreNotFoundError if missing. */
  get(key: string): Promise<Readable>;
  /** Re-hash the stored bytes by streaming them (fixity check): null when the object is missing. */
  hash(key: string): Promise<{ sha256: string; sizeBytes: number } | null>;
  exists(key: string): Promise<boolean>;
  /** Only for an approved disposal: removes the object (idempotent: missing is fine). */
  delete(key: string): Promise<void>;
  /** A cheap call proving the store is reachable and writable-configured (used by /health/ready and at start). */
  check(): Promise<void>;
}

export type ArchiveStoreErrorCode = 'conflict' | 'not_found' | 'invalid_key';

/**
 * Errors of the storage layer. They are not DomainErrors on purpose: the archive service decides what a
 * conflict or a missing file means to the user; one that escapes it is a server fault (500).
 */
export abstract class ArchiveStoreError extends Error {
  abstract readonly code: ArchiveStoreErrorCode;

  protected constructor(
    message: string,
    readonly key: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A put found the key already taken: archives are write-once. */
export class ArchiveStoreConflictError extends ArchiveStoreError {
  readonly code = 'conflict';

  constructor(key: string, options?: ErrorOptions) {
    super(`Archive object ${key} already exists; archive objects are write-once`, key, options);
  }
}

export class ArchiveStoreNotFoundError extends ArchiveStoreError {
  readonly code = 'not_found';

  constructor(key: string, options?: ErrorOptions) {
    super(`Archive object ${key} does not exist`, key, options);
  }
}

/** A key that could escape the store's directory or prefix, or is not one a store would write. */
export class ArchiveStoreKeyError extends ArchiveStoreError {
  readonly code = 'invalid_key';

  constructor(key: string, reason: string) {
    super(`Invalid archive key ${JSON.stringify(key)}: ${reason}`, key);
  }
}

const MAX_KEY_LENGTH = 512;
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/**
 * Checks a key such as `01999/2026/<encounter-uuid>/g1-<sha256 first 16 hex>.pdf`: relative, segments of
 * [A-Za-z0-9._-] separated by single slashes, none starting with a dot (so no `.` or `..`, and the
 * filesystem store's hidden temporary files can never collide with a key). Throws ArchiveStoreKeyError.
 */
export function assertArchiveKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0) throw new ArchiveStoreKeyError(String(key), 'empty');
  if (key.length > MAX_KEY_LENGTH) throw new ArchiveStoreKeyError(key, `longer than ${MAX_KEY_LENGTH} characters`);
  if (key.startsWith('/')) throw new ArchiveStoreKeyError(key, 'must be relative (no leading "/")');
  for (const segment of key.split('/')) {
    if (segment === '') throw new ArchiveStoreKeyError(key, 'empty path segment ("//" or a trailing "/")');
    if (segment === '.' || segment === '..') throw new ArchiveStoreKeyError(key, `"${segment}" segment`);
    if (!SEGMENT.test(segment)) {
      throw new ArchiveStoreKeyError(key, `segment "${segment}" must be [A-Za-z0-9._-] and must not start with "."`);
    }
  }
}
