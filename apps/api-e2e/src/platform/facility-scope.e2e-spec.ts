import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { publishedOperations, tokensOfEveryRole } from '../support/routes';
import { TestSystem } from '../support/system';

const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const SAMPLES = join(__dirname, '..', '..', '..', '..', 'libs', 'api', 'documents', 'src', 'testing', 'form-samples');
const treatmentSheet = (): Record<string, unknown> => JSON.parse(readFileSync(join(SAMPLES, '39-BV2-treatment-sheet.valid.json'), 'utf8'));

/** Tables holding one facility's clinical or operational records: on Citus, distributed by facility_id. */
const CLINICAL = [
  'patients', 'encounters', 'documents', 'document_versions', 'document_signoffs', 'orders', 'order_items', 'diagnostic_reports', 'observations',
  'specimens', 'imaging_studies', 'signatures', 'archives', 'archive_events', 'archive_loans', 'archive_disposals', 'audit_events', 'hl7_messages',
  'vital_signs', 'care_notes', 'medication_administrations', 'access_requests', 'patient_care_assignments',
];

/**
 * The statement's shape: its verb, its clinical table and the columns its WHERE compares, e.g.
 * "SELECT document_versions WHERE document_id" — stable when the SQL around it is reformatted.
 */
function shapeOf(sql: string): string {
  const verb = sql.split(' ')[0].toUpperCase();
  const table = CLINICAL.find((t) => new RegExp(`(FROM|JOIN|UPDATE|INTO)\\s+"?${t}"?\\b`, 'i').test(sql)) ?? '?';
  const where = sql.slice(Math.max(0, sql.search(/\sWHERE\s/i)));
  const columns = [...new Set([...where.matchAll(/"?([a-z_]+)"?\s*(?:=|IN\b|<|>)/gi)].map((m) => m[1].toLowerCase()))].filter((c) => !['and', 'or', 'not'].includes(c)).sort();
  return `${verb} ${table} WHERE ${columns.join(',')}`;
}

/**
 * Statements that look up rows by a parent's id without facility_id: correct on one node (the parent was found in the
 * caller's facility first), but a cross-shard query once tables are distributed by facility_id (docs/scaling.md).
 * To be mended; none may be added.
 */
const KNOWN_UNSCOPED = new Set<string>([
  'SELECT diagnostic_reports WHERE id',
  'SELECT observations WHERE report_id',
  'SELECT order_items WHERE order_id',
  'SELECT orders WHERE id',
  'UPDATE orders WHERE id',
  'UPDATE orders WHERE id,version',
]);

/**
 * Every statement the API sends that touches a clinical table names facility_id (on Citus the distribution key, so the
 * query stays on one shard), checked on the SQL actually sent (DATABASE_LOG_QUERIES) while every read route and a
 * write flow (a document signed, an order signed, its result recorded and acknowledged) run.
 */
describe('every query on a clinical table names facility_id', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await TestSystem.start({ DATABASE_LOG_QUERIES: 'true', LOG_LEVEL: 'info' }, { keepLog: true });
  }, 120_000);
  afterAll(() => system?.stop());

  it('holds for a workload of every read route and a write flow, but for the known lookups by a parent’s id', async () => {
    const tokens = await tokensOfEveryRole(system);
    const [noi] = await system.sql<{ patient: string; encounter: string }>(
      `SELECT e.patient_id AS patient, e.id AS encounter FROM encounters e JOIN departments d ON d.id = e.department_id WHERE d.code = 'NOI' AND e.status = 'in_progress' ORDER BY e.started_at LIMIT 1`,
    );
    const ops = (await publishedOperations(system)).filter((o) => o.method === 'GET' && o.path.startsWith('/api/') && !o.access?.public);
    for (const op of ops) {
      const role = op.access?.authenticated ? 'doctor' : op.access?.principals?.find((p) => tokens.has(p));
      if (!role) continue;
      const path = op.path.replace('{patientId}', noi.patient).replace(/\/patients\/\{id\}/, `/patients/${noi.patient}`).replace('{encounterId}', noi.encounter).replace(/\/encounters\/\{id\}/, `/encounters/${noi.encounter}`);
      if (path.includes('{')) continue;
      await system.request('GET', path, { token: tokens.get(role) });
    }
    // Writes too: a treatment sheet written and signed, an order placed and signed, its result from the LIS, read and acknowledged.
    const doctor = tokens.get('doctor');
    const sheet = await system.request<{ id: string }>('POST', `/api/encounters/${noi.encounter}/documents`, { token: doctor, json: { formCode: '39/BV2', content: treatmentSheet() } });
    await system.request('POST', `/api/versions/${sheet.body.id}/signatures`, { token: doctor, json: { pin: '123456' } });
    const order = await system.request<{ id: string }>('POST', `/api/encounters/${noi.encounter}/orders`, { token: doctor, json: { category: 'laboratory', priority: 'routine', items: ['SH-K'], reason: { code: 'J18.9' } } });
    await system.request('POST', `/api/orders/${order.body.id}/activate`, { token: doctor, json: { pin: '123456' } });
    const result = await system.request<{ report: { id: string } }>('POST', `/api/orders/${order.body.id}/results`, {
      token: tokens.get('lis'),
      json: { externalId: 'FS-1', status: 'final', effectiveAt: '2026-11-27T07:05:00+07:00', issued: '2026-11-27T08:40:00+07:00', observations: [{ code: '2823-3', valueQuantity: 4.2, unit: 'mmol/L' }] },
    });
    await system.request('POST', `/api/results/${result.body.report.id}/acknowledge`, { token: doctor });
    expect([sheet.status, order.status, result.status]).toEqual([201, 201, 201]);
    await system.restart();
    // TypeORM writes each statement as "query: <sql, newlines kept> -- PARAMETERS: [...]"; pino's lines are JSON.
    // TypeORM colours its log where it believes a terminal or CI can show it: the colours go first.
    const statements = system
      .fullLog()
      .replace(ANSI_COLOUR, '')
      .split(/\n(?=query: |query failed: |\{")/)
      .filter((chunk) => chunk.startsWith('query: '))
      .map((chunk) => chunk.slice(7).replace(/ -- PARAMETERS: [\s\S]*$/, '').replace(/\s+/g, ' ').trim());
    const touching = statements.filter((sql) => CLINICAL.some((t) => new RegExp(`(FROM|JOIN|UPDATE|INTO)\\s+"?${t}"?\\b`, 'i').test(sql)));
    // What filters: for INSERT the column list, otherwise what follows FROM (WHERE, JOIN … ON), not the select list.
    const filters = (sql: string) => (/^INSERT/i.test(sql) ? sql : sql.slice(sql.search(/\s(FROM|WHERE)\s/i)));
    const unscoped = new Set(touching.filter((sql) => !/facility_id/.test(filters(sql))).map(shapeOf));
    expect(statements.length).toBeGreaterThan(500);
    expect(touching.length).toBeGreaterThan(150);
    // No new unscoped query; the known ones (docs/scaling.md) may only go.
    expect([...unscoped].filter((shape) => !KNOWN_UNSCOPED.has(shape)).sort()).toEqual([]);
  });
});
