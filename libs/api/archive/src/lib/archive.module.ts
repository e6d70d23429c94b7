import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DocumentsModule } from '@benhan/api/documents';
import { EncountersModule } from '@benhan/api/encounters';
import { PatientsModule } from '@benhan/api/patients';
import { AccessRequestEntity } from './access-requests/access-request.entity';
import { AccessRequestsController } from './access-requests/access-requests.controller';
import { AccessRequestsService } from './access-requests/access-requests.service';
import { ArchiveExportService } from './archive-export.service';
import { ArchiveController } from './archive.controller';
import { ARCHIVE_OPTIONS, type ArchiveOptions } from './archive.options';
import { ArchiveService } from './archive.service';
import { DisposalService } from './disposal.service';
import { ArchiveDisposalEntity, ArchiveEntity, ArchiveEventEntity, ArchiveLoanEntity, FixityRunEntity } from './entities';
import { FixityService } from './fixity.service';
import { ARCHIVE_STORE, createArchiveStore } from './store';
import { VerificationService } from './verification.service';
import { VersionPrintService } from './version-print.service';

export const ARCHIVE_ENTITIES = [ArchiveEntity, ArchiveEventEntity, ArchiveLoanEntity, ArchiveDisposalEntity, FixityRunEntity, AccessRequestEntity];

/** Printing versions, and the records office's archive: archiving, retrieval, loans, holds, disposal, fixity, export. */
@Module({})
export class ArchiveModule {
  /** Needs the (global) SignaturesModule for validation reports and the organisation seal. */
  static forRoot(options: ArchiveOptions): DynamicModule {
    return {
      module: ArchiveModule,
      imports: [TypeOrmModule.forFeature(ARCHIVE_ENTITIES), DocumentsModule, EncountersModule, PatientsModule],
      controllers: [ArchiveController, AccessRequestsController],
      providers: [
        { provide: ARCHIVE_OPTIONS, useValue: options },
        { provide: ARCHIVE_STORE, useFactory: () => createArchiveStore(options.store) },
        VersionPrintService,
        ArchiveService,
        ArchiveExportService,
        DisposalService,
        FixityService,
        VerificationService,
        AccessRequestsService,
      ],
      exports: [VersionPrintService, ArchiveService, FixityService, ARCHIVE_STORE],
    };
  }
}
