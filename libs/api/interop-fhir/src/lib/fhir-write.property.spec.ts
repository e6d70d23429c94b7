import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import type { AuditLog } from '@benhan/api/audit';
import type { FulfilmentService, ResultsService } from '@benhan/api/orders';
import { INTERPRETATIONS, RESULT_STATUSES, SPECIMEN_STATUSES, type RecordResultRequest, type RecordSpecimenRequest } from '@benhan/shared/contracts';
import { FhirError } from './fhir.errors';
import { FhirFulfilmentWriteService } from './fhir-fulfilment-write.service';
import type { FhirRequestContext } from './fhir-provider';
import { FhirWriteService, type Json } from './fhir-write.service';
import { LOINC } from './resources/common';
import { DICOM_UID, V2_0487 } from './resources/orders.mappers';

// Property-based tests (fast-check): a failure prints its seed and path; rerun it with FC_SEED=<seed> (see README "Tests").
const seed = process.env['FC_SEED'] === undefined ? {} : { seed: Number(process.env['FC_SEED']) };

const ITEM = '0b0e4d3e-6f1c-4d55-9a39-2d6f0f5f5a10';
const ORDER = '1b0e4d3e-6f1c-4d55-9a39-2d6f0f5f5a11';
const PATIENT = '2b0e4d3e-6f1c-4d55-9a39-2d6f0f5f5a12';
const ENCOUNTER = '3b0e4d3e-6f1c-4d55-9a39-2d6f0f5f5a13';
const ctx: FhirRequestContext = { principal: { kind: 'client', clientId: 'lis', clientKind: 'lis', scopes: ['system/*.write'], facilityId: 'f' }, facilityId: 'f', baseUrl: 'https://x' };

const isText = (v: unknown) => typeof v === 'string';
const textOrNull = (v: unknown) => v === null || v === undefined || typeof v === 'string';
const numberOrNull = (v: unknown) => v === null || v === undefined || (typeof v === 'number' && Number.isFinite(v));

/** What the domain may assume of a request (it calls trim() on the texts and stores the rest in typed columns): problems, [] when none. */
function resultProblems(r: RecordResultRequest): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => ok || problems.push(what);
  check(isText(r.externalId) && r.externalId.trim() !== '', 'externalId');
  check(RESULT_STATUSES.includes(r.status), `status ${String(r.status)}`);
  for (const key of ['patientId', 'encounterId', 'issued', 'effectiveAt', 'performer', 'conclusion', 'findings'] as const) check(textOrNull(r[key]), key);
  (r.observations ?? []).forEach((o, i) => {
    check(isText(o.code) && o.code !== '', `observations/${i}/code`);
    for (const key of ['display', 'unit', 'valueString', 'performer'] as const) check(textOrNull(o[key]), `observations/${i}/${key}`);
    check(numberOrNull(o.valueQuantity), `observations/${i}/valueQuantity`);
    check(o.referenceRange === null || o.referenceRange === undefined || (numberOrNull(o.referenceRange.low) && numberOrNull(o.referenceRange.high) && textOrNull(o.referenceRange.text)), `observations/${i}/referenceRange`);
    check(o.interpretation === null || o.interpretation === undefined || INTERPRETATIONS.includes(o.interpretation), `observations/${i}/interpretation`);
    check(o.status === undefined || RESULT_STATUSES.includes(o.status), `observations/${i}/status`);
  });
  if (r.study) {
    const s = r.study;
    check(isText(s.studyInstanceUid) && isText(s.modality) && Number.isInteger(s.seriesCount) && numberOrNull(s.instanceCount) && textOrNull(s.startedAt) && isText(s.endpointUrl), 'study');
  }
  return problems;
}

function specimenProblems(r: RecordSpecimenRequest): string[] {
  const ok = isText(r.accession) && SPECIMEN_STATUSES.includes(r.status) && isText(r.typeCode) && [r.typeDisplay, r.collectedAt, r.receivedAt, r.collector, r.note].every(textOrNull);
  return ok ? [] : [JSON.stringify(r)];
}

