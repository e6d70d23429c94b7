export { TerminologyModule } from './lib/terminology.module';
export { TerminologyService, type CatalogueChoice, type CommuneFields, type DiagnosisCodeCheck, type Icd10SearchQuery } from './lib/terminology.service';
export { TerminologyError, type TerminologyErrorCode } from './lib/terminology.errors';
export { MAIN_DIAGNOSIS_ROLES } from './lib/icd10/diagnosis-use';
