export {
  type ArchiveStore,
  ArchiveStoreConflictError,
  ArchiveStoreError,
  type ArchiveStoreErrorCode,
  ArchiveStoreKeyError,
  ArchiveStoreNotFoundError,
  type StoredObject,
  assertArchiveKey,
} from './archive-store';
export { ARCHIVE_STORE, createArchiveStore } from './create-archive-store';
export { FsArchiveStore } from './fs-archive-store';
export { S3ArchiveStore, type S3ArchiveStoreOptions } from './s3-archive-store';