/** The services over a fake database that knows one order (ITEM → ORDER of PATIENT in ENCOUNTER), checking what reaches the domain. */
function harness() {
  const requests: string[] = [];
  let lastObservations = 1;
  const query = async (sql: string, params: unknown[]): Promise<Json[]> => {
    if (sql.includes('FROM order_items i JOIN orders o')) return params[0] === ITEM ? [{ id: ORDER, order_id: ORDER, patient_id: PATIENT, encounter_id: ENCOUNTER, version: 1, status: 'in_progress', clinical_note: null, status_reason: null }] : [];
    if (sql.includes('SELECT t.revision')) return [{ revision: 1, report_id: 'r', report_logical_id: 'r', report_superseded: null, source_system: 'lis', external_id: 'R-1', order_id: ORDER, issued: null, effective_at: null, performer: null, conclusion: null, code: '15074-8' }];
    if (sql.includes('FROM observations WHERE report_id')) return [{ code: '15074-8', display: 'Glucose', value_quantity: '6.3', unit: 'mmol/L', value_string: null, reference_low: '3.1', reference_high: '6.2', reference_text: null, interpretation: 'H', performer: null }];
    if (sql.includes('FROM order_items WHERE order_id')) return [{ id: ITEM }];
    if (sql.includes('FROM specimens s WHERE s.id') || sql.includes('FROM imaging_studies s WHERE s.id')) return [{ order_id: ORDER, patient_id: PATIENT, version: 1 }];
    if (sql.includes('SELECT r.logical_id')) return [{ logical_id: 'r', revision: 1, imaging_study_id: null, study_version: null, observations: Array.from({ length: lastObservations }, (_, i) => ({ id: `o${i}`, version: 1 })) }];
    return [];
  };
  const dataSource = { query } as unknown as DataSource;
  const results = {
    record: async (_sender: unknown, _orderId: string, request: RecordResultRequest) => {
      requests.push(...resultProblems(request));
      lastObservations = request.observations?.length ?? 0;
      return { report: { id: 'r' }, created: true };
    },
  } as unknown as ResultsService;
  const fulfilment = {
    recordSpecimen: async (_sender: unknown, _orderId: string, request: RecordSpecimenRequest) => (requests.push(...specimenProblems(request)), { specimen: { id: 's' }, created: true }),
    recordStudy: async (_sender: unknown, _orderId: string, request: RecordResultRequest['study']) => (requests.push(...resultProblems({ externalId: 'x', status: 'final', study: request })), { study: { id: 'i' }, created: true }),
    fillerStatus: async () => ({ order: {}, changed: true }),
  } as unknown as FulfilmentService;
  const audit = { recordNow: async () => undefined } as unknown as AuditLog;
  const writes = new FhirWriteService(dataSource, results, audit);
  return { writes, fulfilment: new FhirFulfilmentWriteService(dataSource, writes, fulfilment), requests };
}

type Target = 'transaction' | 'DiagnosticReport' | 'Observation' | 'Specimen' | 'ImagingStudy' | 'patch' | 'update';
const TARGETS: Target[] = ['transaction', 'DiagnosticReport', 'Observation', 'Specimen', 'ImagingStudy', 'patch', 'update'];

/** Sends the body to the write it names: a PUT goes to the type in its resourceType, at the id it states. */
async function send(writes: FhirWriteService, fulfilment: FhirFulfilmentWriteService, target: Target, body: Json, ifNoneExist?: string): Promise<unknown> {
  if (target === 'transaction') return writes.transaction(ctx, body);
  if (target === 'DiagnosticReport' || target === 'Observation') return writes.create(ctx, target, body, ifNoneExist);
  if (target === 'patch') return fulfilment.patch(ctx, 'ServiceRequest', ITEM, body);
  if (target !== 'update') return fulfilment.create(ctx, target, body, ifNoneExist);
  const type = ['DiagnosticReport', 'Observation', 'Specimen', 'ImagingStudy', 'ServiceRequest'].find((t) => t === body?.resourceType) ?? 'DiagnosticReport';
  const id = typeof body?.id === 'string' ? body.id.toLowerCase() : ITEM;
  return type === 'DiagnosticReport' || type === 'Observation' ? writes.update(ctx, type, id, body, 1) : fulfilment.update(ctx, type, id, body, 1);
}

/** Sends a body to one write; the outcome is a FhirError or a request the domain can take, never another error. */
async function expectFhirErrorOrValidRequest(target: Target, body: Json, ifNoneExist?: string): Promise<void> {
  const { writes, fulfilment, requests } = harness();
  try {
    await send(writes, fulfilment, target, body, ifNoneExist);
  } catch (error) {
    if (error instanceof FhirError) {
      expect(error.message).toEqual(expect.any(String));
      expect(error.status).toBeGreaterThanOrEqual(400);
      return;
    }
    throw error;
  }
  expect(requests).toEqual([]);
}

