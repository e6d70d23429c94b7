import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BreakGlassGrant } from '@benhan/shared/contracts';
import { publishedOperations, tokensOfEveryRole, type Operation } from '../support/routes';
import { TestSystem } from '../support/system';

const PIN = '246813';
const SAMPLES = join(__dirname, '..', '..', '..', '..', 'libs', 'api', 'documents', 'src', 'testing', 'form-samples');
const treatmentSheet = (): Record<string, unknown> => JSON.parse(readFileSync(join(SAMPLES, '39-BV2-treatment-sheet.valid.json'), 'utf8'));
/** Query parameters a route requires besides the record it names. */
const REQUIRED_QUERY: Record<string, string> = { code: '2823-3', from: '1', to: '1' };
/** Path parameters that are not a record's id: a version's number. */
const FIXED_PATH: Record<string, string> = { '{number}': '1' };

/** The kinds of record a path or query parameter names, found from the segment before it or from its name. */
type Kind = 'patient' | 'encounter' | 'document' | 'version' | 'order' | 'signature';
type Ids = Record<Kind, string | undefined>;

const KIND_OF_SEGMENT: Record<string, Kind> = { patients: 'patient', encounters: 'encounter', documents: 'document', versions: 'version', orders: 'order', signatures: 'signature' };
const KIND_OF_QUERY: Record<string, Kind> = { patient: 'patient', patientId: 'patient', encounterId: 'encounter', documentId: 'document', versionId: 'version' };
const WARD_ROLES = ['doctor', 'nurse'] as const;
const FACILITY_READERS = ['records_officer', 'inspector'] as const;

/**
 * The authorisation matrix, generated from the published route table: every read that names one patient's record
 * (by path — /patients/{id}, /encounters/{id}/…, /documents/{id}/…, /versions/{id}/…, /orders/{id}, /signatures/{id}/…
 * — or by a patient/encounter query parameter) is called for a patient of another department and for one of the
 * caller's own, as every role the route admits. Ward doctors and nurses get 403 pointing to break-glass for the other
 * department and through for their own; the records office and inspectors read both; after a doctor's break-glass,
 * that doctor (only) reads the other department's record too.
 */
