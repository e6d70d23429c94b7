export { InteropFhirModule, FHIR_PROVIDER_TYPES } from './lib/interop-fhir.module';
export { FhirService, scopesGranting } from './lib/fhir.service';
export type { FhirHit, FhirRequestContext, FhirResourceProvider, FhirSearchResult } from './lib/fhir-provider';
export type { FhirResource } from './lib/fhir.types';
export { SID } from './lib/fhir.types';