// Valid submissions for the fake order: what the mutations start from.
const observation = (id: string, code: string): Json => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  code: { coding: [{ system: LOINC, code, display: 'Glucose' }] },
  subject: { reference: `Patient/${PATIENT}` },
  valueQuantity: { value: 6.3, unit: 'mmol/l', system: 'http://unitsofmeasure.org', code: 'mmol/L' },
  interpretation: [{ coding: [{ code: 'H' }] }],
  referenceRange: [{ low: { value: 3.1 }, high: { value: 6.2 }, text: '3.1–6.2' }],
  performer: [{ display: 'Khoa Xét nghiệm' }],
});
const report = (): Json => ({
  resourceType: 'DiagnosticReport',
  identifier: [{ system: 'urn:lis', value: 'R-1' }],
  basedOn: [{ reference: `ServiceRequest/${ITEM}` }],
  status: 'final',
  subject: { reference: `Patient/${PATIENT}` },
  encounter: { reference: `Encounter/${ENCOUNTER}` },
  effectiveDateTime: '2026-11-28T08:00:00+07:00',
  issued: '2026-11-28T09:00:00+07:00',
  conclusion: 'Đường huyết cao',
  presentedForm: [{ contentType: 'text/plain', data: Buffer.from('Kết quả').toString('base64') }],
  contained: [observation('o1', '15074-8'), observation('o2', '2345-7')],
  result: [{ reference: '#o1' }, { reference: '#o2' }],
});
const study = (): Json => ({
  resourceType: 'ImagingStudy',
  identifier: [{ system: DICOM_UID, value: 'urn:oid:2.16.124.113543.6003.1154777499.30246.19789.3503430045' }],
  status: 'available',
  basedOn: [{ reference: `ServiceRequest/${ITEM}` }],
  subject: { reference: `Patient/${PATIENT}` },
  started: '2026-11-28T08:00:00Z',
  modality: [{ code: 'CT' }],
  numberOfSeries: 1,
  numberOfInstances: 12,
  endpoint: [{ reference: '#pacs' }],
  contained: [{ resourceType: 'Endpoint', id: 'pacs', address: 'https://pacs.example/wado' }],
});
const specimen = (): Json => ({
  resourceType: 'Specimen',
  accessionIdentifier: { value: 'S-1' },
  status: 'available',
  type: { coding: [{ system: V2_0487, code: 'BLD' }] },
  request: [{ reference: `ServiceRequest/${ITEM}` }],
  subject: { reference: `Patient/${PATIENT}` },
  collection: { collectedDateTime: '2026-11-28T07:00:00Z', collector: { display: 'ĐD Lan' } },
  receivedTime: '2026-11-28T07:30:00Z',
  note: [{ text: 'Mẫu đạt' }],
});
const transaction = (): Json => {
  const r = report();
  const [o1, o2] = r.contained;
  delete r.contained;
  r.result = [{ reference: 'urn:uuid:o1' }, { reference: 'urn:uuid:o2' }];
  const entry = (fullUrl: string, resource: Json) => ({ fullUrl, resource, request: { method: 'POST', url: resource.resourceType } });
  return { resourceType: 'Bundle', type: 'transaction', entry: [{ ...entry('urn:uuid:r', r), request: { method: 'POST', url: 'DiagnosticReport', ifNoneExist: 'identifier=urn:lis|R-1' } }, entry('urn:uuid:o1', o1), entry('urn:uuid:o2', o2)] };
};
const patch = (): Json => [
  { op: 'test', path: '/status', value: 'active' },
  { op: 'replace', path: '/status', value: 'revoked' },
  { op: 'add', path: '/note/-', value: { text: 'Mẫu vỡ' } },
];

/** A real-world FHIR example (shared/fixtures/fhir beside the checkout) made to answer the fake order; null when the folder is not there. */
function sharedFixture(name: string): Json | null {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    const file = join(dir, 'shared', 'fixtures', 'fhir', name);
    if (existsSync(file)) {
      const resource = JSON.parse(readFileSync(file, 'utf8'));
      if (resource.resourceType === 'Bundle') return resource;
      return { ...resource, identifier: resource.identifier ?? [{ value: name }], basedOn: [{ reference: `ServiceRequest/${ITEM}` }], request: [{ reference: `ServiceRequest/${ITEM}` }], subject: { reference: `Patient/${PATIENT}` } };
    }
  }
  return null;
}

