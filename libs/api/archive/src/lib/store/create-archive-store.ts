import { assertUnreachable } from '@benhan/api/core';
import type { ArchiveStoreOptions } from '../archive.options';
import type { ArchiveStore } from './archive-store';
import { FsArchiveStore } from './fs-archive-store';
import { S3ArchiveStore } from './s3-archive-store';

/** NestJS injection token of the configured ArchiveStore. */
export const ARCHIVE_STORE = Symbol('ARCHIVE_STORE');

/** The store the configuration asks for: write-once files under a directory (default), or an S3 bucket. */
export function createArchiveStore(options: ArchiveStoreOptions): ArchiveStore {
  switch (options.kind) {
    case 'fs':
      return new FsArchiveStore(options.directory);
    case 's3':
      return new S3ArchiveStore(options);
    default:
      return assertUnreachable(options);
  }
}
