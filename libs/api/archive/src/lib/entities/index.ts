export { ArchiveEntity } from './archive.entity';
export { ArchiveDisposalEntity, ArchiveEventEntity, ArchiveLoanEntity, FixityRunEntity, type ArchiveEventKind } from './archive-records.entity';
