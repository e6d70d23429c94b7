export { ArchiveModule, ARCHIVE_ENTITIES } from './lib/archive.module';
export { VersionPrintService } from './lib/version-print.service';
export { ArchiveService } from './lib/archive.service';
export { FixityService } from './lib/fixity.service';
export { renderVersionPdf, type PrintableVersion } from './lib/version-pdf';
export { renderEncounterArchive, type PrintableArchive } from './lib/encounter-archive-pdf';
export type { ArchiveOptions, ArchiveStoreOptions } from './lib/archive.options';
export { ARCHIVE_STORE, type ArchiveStore } from './lib/store';
export { renderSealedReport, type SealedReport, type ReportSection } from './lib/sealed-report-pdf';
