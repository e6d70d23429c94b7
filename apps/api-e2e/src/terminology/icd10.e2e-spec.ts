import type { Commune, Ethnicity, Icd10Code, Icd10SearchResult, ProblemDetails, Province } from '@benhan/shared/contracts';
import { TestSystem } from '../support/system';

describe('terminology: ICD-10 catalogue and administrative code lists (R15)', () => {
  let system: TestSystem;
  let token: string;
  beforeAll(async () => {
    system = await TestSystem.start();
    token = await system.token('doctor');
  });
  afterAll(() => system?.stop());

  const get = <T>(path: string) => system.request<T>('GET', path, { token });

  it('has the whole QĐ 4469-era catalogue loaded on start (12,137 codes)', async () => {
    const rows = await system.sql<{ version: string; n: number }>(
      `SELECT k.version, count(*)::int AS n FROM icd10_codes c JOIN icd10_catalogues k ON k.id = c.catalogue_id GROUP BY k.version`,
    );
    expect(rows).toEqual([{ version: 'QD4469-BHYT', n: 12_137 }]);
  });

  it('finds codes by code prefix, the exact code first', async () => {
    const res = await get<Icd10SearchResult>('/api/icd10?q=J18&limit=10');
    expect(res.status).toBe(200);
    expect(res.body.catalogue.version).toBe('QD4469-BHYT');
    expect(res.body.items.map((i) => i.code)).toEqual(['J18', 'J18.0', 'J18.1', 'J18.2', 'J18.8', 'J18.9']);
    expect((await get<Icd10SearchResult>('/api/icd10?q=j189')).body.items[0].code).toBe('J18.9');
  });

  it('finds pneumonia codes by Vietnamese words typed without diacritics', async () => {
    const res = await get<Icd10SearchResult>('/api/icd10?q=viem%20phoi&limit=60');
    expect(res.status).toBe(200);
    const codes = res.body.items.map((i) => i.code);
    expect(codes).toEqual(expect.arrayContaining(['J18', 'J18.1', 'J18.2', 'J18.8', 'J18.9']));
    expect(res.body.items.slice(0, 10).map((i) => i.code)).toContain('J18.9');
    expect(res.body.items.find((i) => i.code === 'J18.9')).toEqual(expect.objectContaining({ titleVi: 'Viêm phổi, không đặc hiệu', titleEn: 'Pneumonia, unspecified' }));
  });

  it('returns one code with its usage rules', async () => {
    const res = await get<Icd10Code>('/api/icd10/O80');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expect.objectContaining({ code: 'O80', chapter: 'XV', sexRestriction: 'female', causeOfDeathOnly: false, catalogueVersion: 'QD4469-BHYT' }));
    expect((await get<ProblemDetails>('/api/icd10/A99.9')).status).toBe(404);
  });

  it('refuses a malformed query with a field error', async () => {
    const res = await get<ProblemDetails>('/api/icd10?q=J18&limit=1000&at=yesterday');
    expect(res.status).toBe(400);
    expect(res.body.errors?.map((e) => e.field).sort()).toEqual(['at', 'limit']);
  });

  it('lists the 34 provinces and the communes of Hà Nội (01)', async () => {
    const provinces = await get<Province[]>('/api/provinces');
    expect(provinces.status).toBe(200);
    expect(provinces.body).toHaveLength(34);
    expect(provinces.body[0]).toEqual({ code: '01', name: 'Thành phố Hà Nội' });

    const communes = await get<Commune[]>('/api/provinces/01/communes');
    expect(communes.status).toBe(200);
    expect(communes.body.length).toBeGreaterThan(100);
    expect(communes.body.every((c) => c.provinceCode === '01')).toBe(true);
    expect(communes.body).toContainEqual({ code: '00004', name: 'Phường Ba Đình', provinceCode: '01' });
    expect((await get<ProblemDetails>('/api/provinces/99/communes')).status).toBe(404);
  });

  it('lists the 54 ethnic groups', async () => {
    const res = await get<Ethnicity[]>('/api/ethnicities');
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(54);
    expect(res.body[0]).toEqual({ code: '01', name: 'Kinh' });
  });

  it('answers 401 without a token', async () => {
    for (const path of ['/api/icd10?q=J18', '/api/icd10/J18.9', '/api/provinces', '/api/provinces/01/communes', '/api/ethnicities']) {
      expect((await system.request('GET', path)).status).toBe(401);
    }
  });
});
