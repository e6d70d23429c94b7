import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { CensusEntry, Department } from '@benhan/shared/contracts';
import { TestSystem, type HttpResult } from '../support/system';
import { fhirProblems, warmUpValidators } from './fhir-validation';

/* eslint-disable @typescript-eslint/no-explicit-any -- FHIR resources are read as loose JSON here; the validators check their shape */
type Json = any;

const LIPID_PATIENT_CCCD = '001065009876';
const XRAY_PATIENT_CCCD = '001047001122';
const FIXTURES = join(__dirname, 'fixtures');
/** A well-formed `_cursor` (the server's opaque format: the time and id of the row the page starts after). */
const CURSOR = Buffer.from('2026-01-01T00:00:00.000000Z|00000000-0000-4000-8000-000000000000').toString('base64url');
const fixture = (name: string): Json => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));

describe('FHIR R4: orders and results (ServiceRequest, lab Observation, DiagnosticReport, ImagingStudy)', () => {
  let system: TestSystem;
  let doctor: string;
  let inspector: string;
  let lis: string;
  let census: CensusEntry[];
  const received: string[] = [];

  /** A FHIR request; every response is checked for the FHIR media type and validated (any problem fails the test). */
  async function fhir(path: string, token?: string, options: { method?: string; json?: unknown; headers?: Record<string, string> } = {}): Promise<HttpResult<Json>> {
    const res = await system.request<Json>(options.method ?? 'GET', `/fhir/R4${path}`, {
      token,
      json: options.json,
      headers: { accept: 'application/fhir+json', ...(options.json ? { 'content-type': 'application/fhir+json' } : {}), ...options.headers },
    });
    expect(res.headers.get('content-type')).toBe('application/fhir+json; charset=utf-8');
    expect(fhirProblems(res.body)).toEqual([]);
    for (const entry of res.body?.entry ?? []) if (entry.resource) expect(fhirProblems(entry.resource)).toEqual([]);
    received.push(`${res.body?.resourceType} ${path}`);
    return res;
  }

  async function clientToken(clientId: 'lis' | 'pacs', scope?: string): Promise<string> {
    const res = await system.request<{ access_token: string }>('POST', '/api/auth/token', {
      form: { grant_type: 'client_credentials', client_id: clientId, client_secret: `${clientId}-demo-secret-2026`, ...(scope ? { scope } : {}) },
    });
    expect(res.status).toBe(200);
    return res.body.access_token;
  }

  async function stayOf(cccd: string): Promise<{ patientId: string; encounterId: string }> {
    const [row] = await system.sql<{ patient_id: string; encounter_id: string }>(
      `SELECT e.patient_id, e.id AS encounter_id FROM encounters e JOIN patients p ON p.id = e.patient_id WHERE p.citizen_id = $1 AND e.status = 'in_progress'`,
      [cccd],
    );
    return { patientId: row.patient_id, encounterId: row.encounter_id };
  }

  beforeAll(async () => {
    warmUpValidators();
    system = await TestSystem.start();
    [doctor, inspector] = [await system.token('doctor'), await system.token('inspector')];
    const departments = (await system.request<Department[]>('GET', '/api/departments', { token: doctor })).body;
    const noi = departments.find((d) => d.code === 'NOI')?.id ?? '';
    census = (await system.request<CensusEntry[]>('GET', `/api/encounters/census?departmentId=${noi}`, { token: doctor })).body;
    lis = await clientToken('lis');
  });
  afterAll(() => system?.stop());

  it('lists the orders types in the CapabilityStatement, and every parameter it lists is accepted', async () => {
    const cs = (await fhir('/metadata')).body;
    const types = cs.rest[0].resource.map((r: Json) => r.type);
    expect(types).toEqual(expect.arrayContaining(['DiagnosticReport', 'ImagingStudy', 'Observation', 'ServiceRequest', 'Specimen']));
    const interactions = (type: string) => cs.rest[0].resource.find((r: Json) => r.type === type).interaction.map((i: Json) => i.code);
    expect(interactions('Specimen')).toEqual(['read', 'vread', 'search-type', 'create', 'update']);
    expect(interactions('ImagingStudy')).toEqual(['read', 'vread', 'search-type', 'create', 'update']);
    expect(interactions('ServiceRequest')).toEqual(['read', 'vread', 'search-type', 'update', 'patch']);
    expect(cs.rest[0].resource.find((r: Json) => r.type === 'Specimen').versioning).toBe('versioned-update');
    for (const resource of cs.rest[0].resource.filter((r: Json) => ['DiagnosticReport', 'ImagingStudy', 'Observation', 'ServiceRequest', 'Specimen'].includes(r.type))) {
      for (const param of resource.searchParam) {
        const value = param.type === 'date' ? '2026' : param.type === 'reference' ? 'Patient/00000000-0000-4000-8000-000000000000' : param.name === '_cursor' ? CURSOR : 'x';
        const res = await fhir(`/${resource.type}?${param.name}=${value}&_count=1`, inspector);
        expect([resource.type, param.name, res.status]).toEqual([resource.type, param.name, 200]);
      }
    }
  });

  it('serves each order item as a ServiceRequest: status, intent, priority, LOINC and service code, ICD-10 reason, requester, requisition', async () => {
    const stay = await stayOf(LIPID_PATIENT_CCCD);
    const res = await fhir(`/ServiceRequest?patient=Patient/${stay.patientId}&category=laboratory`, doctor);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(2);
    const [cbc, lipid] = res.body.entry.map((e: Json) => e.resource).sort((a: Json, b: Json) => a.identifier[0].value.localeCompare(b.identifier[0].value));
    expect(cbc).toMatchObject({
      status: 'completed',
      intent: 'order',
      priority: 'routine',
      subject: { reference: `Patient/${stay.patientId}` },
      encounter: { reference: `Encounter/${stay.encounterId}` },
      requester: { reference: expect.stringMatching(/^Practitioner\//) },
      reasonCode: [{ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'E11.9' }] }],
      note: [{ text: 'Đái tháo đường típ 2, kiểm tra mỡ máu.' }],
    });
    expect(cbc.code.coding.map((c: Json) => [c.system, c.code])).toEqual(
      expect.arrayContaining([['https://benhan.dev/fhir/sid/service-code', 'HH-CBC']]),
    );
    expect(cbc.requisition).toEqual(lipid.requisition);
    expect(cbc.authoredOn).toBeDefined();
    const read = await fhir(`/ServiceRequest/${cbc.id}`, doctor);
    expect(read.body).toEqual(cbc);
    expect(read.headers.get('etag')).toBe(`W/"${cbc.meta.versionId}"`);
    const byCode = await fhir(`/ServiceRequest?code=https://benhan.dev/fhir/sid/service-code|SH-LIPID&patient=Patient/${stay.patientId}`, doctor);
    expect(byCode.body.entry.map((e: Json) => e.resource.id)).toEqual([lipid.id]);
  });

  it('serves lab results as laboratory Observations beside the vital signs, found by category, code, based-on, status and date', async () => {
    const stay = await stayOf(LIPID_PATIENT_CCCD);
    const srs = (await fhir(`/ServiceRequest?patient=Patient/${stay.patientId}`, doctor)).body.entry.map((e: Json) => e.resource);
    const labs = await fhir(`/Observation?patient=Patient/${stay.patientId}&category=laboratory&_count=50`, doctor);
    expect(labs.body.total).toBe(11);
    const ldl = labs.body.entry.map((e: Json) => e.resource).find((o: Json) => o.code.coding[0].code === '22748-8');
    expect(ldl).toMatchObject({
      status: 'final',
      category: [{ coding: [{ code: 'laboratory' }] }],
      code: { coding: [{ system: 'http://loinc.org', code: '22748-8' }] },
      valueQuantity: { value: 3.9, unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' },
      interpretation: [{ coding: [{ code: 'H' }] }],
      encounter: { reference: `Encounter/${stay.encounterId}` },
    });
    expect(ldl.basedOn.map((b: Json) => b.reference).sort()).toEqual(srs.map((s: Json) => `ServiceRequest/${s.id}`).sort());
    expect(ldl.referenceRange[0].high).toBeDefined();
    expect((await fhir(`/Observation/${ldl.id}`, doctor)).body).toEqual(ldl);
    const byCode = await fhir(`/Observation?patient=Patient/${stay.patientId}&code=http://loinc.org|22748-8`, doctor);
    expect(byCode.body.entry.map((e: Json) => e.resource.id)).toEqual([ldl.id]);
    const basedOn = await fhir(`/Observation?based-on=ServiceRequest/${srs[0].id}&status=final&date=ge2020&_count=0`, doctor);
    expect(basedOn.body.total).toBe(11);
    const all = await fhir(`/Observation?patient=Patient/${stay.patientId}&_count=0`, doctor);
    const vitals = await fhir(`/Observation?patient=Patient/${stay.patientId}&category=vital-signs&_count=0`, doctor);
    expect(all.body.total).toBe(11 + vitals.body.total);
  });

  it('pages Observation searches in effective-time order (newest first, then id): next links walk every match of each source exactly once', async () => {
    const stay = await stayOf(LIPID_PATIENT_CCCD);
    // What each search must list, read straight from the tables (both sources, in the searchset's order).
    const expected = await system.sql<{ id: string; src: string; code: string | null }>(
      `SELECT id, src, code FROM (
         SELECT v.id, 'vital' AS src, NULL AS code, v.taken_at AS effective FROM vital_sign_observations v JOIN encounters e ON e.id = v.encounter_id
          WHERE e.patient_id = $1 AND v.kind <> 'diastolic_bp'
         UNION ALL
         SELECT logical_id, 'lab', code, COALESCE(effective_at, issued) FROM observations WHERE patient_id = $1 AND superseded_by_id IS NULL) o
       ORDER BY effective DESC, id`,
      [stay.patientId],
    );
    const ids = (src?: string, code?: string) => expected.filter((o) => (!src || o.src === src) && (!code || o.code === code)).map((o) => o.id);
    expect([ids('vital').length, ids('lab').length]).toEqual([expect.any(Number), 11]);
    expect(ids('vital').length).toBeGreaterThan(3);
    async function walk(path: string): Promise<{ ids: string[]; totals: (number | undefined)[] }> {
      const found: string[] = [];
      const totals: (number | undefined)[] = [];
      for (let next: string | undefined = path; next; ) {
        const page = await fhir(next, doctor);
        expect(page.status).toBe(200);
        found.push(...(page.body.entry ?? []).map((e: Json) => e.resource.id));
        totals.push(page.body.total);
        const links = Object.fromEntries(page.body.link.map((l: Json) => [l.relation, new URL(l.url)]));
        // Observation pages by key: the next link carries a cursor, never an offset, and a cursor page has no previous link.
        if (links.next) expect([links.next.searchParams.has('_cursor'), links.next.searchParams.has('_offset')]).toEqual([true, false]);
        if (next.includes('_cursor=')) expect(links.previous).toBeUndefined();
        next = links.next ? `${links.next.pathname.slice('/fhir/R4'.length)}${links.next.search}` : undefined;
      }
      return { ids: found, totals };
    }
    const base = `/Observation?patient=Patient/${stay.patientId}`;
    for (const [query, want] of [
      ['&_count=4', ids()],
      ['&category=laboratory&_count=3', ids('lab')],
      ['&category=vital-signs&_count=2', ids('vital')],
      ['&code=http://loinc.org|22748-8&_count=1', ids('lab', '22748-8')],
      [`&date=ge2020&_count=5`, ids()],
      ['&category=laboratory&_count=50', ids('lab')],
    ] as const) {
      const walked = await walk(base + query);
      expect([query, walked.ids]).toEqual([query, want]);
      expect(new Set(walked.ids).size).toBe(walked.ids.length);
      // No page counts unasked; a single page that holds every match knows the total all the same.
      expect(walked.totals).toEqual(walked.totals.length === 1 ? [want.length] : walked.totals.map(() => undefined));
    }
    const counted = await walk(`${base}&_count=3&_total=accurate`);
    expect([counted.ids, new Set(counted.totals)]).toEqual([ids(), new Set([expected.length])]);
    const accurate = await fhir(`${base}&_count=2&_total=accurate`, doctor);
    expect([accurate.body.total, accurate.body.entry.map((e: Json) => e.resource.id)]).toEqual([expected.length, ids().slice(0, 2)]);
    expect((await fhir(`${base}&category=laboratory&_count=0`, doctor)).body.total).toBe(11);
    expect((await fhir(`${base}&category=vital-signs&category=laboratory&_count=0`, doctor)).body.total).toBe(0);
    // A cursor is the server's own: anything else, or a cursor with an offset, is a 400 naming the parameter.
    const cursor = new URL((await fhir(`${base}&_count=1`, doctor)).body.link.find((l: Json) => l.relation === 'next').url).searchParams.get('_cursor');
    expect((await fhir(`${base}&_count=1&_cursor=${cursor}`, doctor)).body.entry[0].resource.id).toBe(ids()[1]);
    for (const bad of [`_cursor=${cursor}x`, '_cursor=MjAyNnxub3Q', `_cursor=${cursor}&_offset=1`]) {
      const res = await fhir(`${base}&${bad}`, doctor);
      expect([bad, res.status, res.body.issue[0].expression]).toEqual([bad, 400, [bad.includes('_offset') ? '_offset' : '_cursor']]);
    }
  });

  it('serves reports as DiagnosticReports (LAB with its Observations, RAD with conclusion, findings and ImagingStudy)', async () => {
    const stay = await stayOf(LIPID_PATIENT_CCCD);
    const reports = await fhir(`/DiagnosticReport?patient=Patient/${stay.patientId}&category=LAB`, doctor);
    expect(reports.body.total).toBe(1);
    const report = reports.body.entry[0].resource;
    expect(report).toMatchObject({
      status: 'final',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' }] }],
      identifier: [{ system: 'https://benhan.dev/fhir/sid/report/lis', value: 'LIS-DEMO-0001' }],
      conclusion: 'Mỡ máu: LDL-C tăng.',
    });
    expect(report.result).toHaveLength(11);
    expect(report.basedOn).toHaveLength(2);
    expect((await fhir(`/DiagnosticReport?identifier=LIS-DEMO-0001`, doctor)).body.entry[0].resource.id).toBe(report.id);
    expect((await fhir(`/DiagnosticReport?based-on=${report.basedOn[0].reference}`, doctor)).body.total).toBe(1);
    expect((await fhir(`/DiagnosticReport?result=${report.result[0].reference}`, doctor)).body.total).toBe(1);
    expect((await fhir(`/DiagnosticReport/${report.id}`, doctor)).body).toEqual(report);

    const xray = await stayOf(XRAY_PATIENT_CCCD);
    const rad = (await fhir(`/DiagnosticReport?patient=Patient/${xray.patientId}&category=RAD`, doctor)).body.entry[0].resource;
    expect(rad).toMatchObject({ status: 'final', conclusion: 'Hình ảnh viêm phổi thuỳ dưới phổi phải.', imagingStudy: [{ reference: expect.stringMatching(/^ImagingStudy\//) }] });
    expect(Buffer.from(rad.presentedForm[0].data, 'base64').toString('utf8')).toContain('Đám mờ không đều');
    const study = (await fhir(`/${rad.imagingStudy[0].reference}`, doctor)).body;
    expect(study).toMatchObject({
      resourceType: 'ImagingStudy',
      status: 'available',
      identifier: [{ system: 'urn:dicom:uid', value: 'urn:oid:1.2.826.0.1.3680043.10.1482.2026.1' }],
      modality: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'CR' }],
      numberOfSeries: 1,
      numberOfInstances: 1,
      endpoint: [{ reference: '#viewer' }],
      basedOn: rad.basedOn,
    });
    expect(study.contained[0]).toMatchObject({ resourceType: 'Endpoint', address: expect.stringContaining('StudyInstanceUIDs=1.2.826.0.1.3680043.10.1482.2026.1') });
    const byUid = await fhir(`/ImagingStudy?identifier=urn:dicom:uid|urn:oid:1.2.826.0.1.3680043.10.1482.2026.1&modality=CR&basedon=${rad.basedOn[0].reference}`, doctor);
    expect(byUid.body.entry.map((e: Json) => e.resource.id)).toEqual([study.id]);
  });

  it('includes the reports of ServiceRequests (_revinclude=DiagnosticReport:based-on) and their Observations (_include=DiagnosticReport:result), search mode include', async () => {
    const stay = await stayOf(LIPID_PATIENT_CCCD);
    const res = await fhir(`/ServiceRequest?patient=Patient/${stay.patientId}&_revinclude=DiagnosticReport:based-on&_include=DiagnosticReport:result`, doctor);
    const byMode = (mode: string) => res.body.entry.filter((e: Json) => e.search.mode === mode).map((e: Json) => e.resource);
    expect(byMode('match').map((r: Json) => r.resourceType)).toEqual(['ServiceRequest', 'ServiceRequest']);
    const reports = byMode('include').filter((r: Json) => r.resourceType === 'DiagnosticReport');
    expect(reports).toHaveLength(1);
    const observations = byMode('include').filter((r: Json) => r.resourceType === 'Observation');
    expect(observations.map((o: Json) => `Observation/${o.id}`).sort()).toEqual(reports[0].result.map((r: Json) => r.reference).sort());
    expect(res.body.total).toBe(2);
    expect(res.body.link[0].url).toContain('_revinclude=DiagnosticReport%3Abased-on');
    const onReports = await fhir(`/DiagnosticReport?patient=Patient/${stay.patientId}&_include=DiagnosticReport:result`, doctor);
    expect(onReports.body.entry.filter((e: Json) => e.search.mode === 'include')).toHaveLength(11);
    const unsupported = await fhir(`/Patient?_include=Patient:organization`, doctor);
    expect([unsupported.status, unsupported.body.issue[0].expression]).toEqual([400, ['_include']]);
    const cs = (await fhir('/metadata')).body.rest[0].resource.find((r: Json) => r.type === 'ServiceRequest');
    expect([cs.searchInclude, cs.searchRevInclude]).toEqual([['DiagnosticReport:result'], ['DiagnosticReport:based-on']]);
  });

  it('shows a correction as the next version of the same resources (status corrected), the value it replaced readable by vread', async () => {
    const stay = await stayOf(LIPID_PATIENT_CCCD);
    const [order] = await system.sql<{ id: string }>(`SELECT id FROM orders WHERE patient_id = $1 AND category = 'laboratory'`, [stay.patientId]);
    const before = (await fhir(`/Observation?patient=Patient/${stay.patientId}&code=22748-8`, doctor)).body.entry[0].resource;
    const corrected = await system.request('POST', `/api/orders/${order.id}/results`, {
      token: await clientToken('lis', 'results.write'),
      json: { externalId: 'LIS-DEMO-0001', status: 'corrected', observations: [{ code: '22748-8', valueQuantity: 3.6, unit: 'mmol/L' }], conclusion: 'Mỡ máu: LDL-C tăng (đã hiệu chỉnh).' },
    });
    expect(corrected.status).toBe(201);
    const current = await fhir(`/Observation?patient=Patient/${stay.patientId}&code=22748-8&status=corrected`, doctor);
    expect(current.body.entry.map((e: Json) => [e.resource.id, e.resource.meta.versionId, e.resource.valueQuantity.value])).toEqual([[before.id, '2', 3.6]]);
    expect((await fhir(`/Observation/${before.id}`, doctor)).body).toMatchObject({ status: 'corrected', valueQuantity: { value: 3.6 } });
    expect((await fhir(`/Observation/${before.id}/_history/1`, doctor)).body).toMatchObject({ id: before.id, status: 'final', valueQuantity: { value: 3.9 }, meta: { versionId: '1' } });
    const reports = await fhir(`/DiagnosticReport?identifier=LIS-DEMO-0001&_count=5`, doctor);
    expect(reports.body.entry.map((e: Json) => [e.resource.status, e.resource.meta.versionId])).toEqual([['corrected', '2']]);
    const first = await fhir(`/DiagnosticReport/${reports.body.entry[0].resource.id}/_history/1`, doctor);
    expect(first.body).toMatchObject({ status: 'final', meta: { versionId: '1' } });
  });

  it('lets the LIS poll for new active lab orders (status=active&_lastUpdated=gt…&category=laboratory) with its system scopes', async () => {
    const stay = census[0];
    const since = new Date(Date.now() - 1000).toISOString();
    const placed = await system.request<{ id: string }>('POST', `/api/encounters/${stay.encounterId}/orders`, {
      token: doctor,
      json: { category: 'laboratory', priority: 'urgent', items: ['SH-ELEC'], reason: { code: 'E87.6' } },
    });
    expect(placed.status).toBe(201);
    const poll = `/ServiceRequest?status=active&_lastUpdated=gt${since}&category=laboratory`;
    expect((await fhir(poll, lis)).body.total ?? 0).toBe(0);
    const activated = await system.request('POST', `/api/orders/${placed.body.id}/activate`, { token: doctor, json: { pin: '123456' } });
    expect(activated.status).toBe(200);
    const found = await fhir(poll, lis);
    expect(found.body.total).toBe(1);
    expect(found.body.entry[0].resource).toMatchObject({ status: 'active', priority: 'urgent', requisition: { value: placed.body.id } });
    expect((await fhir(`/ServiceRequest?status=active&_lastUpdated=gt${since}&category=imaging`, lis)).body.total).toBe(0);
  });

  /** A new signed lab order on a stay of the ward: its id and its ServiceRequests (one per item). */
  async function activeOrder(items: string[], stay = census[0]): Promise<{ orderId: string; requests: Json[]; patientId: string; encounterId: string }> {
    const placed = await system.request<{ id: string }>('POST', `/api/encounters/${stay.encounterId}/orders`, { token: doctor, json: { category: 'laboratory', priority: 'routine', items } });
    expect(placed.status).toBe(201);
    expect((await system.request('POST', `/api/orders/${placed.body.id}/activate`, { token: doctor, json: { pin: '123456' } })).status).toBe(200);
    const requests = (await fhir(`/ServiceRequest?requisition=${placed.body.id}`, lis)).body.entry.map((e: Json) => e.resource);
    return { orderId: placed.body.id, requests, patientId: stay.patientId, encounterId: stay.encounterId };
  }

  function electrolytes(order: { requests: Json[]; patientId: string }, reportId: string, potassium: Json = { value: 3.1, unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' }): Json {
    const urls = [randomUUID(), randomUUID(), randomUUID(), randomUUID()].map((u) => `urn:uuid:${u}`);
    const subject = { reference: `Patient/${order.patientId}` };
    const obs = (code: string, valueQuantity: Json) => ({
      resourceType: 'Observation',
      status: 'final',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' }] }],
      code: { coding: [{ system: 'http://loinc.org', code }] },
      subject,
      valueQuantity,
    });
    return {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          fullUrl: urls[0],
          resource: {
            resourceType: 'DiagnosticReport',
            identifier: [{ system: 'https://benhan.dev/fhir/sid/report/lis', value: reportId }],
            basedOn: [{ reference: `ServiceRequest/${order.requests[0].id}` }],
            status: 'final',
            category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' }] }],
            code: { text: 'Điện giải đồ' },
            subject,
            issued: new Date().toISOString(),
            result: urls.slice(1).map((reference) => ({ reference })),
            conclusion: 'Hạ kali máu nhẹ.',
          },
          request: { method: 'POST', url: 'DiagnosticReport', ifNoneExist: `identifier=https://benhan.dev/fhir/sid/report/lis|${reportId}` },
        },
        { fullUrl: urls[1], resource: obs('2951-2', { value: 136, unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' }), request: { method: 'POST', url: 'Observation' } },
        { fullUrl: urls[2], resource: obs('2823-3', potassium), request: { method: 'POST', url: 'Observation' } },
        { fullUrl: urls[3], resource: obs('2075-0', { value: 101, unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' }), request: { method: 'POST', url: 'Observation' } },
      ],
    };
  }

  const post = (path: string, json: unknown, token = lis, headers: Record<string, string> = {}) => fhir(path, token, { method: 'POST', json, headers });

  it('records a transaction Bundle (DiagnosticReport + 3 Observations, urn:uuid references) in one go, idempotently, audited', async () => {
    const order = await activeOrder(['SH-ELEC']);
    const bundle = electrolytes(order, 'LIS-FHIR-0001');
    const res = await post('', bundle);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ resourceType: 'Bundle', type: 'transaction-response' });
    expect(res.body.entry.map((e: Json) => e.response.status)).toEqual(['201 Created', '201 Created', '201 Created', '201 Created']);
    const [reportLoc, ...obsLocs] = res.body.entry.map((e: Json) => e.response.location as string);
    expect(reportLoc).toMatch(/^DiagnosticReport\/[0-9a-f-]{36}\/_history\/1$/);
    const report = (await fhir(`/${reportLoc.split('/_history')[0]}`, doctor)).body;
    expect(report).toMatchObject({ status: 'final', conclusion: 'Hạ kali máu nhẹ.', identifier: [{ value: 'LIS-FHIR-0001' }] });
    expect(report.result.map((r: Json) => r.reference)).toEqual(obsLocs.map((l: string) => l.split('/_history')[0]));
    const k = (await fhir(`/${obsLocs[1].split('/_history')[0]}`, doctor)).body;
    expect(k).toMatchObject({ code: { coding: [{ code: '2823-3' }] }, valueQuantity: { value: 3.1 }, interpretation: [{ coding: [{ code: 'L' }] }], basedOn: [{ reference: `ServiceRequest/${order.requests[0].id}` }] });
    expect((await fhir(`/ServiceRequest/${order.requests[0].id}`, lis)).body.status).toBe('completed');
    const [event] = await system.sql<{ actor_username: string; detail: Json }>(`SELECT actor_username, detail FROM audit_events WHERE action = 'result_record' AND resource_id = $1`, [report.id]);
    expect(event.detail).toMatchObject({ externalId: 'LIS-FHIR-0001', observations: 3 });

    // The same message again, and a conditional create of the same report id: nothing new, the same locations.
    const again = await post('', bundle);
    expect(again.body.entry.map((e: Json) => [e.response.status, e.response.location])).toEqual(res.body.entry.map((e: Json) => ['200 OK', e.response.location]));
    const conditional = await post('', electrolytes(order, 'LIS-FHIR-0001', { value: 3.0, unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' }));
    expect(conditional.body.entry[0].response).toMatchObject({ status: '200 OK', location: reportLoc });
    expect(await system.sql(`SELECT id FROM diagnostic_reports WHERE external_id = 'LIS-FHIR-0001'`)).toHaveLength(1);
  });

  it('refuses an invalid or mismatched transaction as a whole, naming the element (FHIRPath), and writes without a write scope', async () => {
    const order = await activeOrder(['SH-ELEC']);
    const noUnit = electrolytes(order, 'LIS-FHIR-0002', { value: 3.1 });
    const res = await post('', noUnit);
    expect(res.status).toBe(400);
    expect(res.body.issue[0]).toMatchObject({ severity: 'error', code: 'invalid', expression: ['Bundle.entry[2].resource.valueQuantity.unit'] });
    const wrongUnit = await post('', electrolytes(order, 'LIS-FHIR-0002', { value: 3.1, unit: 'mg/dL', system: 'http://unitsofmeasure.org', code: 'mg/dL' }));
    expect([wrongUnit.status, wrongUnit.body.issue[0].expression]).toEqual([400, ['Bundle.entry[2].resource.valueQuantity.unit']]);
    const notOrdered = electrolytes(order, 'LIS-FHIR-0002');
    notOrdered.entry[3].resource.code.coding[0].code = '14749-6';
    const mismatch = await post('', notOrdered);
    expect([mismatch.status, mismatch.body.issue[0].code, mismatch.body.issue[0].expression]).toEqual([422, 'processing', ['Bundle.entry[3].resource.code']]);
    const otherPatient = electrolytes(order, 'LIS-FHIR-0002');
    otherPatient.entry[1].resource.subject = { reference: `Patient/${census[1].patientId}` };
    expect((await post('', otherPatient)).body.issue[0].expression).toEqual(['Bundle.entry[1].resource.subject']);
    expect(await system.sql(`SELECT id FROM diagnostic_reports WHERE external_id = 'LIS-FHIR-0002'`)).toEqual([]);
    expect(await system.sql(`SELECT id FROM observations WHERE order_id = $1`, [order.orderId])).toEqual([]);

    expect((await post('', { ...noUnit, type: 'batch' })).body.issue[0].expression).toEqual(['Bundle.type']);
    const staff = await post('', electrolytes(order, 'LIS-FHIR-0002'), doctor);
    expect([staff.status, staff.body.issue[0].code]).toEqual([403, 'forbidden']);
    const readOnly = await post('', electrolytes(order, 'LIS-FHIR-0002'), await clientToken('lis', 'system/*.read'));
    expect([readOnly.status, readOnly.body.issue[0].expression]).toEqual([403, ['DiagnosticReport']]);
    const pacs = await post('', electrolytes(order, 'LIS-FHIR-0002'), await clientToken('pacs'));
    expect([pacs.status, pacs.body.issue[0].expression]).toEqual([403, ['Observation']]);
  });

  it('accepts the HL7 examples Observation-f001, DiagnosticReport-f201 and Bundle-lipids adapted to a real order, and refuses the raw ones precisely', async () => {
    // Observation/f001 (glucose 6.3 mmol/L, H): a one-value report for a glucose order.
    const glucose = await activeOrder(['SH-GLU'], census[1]);
    const f001 = fixture('Observation-f001.json');
    const rawF001 = await post('/Observation', f001);
    expect([rawF001.status, rawF001.body.issue[0].expression]).toEqual([422, ['Observation.basedOn']]);
    const wrongSubject = await post('/Observation', { ...f001, basedOn: [{ reference: `ServiceRequest/${glucose.requests[0].id}` }] });
    expect([wrongSubject.status, wrongSubject.body.issue[0].expression]).toEqual([422, ['Observation.subject']]);
    const unknownOrder = await post('/Observation', { ...f001, basedOn: [{ reference: 'ServiceRequest/00000000-0000-4000-8000-000000000000' }] });
    expect([unknownOrder.status, unknownOrder.body.issue[0].expression]).toEqual([422, ['Observation.basedOn[0]']]);
    const adapted = { ...f001, code: { coding: [{ system: 'http://loinc.org', code: '14749-6', display: 'Glucose' }] }, basedOn: [{ reference: `ServiceRequest/${glucose.requests[0].id}` }], subject: { reference: `Patient/${glucose.patientId}` } };
    const created = await post('/Observation', adapted);
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`${system.baseUrl}/fhir/R4/Observation/${created.body.id}/_history/1`);
    expect(created.body).toMatchObject({ valueQuantity: { value: 6.3, code: 'mmol/L' }, interpretation: [{ coding: [{ code: 'H' }] }], referenceRange: [{ low: { value: 3.1 }, high: { value: 6.2 } }] });
    expect((await post('/Observation', adapted)).status).toBe(200);

    // DiagnosticReport/f201 (CT, RAD): a further report on the chest X-ray order, naming its stored study.
    const xray = await stayOf(XRAY_PATIENT_CCCD);
    const [xrayRequest] = (await fhir(`/ServiceRequest?patient=Patient/${xray.patientId}&category=imaging`, doctor)).body.entry.map((e: Json) => e.resource);
    const study = (await fhir(`/ImagingStudy?basedon=ServiceRequest/${xrayRequest.id}`, doctor)).body.entry[0].resource;
    const f201 = fixture('DiagnosticReport-f201.json');
    const pacs = await clientToken('pacs');
    const rawF201 = await post('/DiagnosticReport', f201, pacs);
    expect([rawF201.status, rawF201.body.issue[0].expression]).toEqual([422, ['DiagnosticReport.basedOn']]);
    const f201Adapted = {
      ...f201,
      identifier: [{ system: 'https://benhan.dev/fhir/sid/report/pacs', value: 'RIS-FHIR-0201' }],
      basedOn: [{ reference: `ServiceRequest/${xrayRequest.id}` }],
      subject: { reference: `Patient/${xray.patientId}` },
    };
    const noStudy = await post('/DiagnosticReport', f201Adapted, pacs);
    expect([noStudy.status, noStudy.body.issue[0].expression]).toEqual([400, ['DiagnosticReport.imagingStudy']]);
    const rad = await post('/DiagnosticReport', { ...f201Adapted, imagingStudy: [{ reference: `ImagingStudy/${study.id}` }] }, pacs);
    expect(rad.status).toBe(201);
    expect(rad.body).toMatchObject({ category: [{ coding: [{ code: 'RAD' }] }], conclusion: 'CT brains: large tumor sphenoid/clivus.', imagingStudy: [{ reference: `ImagingStudy/${study.id}` }] });

    // Bundle/lipids (a collection): as a transaction on the demo lipid order, with the catalogue's LOINC codes.
    const lipidStay = await stayOf(LIPID_PATIENT_CCCD);
    const lipidRequest = (await fhir(`/ServiceRequest?patient=Patient/${lipidStay.patientId}&code=SH-LIPID`, doctor)).body.entry[0].resource;
    const lipids = fixture('Bundle-lipids.json');
    const asTransaction = (adapt: boolean): Json => {
      const urls = lipids.entry.map(() => `urn:uuid:${randomUUID()}`);
      const codes: Record<string, string> = { '35200-5': '14647-2', '35217-9': '14927-8', '2085-9': '14646-4', '13457-7': '22748-8' };
      return {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: lipids.entry.map((e: Json, i: number) => {
          const resource = JSON.parse(JSON.stringify(e.resource));
          delete resource.id;
          if (i === 0) resource.result = urls.slice(1).map((reference: string) => ({ reference }));
          if (adapt) {
            resource.subject = { reference: `Patient/${lipidStay.patientId}` };
            if (i === 0) resource.basedOn = [{ reference: `ServiceRequest/${lipidRequest.id}` }];
            else resource.code.coding[0].code = codes[resource.code.coding[0].code];
          }
          return { fullUrl: urls[i], resource, request: { method: 'POST', url: resource.resourceType } };
        }),
      };
    };
    const rawLipids = await post('', lipids);
    expect([rawLipids.status, rawLipids.body.issue[0].expression]).toEqual([400, ['Bundle.type']]);
    const rawTransaction = await post('', asTransaction(false));
    expect([rawTransaction.status, rawTransaction.body.issue[0].expression]).toEqual([422, ['Bundle.entry[0].resource.basedOn']]);
    const accepted = await post('', asTransaction(true));
    expect(accepted.status).toBe(200);
    expect(accepted.body.entry.map((e: Json) => e.response.status)).toEqual(['201 Created', '201 Created', '201 Created', '201 Created', '201 Created']);
    const ldl = (await fhir(`/${accepted.body.entry[4].response.location.split('/_history')[0]}`, doctor)).body;
    expect(ldl).toMatchObject({ code: { coding: [{ code: '22748-8' }] }, valueQuantity: { value: lipids.entry[4].resource.valueQuantity.value, code: 'mmol/L' }, referenceRange: [{ high: { value: 3 } }] });
  });

  it('creates a DiagnosticReport with its Observations contained, honouring If-None-Exist', async () => {
    const order = await activeOrder(['SH-GLU', 'SH-CRP'], census[1]);
    const report = {
      resourceType: 'DiagnosticReport',
      identifier: [{ system: 'http://lis.example.vn/reports', value: 'LIS-FHIR-DR-1' }],
      basedOn: order.requests.map((r: Json) => ({ reference: `ServiceRequest/${r.id}` })),
      status: 'preliminary',
      code: { text: 'Glucose, CRP' },
      subject: { reference: `Patient/${order.patientId}` },
      contained: [
        { resourceType: 'Observation', id: 'glu', status: 'preliminary', code: { coding: [{ system: 'http://loinc.org', code: '14749-6' }] }, valueQuantity: { value: 5.2, unit: 'mmol/L' } },
        { resourceType: 'Observation', id: 'crp', status: 'preliminary', code: { coding: [{ system: 'https://benhan.dev/fhir/sid/service-code', code: 'SH-CRP' }] }, valueQuantity: { value: 48, code: 'mg/L' } },
      ],
      result: [{ reference: '#glu' }, { reference: '#crp' }],
    };
    const created = await post('/DiagnosticReport', report);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'preliminary', identifier: [{ value: 'LIS-FHIR-DR-1' }], basedOn: report.basedOn });
    expect(created.body.result).toHaveLength(2);
    const crp = (await fhir(`/${created.body.result[1].reference}`, doctor)).body;
    expect(crp).toMatchObject({ status: 'preliminary', code: { coding: [{ code: '1988-5' }] }, valueQuantity: { value: 48, code: 'mg/L' } });
    expect((await fhir(`/ServiceRequest/${order.requests[0].id}`, doctor)).body.status).toBe('active');
    const again = await post('/DiagnosticReport', { ...report, conclusion: 'changed' }, lis, { 'if-none-exist': 'identifier=http://lis.example.vn/reports|LIS-FHIR-DR-1' });
    expect([again.status, again.body.id]).toEqual([200, created.body.id]);
    const dangling = await post('/DiagnosticReport', { ...report, identifier: [{ value: 'LIS-FHIR-DR-2' }], result: [{ reference: '#nope' }] });
    expect([dangling.status, dangling.body.issue[0].expression]).toEqual([422, ['DiagnosticReport.result[0]']]);
  });

  it('corrects a report and a single value by update (PUT) with If-Match: each is the next version, the earlier readable; only the sender corrects', async () => {
    const order = await activeOrder(['SH-ELEC']);
    const posted = await post('', electrolytes(order, 'LIS-FHIR-UPD-1'));
    const [reportId, , potassiumId] = posted.body.entry.map((e: Json) => e.response.location.split('/')[1]);
    const potassium = (await fhir(`/Observation/${potassiumId}`, lis)).body;

    // One value: status corrected, If-Match on its version. Its report becomes version 2 as well (a correction is the report's).
    const value = { ...potassium, status: 'corrected', valueQuantity: { ...potassium.valueQuantity, value: 3.4 } };
    delete value.interpretation;
    const corrected = await put(`/Observation/${potassiumId}`, value, lis, { 'if-match': 'W/"1"' });
    expect([corrected.status, corrected.headers.get('etag'), corrected.body.id, corrected.body.status, corrected.body.valueQuantity.value]).toEqual([200, 'W/"2"', potassiumId, 'corrected', 3.4]);
    expect(corrected.body.interpretation[0].coding[0].code).toBe('L');
    expect((await fhir(`/Observation/${potassiumId}/_history/1`, doctor)).body.valueQuantity.value).toBe(3.1);
    const report = (await fhir(`/DiagnosticReport/${reportId}`, doctor)).body;
    expect([report.status, report.meta.versionId, report.result.map((r: Json) => r.reference)]).toEqual(['corrected', '2', posted.body.entry.slice(1).map((e: Json) => e.response.location.split('/_history')[0])]);
    expect((await put(`/Observation/${potassiumId}`, value, lis, { 'if-match': 'W/"1"' })).status).toBe(412);

    // The whole report (its values contained), amended: version 3.
    const bundle = electrolytes(order, 'LIS-FHIR-UPD-1', { value: 3.5, unit: 'mmol/L', system: 'http://unitsofmeasure.org', code: 'mmol/L' });
    const [reportEntry, ...valueEntries] = bundle.entry;
    const amended = {
      ...reportEntry.resource,
      id: reportId,
      status: 'amended',
      conclusion: 'Kali máu bình thường thấp (đã hiệu chỉnh).',
      contained: valueEntries.map((e: Json, i: number) => ({ ...e.resource, id: `v${i}` })),
      result: valueEntries.map((_: Json, i: number) => ({ reference: `#v${i}` })),
    };
    const updated = await put(`/DiagnosticReport/${reportId}`, amended, lis, { 'if-match': 'W/"2"' });
    expect([updated.status, updated.body.id, updated.body.meta.versionId, updated.body.status, updated.body.conclusion]).toEqual([200, reportId, '3', 'corrected', 'Kali máu bình thường thấp (đã hiệu chỉnh).']);
    expect((await fhir(`/Observation/${potassiumId}`, doctor)).body).toMatchObject({ meta: { versionId: '3' }, valueQuantity: { value: 3.5 } });
    expect((await fhir(`/DiagnosticReport/${reportId}/_history/1`, doctor)).body).toMatchObject({ status: 'final', conclusion: 'Hạ kali máu nhẹ.' });

    // Refused: another sender, another report id, an unknown report, a stale version.
    const pacs = await clientToken('pacs');
    expect((await put(`/DiagnosticReport/${reportId}`, amended, pacs)).status).toBe(403);
    const renamed = await put(`/DiagnosticReport/${reportId}`, { ...amended, identifier: [{ system: 'https://benhan.dev/fhir/sid/report/lis', value: 'OTHER' }] });
    expect([renamed.status, renamed.body.issue[0].expression]).toEqual([422, ['DiagnosticReport.identifier']]);
    const unknown = randomUUID();
    expect((await put(`/DiagnosticReport/${unknown}`, { ...amended, id: unknown })).status).toBe(404);
    expect((await put(`/DiagnosticReport/${reportId}`, amended, lis, { 'if-match': 'W/"2"' })).status).toBe(412);
    expect(await system.sql(`SELECT id FROM diagnostic_reports WHERE external_id = 'LIS-FHIR-UPD-1'`)).toHaveLength(3);
  });

  const SPECIMEN_SID = 'https://benhan.dev/fhir/sid/specimen/lis';
  const V2_0487 = 'http://terminology.hl7.org/CodeSystem/v2-0487';
  const put = (path: string, json: unknown, token = lis, headers: Record<string, string> = {}) => fhir(path, token, { method: 'PUT', json, headers });
  const jsonPatch = (path: string, operations: unknown, token = lis, headers: Record<string, string> = {}) =>
    fhir(path, token, { method: 'PATCH', json: operations, headers: { 'content-type': 'application/json-patch+json', ...headers } });
  const orderStatus = async (orderId: string) => (await system.request<{ status: string; statusReason: string | null; version: number }>('GET', `/api/orders/${orderId}`, { token: doctor })).body;

  function specimen(order: { requests: Json[]; patientId: string }, accession: string, changes: Json = {}): Json {
    return {
      resourceType: 'Specimen',
      accessionIdentifier: { system: SPECIMEN_SID, value: accession },
      status: 'available',
      type: { coding: [{ system: V2_0487, code: 'SER', display: 'Huyết thanh' }] },
      subject: { reference: `Patient/${order.patientId}` },
      request: [{ reference: `ServiceRequest/${order.requests[0].id}` }],
      receivedTime: '2026-11-28T08:30:00+07:00',
      collection: { collectedDateTime: '2026-11-28T07:45:00+07:00', collector: { display: 'ĐD. Trần Thị Lan' } },
      ...changes,
    };
  }

  it('lets the LIS record a Specimen (create, If-None-Exist, update with If-Match, every version readable); a received one puts the order in progress', async () => {
    const order = await activeOrder(['SH-ELEC']);
    const before = (await fhir(`/ServiceRequest/${order.requests[0].id}`, lis)).body;
    const created = await post('/Specimen', specimen(order, 'LIS-SP-0001'));
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.headers.get('location')).toBe(`${system.baseUrl}/fhir/R4/Specimen/${id}/_history/1`);
    expect(created.headers.get('etag')).toBe('W/"1"');
    expect(created.body).toMatchObject({
      accessionIdentifier: { system: SPECIMEN_SID, value: 'LIS-SP-0001' },
      status: 'available',
      type: { coding: [{ system: V2_0487, code: 'SER' }] },
      receivedTime: '2026-11-28T01:30:00.000Z',
      collection: { collectedDateTime: '2026-11-28T00:45:00.000Z', collector: { display: 'ĐD. Trần Thị Lan' } },
      request: order.requests.map((r: Json) => ({ reference: `ServiceRequest/${r.id}` })),
    });
    // In progress for the EMR (the doctor can no longer simply revoke it); still active for FHIR, with a new version.
    expect((await orderStatus(order.orderId)).status).toBe('in_progress');
    const after = (await fhir(`/ServiceRequest/${order.requests[0].id}`, lis)).body;
    expect([after.status, Number(after.meta.versionId)]).toEqual(['active', Number(before.meta.versionId) + 1]);

    // The same specimen again is no change; a conditional create answers with the existing one; a different one under the same accession is a conflict.
    expect((await post('/Specimen', specimen(order, 'LIS-SP-0001'))).status).toBe(200);
    const conditional = await post('/Specimen', specimen(order, 'LIS-SP-0001', { status: 'unavailable' }), lis, { 'if-none-exist': `identifier=${SPECIMEN_SID}|LIS-SP-0001` });
    expect([conditional.status, conditional.body.id, conditional.body.status]).toEqual([200, id, 'available']);
    const clash = await post('/Specimen', specimen(order, 'LIS-SP-0001', { status: 'unavailable' }));
    expect([clash.status, clash.body.issue[0].expression]).toEqual([409, ['Specimen.accessionIdentifier']]);

    // Update with If-Match: haemolysed. A stale version is refused with 412 and changes nothing.
    const haemolysed = specimen(order, 'LIS-SP-0001', { id, status: 'unsatisfactory', note: [{ text: 'Mẫu vỡ hồng cầu, đề nghị lấy lại' }] });
    const updated = await put(`/Specimen/${id}`, haemolysed, lis, { 'if-match': 'W/"1"' });
    expect([updated.status, updated.headers.get('etag'), updated.body.status, updated.body.note]).toEqual([200, 'W/"2"', 'unsatisfactory', [{ text: 'Mẫu vỡ hồng cầu, đề nghị lấy lại' }]]);
    const stale = await put(`/Specimen/${id}`, { ...haemolysed, status: 'unavailable' }, lis, { 'if-match': 'W/"1"' });
    expect([stale.status, stale.body.issue[0].code]).toEqual([412, 'conflict']);
    expect((await fhir(`/Specimen/${id}/_history/1`, doctor)).body).toMatchObject({ status: 'available', meta: { versionId: '1' } });
    expect((await fhir(`/Specimen/${id}/_history/2`, doctor)).body).toMatchObject({ status: 'unsatisfactory', meta: { versionId: '2' } });
    expect((await fhir(`/Specimen/${id}/_history/3`, doctor)).status).toBe(404);
    // The database itself keeps the history: no update that does not move the version on, no deletion, versions append-only.
    await expect(system.sql(`UPDATE specimens SET status = 'available' WHERE id = $1`, [id])).rejects.toThrow(/moves its version on by one/);
    await expect(system.sql(`DELETE FROM specimens WHERE id = $1`, [id])).rejects.toThrow(/never deleted/);
    await expect(system.sql(`UPDATE fulfilment_versions SET snapshot = '{}' WHERE resource_id = $1`, [id])).rejects.toThrow();

    // Found by the order, the accession, the type and the status; the report made on it names it.
    expect((await fhir(`/Specimen?request=ServiceRequest/${order.requests[0].id}`, doctor)).body.entry.map((e: Json) => e.resource.id)).toEqual([id]);
    expect((await fhir(`/Specimen?accession=LIS-SP-0001&status=unsatisfactory&type=${V2_0487}|SER&patient=Patient/${order.patientId}`, lis)).body.total).toBe(1);
    expect((await fhir(`/Specimen?identifier=${SPECIMEN_SID}|LIS-SP-0001&status=available`, lis)).body.total).toBe(0);
    const report = await post('', electrolytes(order, 'LIS-FHIR-SP-0001'));
    const reportId = report.body.entry[0].response.location.split('/')[1];
    expect((await fhir(`/DiagnosticReport/${reportId}`, doctor)).body.specimen).toEqual([{ reference: `Specimen/${id}` }]);
    const events = await system.sql<{ detail: Json; resource_version: number }>(`SELECT detail, resource_version FROM audit_events WHERE action = 'specimen_record' AND resource_id = $1 ORDER BY seq`, [id]);
    expect(events.map((e) => [e.resource_version, e.detail.status])).toEqual([
      [1, 'available'],
      [2, 'unsatisfactory'],
    ]);
  });

  it('refuses a bad Specimen precisely and writes nothing', async () => {
    const order = await activeOrder(['SH-GLU']);
    const count = async () => (await system.sql(`SELECT id FROM specimens WHERE order_id = $1`, [order.orderId])).length;
    const cases: [Json, number, string][] = [
      [specimen(order, 'LIS-SP-BAD', { type: { coding: [{ system: 'http://snomed.info/sct', code: '119364003' }] } }), 400, 'Specimen.type'],
      [specimen(order, 'LIS-SP-BAD', { accessionIdentifier: undefined }), 400, 'Specimen.accessionIdentifier'],
      [specimen(order, 'LIS-SP-BAD', { status: 'lost' }), 400, 'Specimen.status'],
      [specimen(order, 'LIS-SP-BAD', { receivedTime: 'yesterday' }), 400, 'Specimen.receivedTime'],
      [specimen(order, 'LIS-SP-BAD', { receivedTime: '2026-11-28T06:00:00+07:00' }), 400, 'Specimen.receivedTime'],
      [specimen(order, 'LIS-SP-BAD', { request: undefined }), 422, 'Specimen.request'],
      [specimen(order, 'LIS-SP-BAD', { subject: { reference: `Patient/${census[1].patientId}` } }), 422, 'Specimen.subject'],
    ];
    for (const [body, status, expression] of cases) {
      const res = await post('/Specimen', body);
      expect([expression, res.status, res.body.issue?.[0]?.expression]).toEqual([expression, status, [expression]]);
    }
    const pacs = await clientToken('pacs');
    expect((await post('/Specimen', specimen(order, 'LIS-SP-BAD'), pacs)).status).toBe(403);
    expect((await post('/Specimen', specimen(order, 'LIS-SP-BAD'), doctor)).status).toBe(403);
    const good = await post('/Specimen', specimen(order, 'LIS-SP-0002'));
    const mismatch = await put(`/Specimen/${randomUUID()}`, { ...specimen(order, 'LIS-SP-0002'), id: good.body.id });
    expect([mismatch.status, mismatch.body.issue[0].expression]).toEqual([400, ['Specimen.id']]);
    expect((await put(`/Specimen/${randomUUID()}`, { ...specimen(order, 'LIS-SP-0002') })).status).toBe(400);
    expect(await count()).toBe(1);
  });

  it('lets the performing department give an order back (ServiceRequest revoked by JSON Patch or update, with the reason), checking If-Match and refusing what is the doctor’s', async () => {
    const order = await activeOrder(['SH-CRP']);
    const path = `/ServiceRequest/${order.requests[0].id}`;
    const current = (await fhir(path, lis)).body;
    const version = current.meta.versionId;
    const reason = 'Bệnh nhân đã chuyển viện, không lấy được mẫu';
    expect((await jsonPatch(path, [{ op: 'replace', path: '/priority', value: 'stat' }])).status).toBe(422);
    expect((await jsonPatch(path, [{ op: 'test', path: '/status', value: 'draft' }])).status).toBe(422);
    expect((await fhir(path, lis, { method: 'PATCH', json: [{ op: 'replace', path: '/status', value: 'revoked' }] })).status).toBe(415);
    const noReason = await jsonPatch(path, [{ op: 'replace', path: '/status', value: 'revoked' }]);
    expect([noReason.status, noReason.body.issue[0].expression]).toEqual([400, ['ServiceRequest.note']]);
    const completed = await put(path, { ...current, status: 'completed' });
    expect([completed.status, completed.body.issue[0].expression]).toEqual([422, ['ServiceRequest.status']]);
    const operations = [
      { op: 'test', path: '/status', value: 'active' },
      { op: 'replace', path: '/status', value: 'revoked' },
      { op: 'add', path: '/note/-', value: { text: reason } },
    ];
    expect((await jsonPatch(path, operations, lis, { 'if-match': `W/"${Number(version) + 5}"` })).status).toBe(412);
    expect((await jsonPatch(path, operations, doctor)).status).toBe(403);
    const patched = await jsonPatch(path, operations, lis, { 'if-match': `W/"${version}"` });
    expect([patched.status, patched.body.status, patched.headers.get('etag')]).toEqual([200, 'revoked', `W/"${Number(version) + 1}"`]);
    expect(patched.body.note).toEqual(expect.arrayContaining([{ text: reason }]));
    expect(await orderStatus(order.orderId)).toMatchObject({ status: 'revoked', statusReason: reason });
    const [event] = await system.sql<{ actor_username: string; reason: string; detail: Json }>(`SELECT actor_username, reason, detail FROM audit_events WHERE action = 'order_status_change' AND resource_id = $1`, [order.orderId]);
    expect(event).toMatchObject({ reason, detail: { from: 'active', to: 'revoked', by: 'filler' } });
    // Revoked is final: the same status again changes nothing; anything else is refused.
    expect((await put(path, { ...patched.body })).status).toBe(200);
    expect((await put(path, { ...patched.body, status: 'active' })).status).toBe(422);

    // By update, on an order already in progress (the department may give back what it started).
    const started = await activeOrder(['SH-CRP']);
    await post('/Specimen', specimen(started, 'LIS-SP-0003'));
    const sr = (await fhir(`/ServiceRequest/${started.requests[0].id}`, lis)).body;
    const revoked = await put(`/ServiceRequest/${sr.id}`, { ...sr, status: 'revoked', note: [...(sr.note ?? []), { text: 'Mẫu đông, không làm được' }] }, lis, { 'if-match': `W/"${sr.meta.versionId}"` });
    expect([revoked.status, revoked.body.status]).toEqual([200, 'revoked']);
    expect(await orderStatus(started.orderId)).toMatchObject({ status: 'revoked', statusReason: 'Mẫu đông, không làm được' });
  });

  it('lets the PACS announce an ImagingStudy (registered), complete it with If-Match (available), every version readable; the order is in progress', async () => {
    const stay = census[0];
    const placed = await system.request<{ id: string }>('POST', `/api/encounters/${stay.encounterId}/orders`, { token: doctor, json: { category: 'imaging', priority: 'urgent', items: ['CDHA-XQ-NGUC'] } });
    expect((await system.request('POST', `/api/orders/${placed.body.id}/activate`, { token: doctor, json: { pin: '123456' } })).status).toBe(200);
    const pacs = await clientToken('pacs');
    const [request] = (await fhir(`/ServiceRequest?requisition=${placed.body.id}`, pacs)).body.entry.map((e: Json) => e.resource);
    const uid = `1.2.840.113619.2.55.3.${Date.now()}`;
    const study = (changes: Json = {}): Json => ({
      resourceType: 'ImagingStudy',
      contained: [{ resourceType: 'Endpoint', id: 'viewer', status: 'active', connectionType: { code: 'dicom-wado-rs' }, payloadType: [{ text: 'DICOM' }], address: `https://pacs.example.vn/viewer?StudyInstanceUIDs=${uid}` }],
      identifier: [{ system: 'urn:dicom:uid', value: `urn:oid:${uid}` }],
      status: 'registered',
      modality: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'CR' }],
      subject: { reference: `Patient/${stay.patientId}` },
      basedOn: [{ reference: `ServiceRequest/${request.id}` }],
      endpoint: [{ reference: '#viewer' }],
      numberOfSeries: 0,
      ...changes,
    });
    const created = await post('/ImagingStudy', study(), pacs);
    expect([created.status, created.body.status, created.headers.get('etag')]).toEqual([201, 'registered', 'W/"1"']);
    expect((await orderStatus(placed.body.id)).status).toBe('in_progress');
    const wrongModality = await post('/ImagingStudy', study({ identifier: [{ system: 'urn:dicom:uid', value: `urn:oid:${uid}.9` }], modality: [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: 'CT' }] }), pacs);
    expect([wrongModality.status, wrongModality.body.issue[0].expression]).toEqual([422, ['ImagingStudy.modality']]);
    const available = await put(`/ImagingStudy/${created.body.id}`, study({ id: created.body.id, status: 'available', numberOfSeries: 2, numberOfInstances: 3, started: '2026-11-28T09:05:00+07:00' }), pacs, { 'if-match': 'W/"1"' });
    expect([available.status, available.body.status, available.body.numberOfSeries, available.body.meta.versionId]).toEqual([200, 'available', 2, '2']);
    expect((await fhir(`/ImagingStudy/${created.body.id}/_history/1`, doctor)).body).toMatchObject({ status: 'registered', numberOfSeries: 0 });
    expect((await fhir(`/ImagingStudy?basedon=ServiceRequest/${request.id}&status=available`, doctor)).body.entry.map((e: Json) => e.resource.id)).toEqual([created.body.id]);
    expect((await fhir(`/ImagingStudy?basedon=ServiceRequest/${request.id}&status=registered`, doctor)).body.total ?? 0).toBe(0);
    expect((await put(`/ImagingStudy/${created.body.id}`, study({ id: created.body.id, status: 'cancelled' }), pacs, { 'if-match': 'W/"1"' })).status).toBe(412);
    expect((await post('/ImagingStudy', study(), lis)).status).toBe(403);
  });

  it('works with an independent client: fhir-kit-client posts a transaction of a DiagnosticReport with three Observations and reads them back', async () => {
    const order = await activeOrder(['SH-ELEC']);
    const file = join(tmpdir(), `benhan-fhir-${randomUUID()}.json`);
    writeFileSync(file, JSON.stringify(electrolytes(order, 'LIS-FHIR-KIT-1')));
    const { stdout } = await promisify(execFile)(process.execPath, [join(__dirname, 'fhir-kit-client-results.mjs'), `${system.baseUrl}/fhir/R4`, lis, file], { timeout: 30_000 });
    const out = JSON.parse(stdout);
    expect(out.response.entry.map((e: Json) => e.response.status)).toEqual(['201 Created', '201 Created', '201 Created', '201 Created']);
    expect(out.report).toMatchObject({ resourceType: 'DiagnosticReport', status: 'final', identifier: [{ value: 'LIS-FHIR-KIT-1' }] });
    expect(out.observations.map((o: Json) => [o.code.coding[0].code, o.valueQuantity.value])).toEqual([
      ['2951-2', 136],
      ['2823-3', 3.1],
      ['2075-0', 101],
    ]);
    expect(out.search.total).toBe(3);
    for (const resource of [out.response, out.report, ...out.observations, out.search]) expect(fhirProblems(resource)).toEqual([]);
  });

  it('audits the reads of orders and results', async () => {
    const events = await system.sql<{ action: string; detail: Json }>(`SELECT action, detail FROM audit_events WHERE detail->>'fhir' IN ('ServiceRequest', 'DiagnosticReport', 'ImagingStudy') ORDER BY seq`);
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'order_read', detail: expect.objectContaining({ fhir: 'ServiceRequest', interaction: 'read' }) }),
        expect.objectContaining({ action: 'result_read', detail: expect.objectContaining({ fhir: 'DiagnosticReport', interaction: 'search' }) }),
        expect.objectContaining({ action: 'result_read', detail: expect.objectContaining({ fhir: 'ImagingStudy', interaction: 'read' }) }),
      ]),
    );
  });

  it('validated every resource it received', () => {
    expect(received.length).toBeGreaterThan(20);
  });
});
