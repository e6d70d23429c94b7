import { Module, type Type } from '@nestjs/common';
import { FhirController } from './fhir.controller';
import type { FhirResourceProvider } from './fhir-provider';
import { FHIR_PROVIDERS, FhirRegistry } from './fhir-registry';
import { FhirService } from './fhir.service';
import { FhirFulfilmentWriteService } from './fhir-fulfilment-write.service';
import { FhirWriteService } from './fhir-write.service';
import { OrdersModule } from '@benhan/api/orders';
import { AuditEventProvider } from './resources/audit-event.provider';
import { LocationProvider, OrganizationProvider, PractitionerProvider } from './resources/directory.providers';
import { DocumentReferenceProvider } from './resources/document-reference.provider';
import { EncounterProvider } from './resources/encounter.provider';
import { ObservationProvider } from './resources/observation.provider';
import { DiagnosticReportProvider, ImagingStudyProvider, ServiceRequestProvider } from './resources/orders.providers';
import { PatientProvider } from './resources/patient.provider';
import { ProvenanceProvider } from './resources/provenance.provider';
import { SpecimenProvider } from './resources/specimen.provider';

/**
 * The resource types served at /fhir/R4, one provider each (Observation serves both the care chart's vital
 * signs and the orders domain's lab results).
 */
export const FHIR_PROVIDER_TYPES: Type<FhirResourceProvider>[] = [
  PatientProvider,
  PractitionerProvider,
  OrganizationProvider,
  LocationProvider,
  EncounterProvider,
  ObservationProvider,
  DocumentReferenceProvider,
  ProvenanceProvider,
  AuditEventProvider,
  ServiceRequestProvider,
  DiagnosticReportProvider,
  ImagingStudyProvider,
  SpecimenProvider,
];

/** FHIR R4 REST facade over the domains: reads of every type, and results from the LIS and PACS (writes). */
@Module({
  imports: [OrdersModule],
  controllers: [FhirController],
  providers: [
    ...FHIR_PROVIDER_TYPES,
    { provide: FHIR_PROVIDERS, useFactory: (...providers: FhirResourceProvider[]) => providers, inject: FHIR_PROVIDER_TYPES },
    { provide: FhirRegistry, useFactory: (providers: FhirResourceProvider[]) => new FhirRegistry(providers), inject: [FHIR_PROVIDERS] },
    FhirService,
    FhirWriteService,
    FhirFulfilmentWriteService,
  ],
  exports: [FhirService],
})
export class InteropFhirModule {}