const OURS: [Target, () => Json][] = [
  ['transaction', transaction],
  ['DiagnosticReport', report],
  ['Observation', () => ({ ...observation('o1', '15074-8'), identifier: [{ value: 'R-2' }], basedOn: [{ reference: `ServiceRequest/${ITEM}` }] })],
  ['ImagingStudy', study],
  ['Specimen', specimen],
  ['patch', patch],
  ['update', () => ({ ...report(), id: 'r' })],
  ['update', () => ({ ...observation('o1', '15074-8'), status: 'corrected', valueQuantity: { value: 6.1, code: 'mmol/L' } })],
  ['update', () => ({ ...specimen(), id: ITEM, status: 'unsatisfactory' })],
  ['update', () => ({ ...study(), id: ITEM })],
  ['update', () => ({ resourceType: 'ServiceRequest', id: ITEM, status: 'revoked', note: [{ text: 'Mẫu vỡ' }] })],
];
/** Ours, and the official examples, which Benhan may refuse (a PUT in the transaction, a SNOMED specimen type…) but only with a FhirError. */
const VALID = [...OURS];
for (const [target, name] of [
  ['Observation', 'Observation-f001.json'],
  ['Observation', 'Observation-example.json'],
  ['Observation', 'Observation-blood-pressure.json'],
  ['DiagnosticReport', 'DiagnosticReport-f201.json'],
  ['ImagingStudy', 'ImagingStudy-example-xr.json'],
  ['Specimen', 'Specimen-101.json'],
  ['transaction', 'Bundle-bundle-transaction.json'],
] as const) {
  const resource = sharedFixture(name);
  if (resource) VALID.push([target, () => structuredClone(resource)]);
}

/** JSON a sender may put anywhere: any JSON value, or one that trips careless code (members named like Object's, non-strings where text is expected). */
const hostileJson: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom('{"toString":0}', '{"valueOf":{},"toString":{}}', '"__proto__"', '"constructor"', '"toString"', '"hasOwnProperty"', '{"__proto__":{"x":1}}', '[]', '{}', 'null', '0', '-1', '1e308', '""', '" "', '"#o1"', `"ServiceRequest/${ITEM}"`, '"2026-13-45"', '"urn:uuid:o1"', '[null]', '[{}]', '"final"', '"entered-in-error"').map((text) => JSON.parse(text)),
);

/** Every path (keys and indexes) into a JSON value. */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  return [prefix, ...Object.keys(value).flatMap((k) => pathsOf(value[k], [...prefix, Array.isArray(value) ? Number(k) : k]))];
}

/** A copy of a valid body with a few elements replaced by hostile JSON, deleted, or given an extra member. */
const mutated = fc.tuple(fc.constantFrom(...VALID), fc.array(fc.tuple(fc.nat(), fc.constantFrom('set', 'delete', 'add'), hostileJson, fc.constantFrom('status', 'reference', 'value', 'code', 'coding', 'system', 'id', 'toString', '__proto__')), { minLength: 1, maxLength: 3 })).map(([[target, make], changes]) => {
  let body = make();
  for (const [pick, how, generated, key] of changes) {
    // A copy: fast-check replays its values while shrinking, so they must not be changed by a later mutation.
    const value = generated === undefined ? undefined : JSON.parse(JSON.stringify(generated));
    const paths = pathsOf(body);
    const path = paths[pick % paths.length];
    if (path.length === 0) {
      body = how === 'set' ? value : body;
      continue;
    }
    const parent = path.slice(0, -1).reduce((node: Json, k) => node[k], body);
    const last = path[path.length - 1];
    if (how === 'delete' && Array.isArray(parent)) parent.splice(Number(last), 1);
    else if (how === 'delete') delete parent[last];
    else if (how === 'add' && parent[last] !== null && typeof parent[last] === 'object' && !Array.isArray(parent[last])) Object.defineProperty(parent[last], key, { value, enumerable: true, writable: true, configurable: true });
    else parent[last] = value;
  }
  // What arrives over HTTP is JSON text.
  return { target, body: body === undefined ? null : JSON.parse(JSON.stringify(body)) };
});

describe('FHIR writes (property-based)', () => {
  it.each(OURS.map(([target, make]) => [`${target} of ${make().resourceType ?? 'a JSON Patch'}`, target, make] as const))('accepts the valid %s it mutates', async (_name, target, make) => {
    const { writes, fulfilment, requests } = harness();
    await send(writes, fulfilment, target, make());
    expect(requests).toEqual([]);
  });

  it('answers the official FHIR examples with a FhirError or a well-formed request', async () => {
    for (const [target, make] of VALID.slice(OURS.length)) await expectFhirErrorOrValidRequest(target, make());
  });

  it('answers any JSON body with a FhirError or a well-formed request to the domain, never another error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...TARGETS), fc.oneof(hostileJson, fc.anything({ stringUnit: 'binary' }).map((v) => JSON.parse(JSON.stringify(v ?? null)))), async (target, body) => {
        await expectFhirErrorOrValidRequest(target, body);
      }),
      { numRuns: 1000, ...seed },
    );
  });

  it('answers mutated copies of valid resources (ours and the official FHIR examples) with a FhirError or a well-formed request', async () => {
    await fc.assert(
      fc.asyncProperty(mutated, fc.option(fc.string({ maxLength: 30 }), { nil: undefined }), async ({ target, body }, ifNoneExist) => {
        await expectFhirErrorOrValidRequest(target, body, ifNoneExist);
      }),
      { numRuns: 2000, ...seed },
    );
  });
});
