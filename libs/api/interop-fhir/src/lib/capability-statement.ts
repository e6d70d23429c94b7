import type { FhirResource } from './fhir.types';
import type { FhirRegistry } from './fhir-registry';
import { CONTROL_PARAMS } from './search/search-params';

/**
 * The server's CapabilityStatement, generated from the provider registry: each implemented type with its
 * interactions (read, vread, search-type) and exactly the search parameters its provider declares.
 */
export function capabilityStatement(registry: FhirRegistry, options: { baseUrl: string; tokenUrl: string; date: string; version: string }): FhirResource {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: options.date,
    publisher: 'Benhan',
    kind: 'instance',
    software: { name: 'Benhan', version: options.version },
    implementation: { description: 'Benhan EMR FHIR R4 facade (reads; results, specimens, studies and order status from the LIS and PACS)', url: options.baseUrl },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        documentation:
          'Views over the EMR. Staff use their Benhan access token (department scoping applies); system clients use client credentials with SMART scopes system/<Type>.read or system/*.read. The LIS and PACS send results as a transaction Bundle (a DiagnosticReport with its Observations and optionally its ImagingStudy, based on a ServiceRequest) with system/<Type>.write (or .c, or system/*.write); they create and update Specimens and ImagingStudies, correct results (update: a new version), and give orders back (ServiceRequest status revoked, by update or JSON Patch) with system/<Type>.write or .u. Updates honour If-Match.',
        security: {
          cors: true,
          service: [
            {
              coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR', display: 'SMART-on-FHIR' }],
              text: 'OAuth2 bearer tokens: client credentials at the token endpoint (system clients) or a staff sign-in',
            },
          ],
          extension: [
            {
              url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
              extension: [{ url: 'token', valueUri: options.tokenUrl }],
            },
          ],
        },
        interaction: [{ code: 'transaction', documentation: 'One DiagnosticReport with its Observations (and optionally its ImagingStudy), all or nothing; idempotent on the report identifier' }],
        // The result parameters every type takes (_count, _offset, _total).
        searchParam: CONTROL_PARAMS.map((s) => ({ name: s.name, type: s.type, documentation: s.documentation })),
        resource: registry.all().map((p) => ({
          type: p.type,
          documentation: p.documentation,
          ...(p.profiles?.length ? { supportedProfile: [...p.profiles] } : {}),
          interaction: [
            { code: 'read' },
            { code: 'vread' },
            { code: 'search-type' },
            ...(p.creatable ? [{ code: 'create' }] : []),
            ...(p.updatable ? [{ code: 'update' }] : []),
            ...(p.patchable ? [{ code: 'patch' }] : []),
          ],
          ...(p.creatable ? { conditionalCreate: true } : {}),
          versioning: p.updatable ? 'versioned-update' : 'versioned',
          readHistory: !!p.readVersion,
          updateCreate: false,
          ...(p.includes?.length ? { searchInclude: [...p.includes] } : {}),
          ...(p.revIncludes?.length ? { searchRevInclude: [...p.revIncludes] } : {}),
          searchParam: p.searchParams.map((s) => ({ name: s.name, type: s.type, documentation: s.documentation })),
        })),
      },
    ],
  };
}
