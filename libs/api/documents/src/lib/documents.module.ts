import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EncountersModule } from '@benhan/api/encounters';
import { PatientsModule } from '@benhan/api/patients';
import { TerminologyModule } from '@benhan/api/terminology';
import { CareChartModule } from './care-chart/care-chart.module';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';
import { DocumentSignoffEntity } from './entities/document-signoff.entity';
import { DocumentVersionEntity } from './entities/document-version.entity';
import { DocumentEntity } from './entities/document.entity';
import { FormSettingsEntity } from './entities/form-settings.entity';
import { FormVersionEntity } from './entities/form-version.entity';
import { FormsController } from './forms/forms.controller';
import { FormsService } from './forms/forms.service';
import { RecordCompletenessService } from './record-completeness.service';

/** Clinical documents on the Ministry's forms, their immutable versions, and the record's completeness. */
@Module({
  imports: [TypeOrmModule.forFeature([FormVersionEntity, FormSettingsEntity, DocumentEntity, DocumentVersionEntity, DocumentSignoffEntity]), EncountersModule, PatientsModule, TerminologyModule, CareChartModule],
  controllers: [FormsController, DocumentsController],
  providers: [FormsService, DocumentsService, RecordCompletenessService],
  exports: [FormsService, DocumentsService, RecordCompletenessService],
})
export class DocumentsModule {}
