export * from './lib/documents.module';
export { DocumentsService, type SignoffInput, type SignedVersionPayload, type SigningView } from './lib/documents.service';
export { DocumentError, type DocumentErrorCode } from './lib/documents.errors';
export { FormsService, type EffectiveForm } from './lib/forms/forms.service';
export { RecordCompletenessService } from './lib/record-completeness.service';
export { CareChartModule } from './lib/care-chart/care-chart.module';
export { VITAL_SIGNS, flagOf } from './lib/care-chart/vital-signs';
