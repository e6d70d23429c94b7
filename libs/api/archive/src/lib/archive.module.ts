import { DynamicModule, Module } from '@nestjs/common';
import { DocumentsModule } from '@benhan/api/documents';
import { EncountersModule } from '@benhan/api/encounters';
import { PatientsModule } from '@benhan/api/patients';
import { ArchiveController } from './archive.controller';
import { ARCHIVE_OPTIONS, type ArchiveOptions } from './archive.options';
import { VersionPrintService } from './version-print.service';

/** Rendering versions to PDF (and, next, the records office's archive). */
@Module({})
export class ArchiveModule {
  /** Needs the (global) SignaturesModule for validation reports. */
  static forRoot(options: ArchiveOptions): DynamicModule {
    return {
      module: ArchiveModule,
      imports: [DocumentsModule, EncountersModule, PatientsModule],
      controllers: [ArchiveController],
      providers: [{ provide: ARCHIVE_OPTIONS, useValue: options }, VersionPrintService],
      exports: [VersionPrintService],
    };
  }
}
