export { ArchiveModule } from './lib/archive.module';
export { VersionPrintService } from './lib/version-print.service';
export { renderVersionPdf, type PrintableVersion } from './lib/version-pdf';
export type { ArchiveOptions, ArchiveStoreOptions } from './lib/archive.options';