describe('authorisation matrix: route × role × another department’s patient, break-glass included', () => {
  let system: TestSystem;
  let tokens: Map<string, string>;
  let reads: { op: Operation; path: (ids: Ids) => string | null }[];
  let surgery: Ids;
  let medicine: Ids;

  /** A surgeon of the other department writes, signs and orders for one of its inpatients, so each kind of record exists there. */
  async function recordsOfASurgeon(): Promise<void> {
    const admin = tokens.get('admin');
    const [ngoai] = await system.sql<{ id: string }>(`SELECT id FROM departments WHERE code = 'NGOAI'`);
    const created = await system.request('POST', '/api/users', {
      token: admin,
      json: { username: 'bs.ngoai', fullName: 'Vũ Đức Ngoại', password: 'Ngoai#2026-khoa', roles: ['doctor'], departments: [{ departmentId: ngoai.id, isHead: false }], practisingCertificateNo: '007777/HNO-CCHN' },
    });
    expect(created.status).toBe(201);
    const surgeon = await system.token('bs.ngoai', 'Ngoai#2026-khoa');
    expect((await system.request('POST', '/api/me/signing/enrol', { token: surgeon, json: { pin: PIN } })).status).toBe(201);
    const [stay] = await system.sql<{ id: string }>(`SELECT e.id FROM encounters e WHERE e.department_id = $1 AND e.status = 'in_progress' ORDER BY e.started_at LIMIT 1`, [ngoai.id]);
    const sheet = await system.request<{ id: string }>('POST', `/api/encounters/${stay.id}/documents`, { token: surgeon, json: { formCode: '39/BV2', content: treatmentSheet() } });
    expect(sheet.status).toBe(201);
    expect((await system.request('POST', `/api/versions/${sheet.body.id}/signatures`, { token: surgeon, json: { pin: PIN } })).status).toBe(201);
    const order = await system.request<{ id: string }>('POST', `/api/encounters/${stay.id}/orders`, { token: surgeon, json: { category: 'laboratory', priority: 'routine', items: ['SH-K'], reason: { code: 'K35.8' } } });
    expect(order.status).toBe(201);
  }

  /** One patient of a department and the first of each of their records. */
  async function idsOf(department: string): Promise<Ids> {
    const [row] = await system.sql<Record<string, string | null>>(
      `SELECT p.id AS patient, e.id AS encounter,
              (SELECT d.id FROM documents d WHERE d.encounter_id = e.id ORDER BY d.created_at LIMIT 1) AS document,
              (SELECT v.id FROM document_versions v JOIN documents d ON d.id = v.document_id WHERE d.encounter_id = e.id ORDER BY v.created_at LIMIT 1) AS version,
              (SELECT o.id FROM orders o WHERE o.encounter_id = e.id ORDER BY o.created_at LIMIT 1) AS "order",
              (SELECT s.id FROM signatures s JOIN document_versions v ON v.id = s.version_id JOIN documents d ON d.id = v.document_id WHERE d.encounter_id = e.id LIMIT 1) AS signature
         FROM encounters e JOIN patients p ON p.id = e.patient_id JOIN departments dep ON dep.id = e.department_id
        WHERE dep.code = $1 AND e.status = 'in_progress'
        ORDER BY (SELECT count(*) FROM orders o WHERE o.encounter_id = e.id) > 0 DESC, (SELECT count(*) FROM documents d WHERE d.encounter_id = e.id) DESC, e.started_at
        LIMIT 1`,
      [department],
    );
    return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v ?? undefined])) as Ids;
  }

  beforeAll(async () => {
    system = await TestSystem.start();
    tokens = await tokensOfEveryRole(system);
    await recordsOfASurgeon();
    [surgery, medicine] = [await idsOf('NGOAI'), await idsOf('NOI')];
    reads = (await publishedOperations(system))
      .filter((op) => op.method === 'GET' && op.path.startsWith('/api/') && !op.access?.public)
      .map((op) => ({ op, path: pathFor(op) }))
      .filter((r): r is { op: Operation; path: (ids: Ids) => string | null } => r.path !== null);
  }, 120_000);
  afterAll(() => system?.stop());

  /** How to fill the route for a patient's records, or null when it names no patient's record. */
  function pathFor(op: Operation): ((ids: Ids) => string | null) | null {
    const segments = op.path.split('/');
    const pathKinds = segments.map((s, i) => (/^\{.+\}$/.test(s) && !FIXED_PATH[s] ? KIND_OF_SEGMENT[segments[i - 1]] : null));
    if (pathKinds.some((k, i) => k === undefined && /^\{.+\}$/.test(segments[i]))) return null;
    const queryKind = op.parameters.filter((p) => p.in === 'query').map((p) => [p.name, KIND_OF_QUERY[p.name]] as const).find(([, k]) => k);
    if (!pathKinds.some(Boolean) && !queryKind) return null;
    return (ids) => {
      const filled = segments.map((s, i) => FIXED_PATH[s] ?? (pathKinds[i] ? ids[pathKinds[i] as Kind] : s));
      if (filled.some((s) => s === undefined)) return null;
      const params = new URLSearchParams(queryKind ? { [queryKind[0]]: ids[queryKind[1] as Kind] ?? '' } : {});
      for (const p of op.parameters) if (p.in === 'query' && (p as { required?: boolean }).required && REQUIRED_QUERY[p.name]) params.set(p.name, REQUIRED_QUERY[p.name]);
      const query = params.size ? `?${params}` : '';
      return queryKind && !ids[queryKind[1] as Kind] ? null : filled.join('/') + query;
    };
  }

  const allowed = (op: Operation, role: string) => !!op.access?.principals?.includes(role as never) || !!op.access?.authenticated;
  const call = (path: string, role: string) => system.request<{ type?: string; breakGlass?: string }>('GET', path, { token: tokens.get(role) });

  it('covers the routes that name a patient’s record (sanity: the matrix is not vacuous)', () => {
    const covered = reads.filter((r) => r.path(surgery) !== null).map((r) => r.op.path);
    expect(covered.length).toBeGreaterThan(15);
    expect(covered).toEqual(expect.arrayContaining(['/api/patients/{id}', '/api/encounters/{id}', '/api/documents/{id}/versions', '/api/orders/{id}']));
  });

  it('refuses ward staff another department’s patient on every such route, with the way to break-glass, and lets them read their own', async () => {
    const failures: string[] = [];
    for (const { op, path } of reads) {
      const other = path(surgery);
      const own = path(medicine);
      for (const role of WARD_ROLES.filter((r) => allowed(op, r))) {
        if (other) {
          const res = await call(other, role);
          if (res.status !== 403 || !res.body.type?.includes('patient_out_of_scope')) failures.push(`${role} ${op.path} (other department): ${res.status} ${res.body.type ?? ''}`);
        }
        if (own) {
          const res = await call(own, role);
          if (res.status === 403 || res.status === 401) failures.push(`${role} ${op.path} (own department): ${res.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('lets the records office and inspectors read every department’s patients', async () => {
    const failures: string[] = [];
    for (const { op, path } of reads) {
      const other = path(surgery);
      if (!other) continue;
      for (const role of FACILITY_READERS.filter((r) => allowed(op, r))) {
        const res = await call(other, role);
        if (res.status === 403 || res.status === 401) failures.push(`${role} ${op.path}: ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('opens every such route to the doctor who broke the glass, and to nobody else', async () => {
    const grant = await system.request<BreakGlassGrant>('POST', `/api/patients/${surgery.patient}/break-glass`, { token: tokens.get('doctor'), json: { reason: 'Cấp cứu: bệnh nhân ngoại khoa chuyển sang, cần xem hồ sơ' } });
    expect(grant.status).toBe(201);
    const failures: string[] = [];
    for (const { op, path } of reads) {
      const other = path(surgery);
      if (!other) continue;
      if (allowed(op, 'doctor')) {
        const res = await call(other, 'doctor');
        if (res.status === 403 || res.status === 401) failures.push(`doctor after break-glass ${op.path}: ${res.status}`);
      }
      if (allowed(op, 'nurse')) {
        const res = await call(other, 'nurse');
        if (res.status !== 403) failures.push(`nurse (no break-glass) ${op.path}: ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
