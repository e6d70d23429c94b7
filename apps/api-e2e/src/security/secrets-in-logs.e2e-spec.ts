import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CensusEntry, Department, DocumentVersion, TokenResponse, UserSummary } from '@benhan/shared/contracts';
import { DEMO_PASSWORD, TestSystem } from '../support/system';

const SAMPLES = join(__dirname, '..', '..', '..', '..', 'libs', 'api', 'documents', 'src', 'testing', 'form-samples');
const treatmentSheet = (): Record<string, unknown> => JSON.parse(readFileSync(join(SAMPLES, '39-BV2-treatment-sheet.valid.json'), 'utf8'));

/**
 * Secrets never reach the logs. The API runs at its most verbose level (trace) while every kind of secret crosses
 * it — passwords right and wrong, a new user's password, a signing PIN chosen, used right and wrong, access and
 * refresh tokens, a machine client's secret, the JWT signing key from the environment — and then its whole output
 * is searched for each of them.
 */
describe('secrets in the logs', () => {
  let system: TestSystem;
  let log = '';
  const jwtSecret = 'e2e-jwt-secret-' + 'f3a9c1d7b2e84a6f90c5d3b1a7e29f48';
  const newPassword = 'Lan#Khoa-Noi-2026-xyz';
  const wrongPassword = 'Sai-mat-khau-9431';
  const pin = '583920417';
  const wrongPin = '710264853';
  const clientSecret = 'lis-demo-secret-2026';
  const seen: string[] = [];

  beforeAll(async () => {
    system = await TestSystem.start({ LOG_LEVEL: 'trace', JWT_SECRET: jwtSecret }, { keepLog: true });
  });
  afterAll(async () => {
    await system?.stop();
  });

  it('carries every kind of secret through the API', async () => {
    const admin = await system.login('admin');
    seen.push(admin.body.accessToken, admin.body.refreshToken);
    expect((await system.login('doctor', wrongPassword)).status).toBe(401);

    const departments = (await system.request<Department[]>('GET', '/api/departments', { token: admin.body.accessToken })).body;
    const noi = departments.find((d) => d.code === 'NOI')?.id ?? '';
    const created = await system.request<UserSummary>('POST', '/api/users', {
      token: admin.body.accessToken,
      json: { username: 'bs.nhat', fullName: 'Đỗ Minh Nhật', password: newPassword, roles: ['doctor'], departments: [{ departmentId: noi, isHead: false }], practisingCertificateNo: '008888/HNO-CCHN' },
    });
    expect(created.status).toBe(201);

    const doctor = await system.login('bs.nhat', newPassword);
    expect(doctor.status).toBe(200);
    const refreshed = await system.request<TokenResponse>('POST', '/api/auth/refresh', { json: { refreshToken: doctor.body.refreshToken } });
    expect(refreshed.status).toBe(200);
    const token = refreshed.body.accessToken;
    seen.push(doctor.body.accessToken, doctor.body.refreshToken, token, refreshed.body.refreshToken);

    expect((await system.request('POST', '/api/me/signing/enrol', { token, json: { pin } })).status).toBe(201);
    const [stay] = (await system.request<CensusEntry[]>('GET', `/api/encounters/census?departmentId=${noi}`, { token })).body;
    const sheet = await system.request<DocumentVersion>('POST', `/api/encounters/${stay.encounterId}/documents`, { token, json: { formCode: '39/BV2', content: treatmentSheet() } });
    expect(sheet.status).toBe(201);
    expect((await system.request('POST', `/api/versions/${sheet.body.id}/signatures`, { token, json: { pin: wrongPin } })).status).toBe(403);
    expect((await system.request('POST', `/api/versions/${sheet.body.id}/signatures`, { token, json: { pin } })).status).toBe(201);

    const machine = await system.request<{ access_token: string }>('POST', '/api/auth/token', { form: { grant_type: 'client_credentials', client_id: 'lis', client_secret: clientSecret } });
    expect(machine.status).toBe(200);
    seen.push(machine.body.access_token);
    expect((await system.request('POST', '/api/auth/logout', { token })).status).toBe(204);
  });

  it('writes none of them to its output', async () => {
    await system.restart();
    log = system.fullLog();
    // The log is really there, at trace level: requests were logged, so a silent logger cannot pass this test.
    expect(log).toContain('/api/auth/login');
    expect(log).toContain('/api/me/signing/enrol');
    const secrets: [string, string][] = [
      ['the demo password', DEMO_PASSWORD],
      ['a wrong password', wrongPassword],
      ['a new user’s password', newPassword],
      ['a signing PIN', pin],
      ['a wrong signing PIN', wrongPin],
      ['a machine client’s secret', clientSecret],
      ['the JWT signing key', jwtSecret],
      ...seen.flatMap((t): [string, string][] => [
        ['a token', t],
        // A JWT's signature alone is enough to forge nothing, but its presence means the token was logged.
        ...(t.split('.').length === 3 ? ([['a token’s signature', t.split('.')[2]]] as [string, string][]) : []),
      ]),
    ];
    expect(seen.length).toBeGreaterThanOrEqual(7);
    expect(secrets.filter(([, value]) => log.includes(value)).map(([what]) => what)).toEqual([]);
  });
});
