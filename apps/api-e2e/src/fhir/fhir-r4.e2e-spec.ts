import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { CensusEntry, Department } from '@benhan/shared/contracts';
import { TestSystem, type HttpResult } from '../support/system';
import { fhirProblems, warmUpValidators } from './fhir-validation';

/* eslint-disable @typescript-eslint/no-explicit-any -- FHIR resources are read as loose JSON here; the validators check their shape */
type Json = any;

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

describe('FHIR R4 facade at /fhir/R4', () => {
  let system: TestSystem;
  let records: string;
  let nurse: string;
  let doctor: string;
  let inspector: string;
  let noi: string;
  let ngoai: string;
  let census: CensusEntry[];
  const received: string[] = [];

  /** GET a FHIR URL; every response is checked for the FHIR media type and validated (any problem fails the test). */
  async function fhir(path: string, token?: string, headers: Record<string, string> = {}): Promise<HttpResult<Json>> {
    const res = await system.request<Json>('GET', `/fhir/R4${path}`, { token, headers: { accept: 'application/fhir+json', ...headers } });
    expect(res.headers.get('content-type')).toBe('application/fhir+json; charset=utf-8');
    expect(fhirProblems(res.body)).toEqual([]);
    received.push(`${res.body?.resourceType} ${path}`);
    return res;
  }

  beforeAll(async () => {
    warmUpValidators();
    system = await TestSystem.start();
    [records, nurse, doctor, inspector] = [await system.token('records'), await system.token('nurse'), await system.token('doctor'), await system.token('inspector')];
    const departments = (await system.request<Department[]>('GET', '/api/departments', { token: doctor })).body;
    noi = departments.find((d) => d.code === 'NOI')?.id ?? '';
    ngoai = departments.find((d) => d.code === 'NGOAI')?.id ?? '';
    census = (await system.request<CensusEntry[]>('GET', `/api/encounters/census?departmentId=${noi}`, { token: nurse })).body;
  });
  afterAll(() => system?.stop());

  it('serves a CapabilityStatement without a token and with one, listing exactly the implemented types and their search parameters', async () => {
    const open = await fhir('/metadata');
    const withToken = await fhir('/metadata', records);
    expect(open.status).toBe(200);
    expect(withToken.body.resourceType).toBe('CapabilityStatement');
    const cs = open.body;
    expect(cs).toMatchObject({ fhirVersion: '4.0.1', format: expect.arrayContaining(['json']), kind: 'instance' });
    expect(cs.rest[0].mode).toBe('server');
    expect(cs.rest[0].security.service[0].coding[0].code).toBe('SMART-on-FHIR');
    expect(cs.rest[0].security.extension[0].extension[0]).toEqual({ url: 'token', valueUri: `${system.baseUrl}/api/auth/token` });
    const types = cs.rest[0].resource.map((r: Json) => r.type);
    expect(types).toEqual(['AuditEvent', 'DiagnosticReport', 'DocumentReference', 'Encounter', 'ImagingStudy', 'Location', 'Observation', 'Organization', 'Patient', 'Practitioner', 'Provenance', 'ServiceRequest', 'Specimen']);
    const patient = cs.rest[0].resource.find((r: Json) => r.type === 'Patient');
    expect(patient.interaction.map((i: Json) => i.code)).toEqual(['read', 'vread', 'search-type']);
    expect(patient.searchParam.map((s: Json) => s.name)).toEqual(expect.arrayContaining(['_id', '_lastUpdated', 'identifier', 'name', 'birthdate', 'gender']));
    // Truthful: every parameter listed for every type is accepted by a search of that type.
    for (const resource of cs.rest[0].resource) {
      for (const param of resource.searchParam) {
        const value =
          param.type === 'date' ? '2026' : param.type === 'reference' ? `Patient/${UNKNOWN_ID}` : param.name === '_cursor' ? Buffer.from(`2026-01-01T00:00:00.000000Z|${UNKNOWN_ID}`).toString('base64url') : 'x';
        const res = await fhir(`/${resource.type}?${param.name}=${value}&_count=1`, inspector);
        expect([resource.type, param.name, res.status]).toEqual([resource.type, param.name, 200]);
      }
    }
  });

  it('answers 401 as an OperationOutcome without a token, and refuses an administrator (no clinical data) with 403', async () => {
    const res = await fhir('/Patient');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login' }] });
    const admin = await fhir('/Patient', await system.token('admin'));
    expect(admin.status).toBe(403);
    expect(admin.body.issue[0].code).toBe('forbidden');
  });

  it('searches patients into a searchset Bundle with self/next/previous paging links, and a total when it is known or asked for', async () => {
    const first = await fhir('/Patient?_count=5', records);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
    // More matches follow: counting them all is left to _total=accurate, the next link says there are more.
    expect(first.body.total).toBeUndefined();
    expect(first.body.entry).toHaveLength(5);
    const links = Object.fromEntries(first.body.link.map((l: Json) => [l.relation, l.url]));
    expect(links.self).toBe(`${system.baseUrl}/fhir/R4/Patient?_count=5`);
    expect(links.next).toBe(`${system.baseUrl}/fhir/R4/Patient?_count=5&_offset=5`);
    expect(links.previous).toBeUndefined();
    const second = await fhir(links.next.slice(`${system.baseUrl}/fhir/R4`.length), records);
    expect(second.body.entry).toHaveLength(5);
    expect(second.body.link.find((l: Json) => l.relation === 'previous').url).toBe(`${system.baseUrl}/fhir/R4/Patient?_count=5`);
    const ids = [...first.body.entry, ...second.body.entry].map((e: Json) => e.resource.id);
    expect(new Set(ids).size).toBe(10);
    expect(first.body.entry[0].fullUrl).toBe(`${system.baseUrl}/fhir/R4/Patient/${first.body.entry[0].resource.id}`);

    const accurate = await fhir('/Patient?_count=5&_total=accurate', records);
    const [{ n }] = await system.sql<{ n: number }>(`SELECT count(*)::int AS n FROM patients`);
    expect(accurate.body.total).toBe(n);
    expect(n).toBeGreaterThanOrEqual(12);
    expect(accurate.body.link.find((l: Json) => l.relation === 'next').url).toBe(`${system.baseUrl}/fhir/R4/Patient?_count=5&_total=accurate&_offset=5`);
    const countOnly = await fhir('/Patient?_count=0', records);
    expect(countOnly.body.total).toBe(n);
    expect(countOnly.body.entry).toBeUndefined();
    expect((await fhir('/Patient?_count=0&_total=none', records)).body.total).toBeUndefined();
    // The last page knows the total without counting: its offset plus its entries.
    const last = await fhir(`/Patient?_count=5&_offset=${n - 2}`, records);
    expect([last.body.total, last.body.entry.length, last.body.link.some((l: Json) => l.relation === 'next')]).toEqual([n, 2, false]);
    const past = await fhir(`/Patient?_count=5&_offset=${n + 10}`, records);
    expect([past.status, past.body.total, past.body.entry]).toEqual([200, undefined, undefined]);
    expect((await fhir('/Patient?_total=exact', records)).body.issue[0].expression).toEqual(['_total']);
    // Patients page by offset: a cursor is not one of their parameters.
    expect((await fhir('/Patient?_cursor=abc', records)).body.issue[0].expression).toEqual(['_cursor']);
  });

  it('maps the Vietnamese identifiers (patient code, CCCD, BHYT) and finds a patient by each, and by a name typed without accents', async () => {
    const all = (await fhir('/Patient?_count=50', records)).body.entry.map((e: Json) => e.resource);
    const withCccd = all.find((p: Json) => p.identifier.some((i: Json) => i.system === 'https://benhan.dev/fhir/sid/cccd'));
    expect(withCccd).toBeDefined();
    const code = withCccd.identifier.find((i: Json) => i.system === 'https://benhan.dev/fhir/sid/patient-code').value;
    const cccd = withCccd.identifier.find((i: Json) => i.system === 'https://benhan.dev/fhir/sid/cccd').value;
    for (const query of [`identifier=https://benhan.dev/fhir/sid/cccd|${cccd}`, `identifier=${code}`, `_id=${withCccd.id}`]) {
      const res = await fhir(`/Patient?${query}`, records);
      expect([query, res.body.total]).toEqual([query, 1]);
      expect(res.body.entry[0].resource.id).toBe(withCccd.id);
    }
    const bhyt = all.find((p: Json) => p.identifier.some((i: Json) => i.system === 'https://benhan.dev/fhir/sid/bhyt'));
    const bhytNumber = bhyt.identifier.find((i: Json) => i.system === 'https://benhan.dev/fhir/sid/bhyt').value;
    expect((await fhir(`/Patient?identifier=https://benhan.dev/fhir/sid/bhyt|${bhytNumber}`, records)).body.entry[0].resource.id).toBe(bhyt.id);
    const family = withCccd.name[0].family as string;
    const folded = family.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
    const byName = await fhir(`/Patient?name=${encodeURIComponent(folded)}&_count=50`, records);
    expect(byName.body.entry.map((e: Json) => e.resource.id)).toContain(withCccd.id);
    const byGender = await fhir(`/Patient?gender=${withCccd.gender}&_count=50`, records);
    expect(byGender.body.entry.every((e: Json) => e.resource.gender === withCccd.gender)).toBe(true);
  });

  it('reads and vreads a patient with ETag and Last-Modified; another version, an unknown id and an unknown type are 404 OperationOutcomes', async () => {
    const id = census[0].patientId;
    const res = await fhir(`/Patient/${id}`, nurse);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(id);
    expect(res.headers.get('etag')).toBe(`W/"${res.body.meta.versionId}"`);
    expect(new Date(res.headers.get('last-modified') ?? '').getTime()).toBe(Math.floor(new Date(res.body.meta.lastUpdated).getTime() / 1000) * 1000);
    const vread = await fhir(`/Patient/${id}/_history/${res.body.meta.versionId}`, nurse);
    expect(vread.body).toEqual(res.body);
    const other = await fhir(`/Patient/${id}/_history/999`, nurse);
    expect(other.status).toBe(404);
    const unknown = await fhir(`/Patient/${UNKNOWN_ID}`, nurse);
    expect(unknown.status).toBe(404);
    expect(unknown.body.issue[0]).toMatchObject({ code: 'not-found', expression: [`Patient/${UNKNOWN_ID}`] });
    const type = await fhir('/Medication', nurse);
    expect(type.status).toBe(404);
    expect(type.body.issue[0]).toMatchObject({ code: 'not-supported', expression: ['Medication'] });
  });

  it('refuses an unknown search parameter or a bad value with a 400 naming it, unless the client asks for lenient handling', async () => {
    const strict = await fhir('/Patient?foo=bar', records);
    expect(strict.status).toBe(400);
    expect(strict.body.issue[0]).toMatchObject({ severity: 'error', code: 'not-supported', expression: ['foo'] });
    const lenient = await fhir('/Patient?foo=bar&_count=1', records, { prefer: 'handling=lenient' });
    expect(lenient.status).toBe(200);
    expect(lenient.body.link[0].url).not.toContain('foo');
    const badDate = await fhir('/Encounter?date=2026-13-45', records);
    expect(badDate.status).toBe(400);
    expect(badDate.body.issue[0]).toMatchObject({ code: 'invalid', expression: ['date'] });
    const badCount = await fhir('/Patient?_count=many', records);
    expect(badCount.status).toBe(400);
    expect(badCount.body.issue[0].expression).toEqual(['_count']);
    const modifier = await fhir('/Patient?gender:text=male', records);
    expect(modifier.status).toBe(400);
    const xml = await fhir('/Patient', records, { accept: 'application/fhir+xml' });
    expect(xml.status).toBe(406);
    const json = await fhir('/Patient?_count=1', records, { accept: 'application/json' });
    expect(json.status).toBe(200);
  });

  it('answers writes of types it does not create and unknown paths under the base with OperationOutcomes too', async () => {
    const write = await system.request<Json>('POST', '/fhir/R4/Patient', { token: records, json: { resourceType: 'Patient' } });
    expect([write.status, write.headers.get('content-type'), write.body.issue[0].code]).toEqual([405, 'application/fhir+json; charset=utf-8', 'not-supported']);
    const history = await fhir(`/Patient/${census[0].patientId}/_history`, records);
    expect(history.status).toBe(404);
    expect(history.body.resourceType).toBe('OperationOutcome');
  });

  it('scopes staff to their departments: a nurse of internal medicine finds only her patients and gets a 403 OperationOutcome for a surgical one', async () => {
    const mine = await fhir('/Patient?_count=100', nurse);
    const all = await fhir('/Patient?_count=100', records);
    expect(mine.body.total).toBeGreaterThan(0);
    expect(mine.body.total).toBeLessThan(all.body.total);
    const surgical = await fhir(`/Encounter?service-provider=Organization/${ngoai}&status=in-progress`, records);
    expect(surgical.body.total).toBeGreaterThan(0);
    const outsider = surgical.body.entry[0].resource.subject.reference as string;
    expect(mine.body.entry.map((e: Json) => `Patient/${e.resource.id}`)).not.toContain(outsider);
    const refused = await fhir(`/${outsider}`, nurse);
    expect(refused.status).toBe(403);
    expect(refused.body.issue[0].code).toBe('forbidden');
    const theirEncounters = await fhir(`/Encounter?patient=${outsider}`, nurse);
    expect(theirEncounters.body.total).toBe(0);
  });

  it('maps an inpatient stay to Encounter: class IMP, version, period, department, bed, ICD-10 diagnoses', async () => {
    const stay = census[0];
    const res = await fhir(`/Encounter/${stay.encounterId}`, doctor);
    const enc = res.body;
    expect(enc).toMatchObject({ status: 'in-progress', class: { code: 'IMP' }, subject: { reference: `Patient/${stay.patientId}` }, serviceProvider: { reference: `Organization/${noi}` } });
    expect(res.headers.get('etag')).toBe(`W/"${enc.meta.versionId}"`);
    expect(enc.period.start).toBeDefined();
    expect(enc.diagnosis.length).toBeGreaterThan(0);
    const condition = enc.contained.find((c: Json) => `#${c.id}` === enc.diagnosis[0].condition.reference);
    expect(condition.code.coding[0]).toMatchObject({ system: 'http://hl7.org/fhir/sid/icd-10', code: stay.diagnoses[0].code });
    if (stay.bedCode) expect(enc.location[0].location.reference).toMatch(/^Location\//);
    const byPatient = await fhir(`/Encounter?subject=Patient/${stay.patientId}&class=IMP`, doctor);
    expect(byPatient.body.entry.map((e: Json) => e.resource.id)).toContain(stay.encounterId);
    if (stay.recordNumber) expect((await fhir(`/Encounter?identifier=${stay.recordNumber}`, doctor)).body.total).toBe(1);
    const vread = await fhir(`/Encounter/${stay.encounterId}/_history/${enc.meta.versionId}`, doctor);
    expect(vread.status).toBe(200);
  });

  it('serves care-chart vital signs as vital-signs Observations: LOINC codes, UCUM units, blood pressure as a panel', async () => {
    const stay = census[1] ?? census[0];
    const takenAt = minutesAgo(5);
    const recorded = await system.request('POST', `/api/encounters/${stay.encounterId}/vital-signs`, {
      token: nurse,
      json: { takenAt, values: { temperature: 38.4, pulse: 104, systolic_bp: 128, diastolic_bp: 82, respiratory_rate: 22, spo2: 94 } },
    });
    expect(recorded.status).toBe(201);
    const res = await fhir(`/Observation?patient=Patient/${stay.patientId}&category=vital-signs&date=ge${takenAt.slice(0, 16)}`, nurse);
    const byCode = new Map<string, Json>(res.body.entry.map((e: Json) => [e.resource.code.coding[0].code, e.resource]));
    expect([...byCode.keys()].sort()).toEqual(['2708-6', '8310-5', '85354-9', '8867-4', '9279-1']);
    expect(byCode.get('8310-5').valueQuantity).toEqual({ value: 38.4, unit: 'Cel', system: 'http://unitsofmeasure.org', code: 'Cel' });
    expect(byCode.get('8867-4').valueQuantity.code).toBe('/min');
    expect(byCode.get('2708-6').code.coding.map((c: Json) => c.code)).toEqual(['2708-6', '59408-5']);
    const bp = byCode.get('85354-9');
    expect(bp.valueQuantity).toBeUndefined();
    expect(bp.component.map((c: Json) => [c.code.coding[0].code, c.valueQuantity.value, c.valueQuantity.code])).toEqual([
      ['8480-6', 128, 'mm[Hg]'],
      ['8462-4', 82, 'mm[Hg]'],
    ]);
    for (const o of byCode.values()) {
      expect(o).toMatchObject({ status: 'final', category: [{ coding: [{ code: 'vital-signs' }] }], encounter: { reference: `Encounter/${stay.encounterId}` } });
    }
    const panels = await fhir(`/Observation?encounter=Encounter/${stay.encounterId}&code=http://loinc.org|85354-9`, nurse);
    expect(panels.body.entry.every((e: Json) => e.resource.code.coding[0].code === '85354-9')).toBe(true);
    // A component's code (systolic, diastolic) finds the panels too.
    for (const component of ['8480-6', '8462-4']) {
      const found = await fhir(`/Observation?encounter=Encounter/${stay.encounterId}&code=http://loinc.org|${component}`, nurse);
      expect(found.body.entry.map((e: Json) => e.resource.id)).toEqual(panels.body.entry.map((e: Json) => e.resource.id));
    }
    expect((await fhir(`/Observation/${bp.id}`, nurse)).body).toEqual(bp);
  });

  it('serves the directory: clinical users as Practitioners, the facility and departments as Organizations, wards and beds as Locations', async () => {
    const practitioners = await fhir('/Practitioner?_count=50', doctor);
    const usernames = practitioners.body.entry.flatMap((e: Json) => e.resource.identifier.filter((i: Json) => i.system === 'https://benhan.dev/fhir/sid/username').map((i: Json) => i.value));
    expect(usernames).toEqual(expect.arrayContaining(['doctor', 'nurse', 'headdoctor']));
    expect(usernames).not.toContain('admin');
    const orgs = await fhir('/Organization?_count=50', doctor);
    const facility = orgs.body.entry.find((e: Json) => e.resource.type[0].coding[0].code === 'prov').resource;
    const departments = await fhir(`/Organization?partof=Organization/${facility.id}&_count=50`, doctor);
    expect(departments.body.entry.map((e: Json) => e.resource.id)).toEqual(expect.arrayContaining([noi, ngoai]));
    const noiOrg = await fhir(`/Organization/${noi}`, doctor);
    expect(noiOrg.body.partOf.reference).toBe(`Organization/${facility.id}`);
    const wards = await fhir(`/Location?organization=Organization/${noi}&_count=100`, doctor);
    const ward = wards.body.entry.find((e: Json) => e.resource.physicalType.coding[0].code === 'wa').resource;
    const beds = await fhir(`/Location?partof=Location/${ward.id}`, doctor);
    expect(beds.body.total).toBeGreaterThan(0);
    expect(beds.body.entry[0].resource.physicalType.coding[0].code).toBe('bd');
  });

  it('serves signed document versions as DocumentReferences (PDF and canonical JSON) and their signatures as Provenance with the CMS', async () => {
    const stay = census[0];
    const docs = await fhir(`/DocumentReference?patient=Patient/${stay.patientId}&status=current`, doctor);
    expect(docs.body.total).toBeGreaterThan(0);
    const doc = docs.body.entry[0].resource;
    expect(doc).toMatchObject({ status: 'current', subject: { reference: `Patient/${stay.patientId}` }, context: { encounter: [{ reference: `Encounter/${stay.encounterId}` }] } });
    const versionId = (doc.masterIdentifier.value as string).replace('urn:uuid:', '');
    expect(doc.content[0].attachment).toMatchObject({ contentType: 'application/pdf', url: `${system.baseUrl}/api/versions/${versionId}/pdf` });
    expect(doc.content[1].attachment.url).toBe(`${system.baseUrl}/api/versions/${versionId}/canonical`);
    const [stored] = await system.sql<{ content_hash: string }>(`SELECT content_hash FROM document_versions WHERE id = $1`, [versionId]);
    expect(doc.identifier[0]).toEqual({ system: 'https://benhan.dev/fhir/sid/content-sha256', value: stored.content_hash });
    const pdf = await system.download(doc.content[0].attachment.url.slice(system.baseUrl.length), doctor);
    expect([pdf.status, pdf.bytes.subarray(0, 5).toString()]).toEqual([200, '%PDF-']);

    const provenance = await fhir(`/Provenance?target=DocumentReference/${doc.id}`, doctor);
    expect(provenance.body.total).toBeGreaterThan(0);
    const prov = provenance.body.entry[0].resource;
    expect(prov.target).toEqual([{ reference: `DocumentReference/${doc.id}/_history/${doc.meta.versionId}` }]);
    expect(prov.agent[0].who.reference).toMatch(/^Practitioner\//);
    expect(prov.signature[0].sigFormat).toBe('application/pkcs7-signature');
    const [sig] = await system.sql<{ cms_der: Buffer }>(`SELECT cms_der FROM signatures WHERE id = $1`, [prov.id]);
    expect(Buffer.from(prov.signature[0].data, 'base64').equals(sig.cms_der)).toBe(true);
    expect((await fhir(`/Provenance/${prov.id}`, doctor)).body).toEqual(prov);
    const versioned = await fhir(`/Provenance?target=DocumentReference/${doc.id}/_history/${doc.meta.versionId}&patient=Patient/${stay.patientId}`, doctor);
    expect(versioned.body.entry.map((e: Json) => e.resource.id)).toContain(prov.id);

    // A read with the version is a vread; a version that does not exist is a 404.
    const read = await fhir(`/DocumentReference/${doc.id}`, doctor);
    expect(read.headers.get('etag')).toBe(`W/"${doc.meta.versionId}"`);
    expect((await fhir(`/DocumentReference/${doc.id}/_history/${doc.meta.versionId}`, doctor)).body).toEqual(read.body);
    expect((await fhir(`/DocumentReference/${doc.id}/_history/99`, doctor)).status).toBe(404);
  });

  it('shows an amended document as current version 2 and the signed version 1 as superseded (vread)', async () => {
    const stay = census[0];
    const doc = (await fhir(`/DocumentReference?patient=Patient/${stay.patientId}&_count=1`, doctor)).body.entry[0].resource;
    const [v] = await system.sql<{ content: unknown; number: number }>(`SELECT content, number FROM document_versions WHERE document_id = $1 ORDER BY number DESC LIMIT 1`, [doc.id]);
    const amended = await system.request<{ id: string; number: number }>('POST', `/api/documents/${doc.id}/versions`, { token: doctor, json: { reason: 'Bổ sung y lệnh theo dõi', content: v.content } });
    expect(amended.status).toBe(201);
    const signed = await system.request('POST', `/api/versions/${amended.body.id}/signatures`, { token: doctor, json: { pin: '123456' } });
    expect(signed.status).toBe(201);
    const current = await fhir(`/DocumentReference/${doc.id}`, doctor);
    expect(current.body).toMatchObject({ status: 'current', docStatus: 'amended', meta: { versionId: String(amended.body.number) }, description: 'Bổ sung y lệnh theo dõi' });
    const previous = await fhir(`/DocumentReference/${doc.id}/_history/${v.number}`, doctor);
    expect(previous.body).toMatchObject({ status: 'superseded', meta: { versionId: String(v.number) } });
    expect(previous.headers.get('etag')).toBe(`W/"${v.number}"`);
  });

  it('lets inspectors read the audit trail as AuditEvents (by patient, date, action), and nobody else', async () => {
    const id = census[0].patientId;
    await fhir(`/Patient/${id}`, doctor);
    const res = await fhir(`/AuditEvent?patient=Patient/${id}&subtype=patient_read&date=ge${new Date(Date.now() - 3_600_000).toISOString().slice(0, 10)}&_count=2`, inspector);
    expect(res.body.total).toBeGreaterThan(0);
    const event = res.body.entry[0].resource;
    expect(event).toMatchObject({ action: 'R', outcome: '0', subtype: [{ code: 'patient_read' }], entity: expect.arrayContaining([expect.objectContaining({ what: { reference: `Patient/${id}` } })]) });
    expect((await fhir(`/AuditEvent/${event.id}`, inspector)).body).toEqual(event);
    expect((await fhir(`/AuditEvent/abc`, inspector)).status).toBe(404);
    expect((await fhir('/AuditEvent', doctor)).status).toBe(403);
    const recorded = await system.sql<{ action: string; outcome: string; actor_username: string }>(
      `SELECT action, outcome, actor_username FROM audit_events WHERE detail->>'fhir' = 'AuditEvent' ORDER BY seq`,
    );
    expect(recorded).toEqual(
      expect.arrayContaining([
        { action: 'audit_read', outcome: 'success', actor_username: 'inspector' },
        { action: 'access_denied', outcome: 'failure', actor_username: 'doctor' },
      ]),
    );
  });

  it('the validators used here catch a planted error (they are not vacuous)', () => {
    expect(fhirProblems({ resourceType: 'Patient', gender: 'femme', birthDate: '1980-13-45', foo: 1 }).length).toBeGreaterThanOrEqual(3);
    expect(fhirProblems({ resourceType: 'Observation', code: { text: 'x' } }).join()).toContain('status');
  });

  it('lets a system client read only the types its SMART scopes name (system/<Type>.read or system/*.read)', async () => {
    const tokenFor = async (scope?: string) => {
      const res = await system.request<{ access_token: string }>('POST', '/api/auth/token', {
        form: { grant_type: 'client_credentials', client_id: 'lis', client_secret: 'lis-demo-secret-2026', ...(scope ? { scope } : {}) },
      });
      expect(res.status).toBe(200);
      return res.body.access_token;
    };
    // The demo clients hold system/*.read; a token asked for with a narrower scope has none of it.
    const without = await fhir('/Patient', await tokenFor('orders.read'));
    expect(without.status).toBe(403);
    expect(without.body.issue[0]).toMatchObject({ code: 'forbidden', expression: ['Patient'] });
    // No API grants a client new scopes yet: the administrator's act is done in the database of this test.
    await system.sql(`UPDATE system_clients SET scopes = scopes || ARRAY['system/Patient.read', 'system/Encounter.read'] WHERE client_id = 'lis'`);
    const lis = await tokenFor('system/Patient.read');
    expect((await fhir('/Patient?_count=1', lis)).status).toBe(200);
    expect((await fhir('/Encounter?_count=1', lis)).status).toBe(403);
    expect((await fhir('/Encounter?_count=1', await tokenFor('system/Encounter.read'))).status).toBe(200);
  });

  it('audits every read and search with the FHIR interaction', async () => {
    const id = census[0].patientId;
    await fhir(`/Patient/${id}`, doctor);
    await fhir(`/Encounter?patient=Patient/${id}`, doctor);
    const events = await system.sql<{ action: string; patient_id: string; detail: Json }>(
      `SELECT action, patient_id, detail FROM audit_events WHERE detail ? 'fhir' AND patient_id = $1 ORDER BY seq`,
      [id],
    );
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'patient_read', detail: expect.objectContaining({ fhir: 'Patient', interaction: 'read' }) }),
        expect.objectContaining({ action: 'encounter_read', detail: expect.objectContaining({ fhir: 'Encounter', interaction: 'search' }) }),
      ]),
    );
  });

  it('works with an independent client: fhir-kit-client reads the metadata, searches patients and reads one', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(__dirname, 'fhir-kit-client-run.mjs'), `${system.baseUrl}/fhir/R4`, records], { timeout: 30_000 });
    const out = JSON.parse(stdout);
    expect(out.metadata).toBe('CapabilityStatement');
    expect(out.bundle.entry).toHaveLength(2);
    expect(out.patient.id).toBe(out.bundle.entry[0].resource.id);
    expect(out.missing).toMatchObject({ status: 404, outcome: { resourceType: 'OperationOutcome' } });
    for (const resource of [out.bundle, out.patient, out.missing.outcome]) expect(fhirProblems(resource)).toEqual([]);
  });

  it('validated every resource it received', () => {
    expect(received.length).toBeGreaterThan(30);
  });
});
