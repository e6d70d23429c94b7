import { join } from 'node:path';
import { TerminologyTestbed } from '../testing/terminology-testbed';
import { QD4469_BHYT, type Icd10CatalogueSpec } from './icd10/icd10-catalogues';
import { Icd10CatalogueLoader } from './loading/icd10-catalogue.loader';
import { ReferenceListsLoader } from './loading/reference-lists.loader';
import { TerminologyError } from './terminology.errors';
import { TerminologyService } from './terminology.service';

/** A later list loaded through the same loader by a column mapping (TT 06/2026 shape, flags in columns 24–29). */
const TT06_SAMPLE: Icd10CatalogueSpec = {
  version: 'TT06-2026-SAMPLE',
  title: 'TT 06/2026 sample',
  source: 'test fixture',
  validFrom: '2026-07-01',
  validTo: null,
  file: join(__dirname, '../testing/fixtures/icd10-tt06-sample.csv'),
  columns: {
    code: 'MA_BENH',
    titleVi: 'TEN_BENH_TIENG_VIET',
    titleEn: 'TEN_BENH_TIENG_ANH',
    chapter: 'CHUONG',
    usageFlags: { notPrincipal: 24, principalNotRecommended: 25, longerCodeExists: 26, causeOfDeathOnly: 27, femaleOnly: 28, maleOnly: 29 },
  },
};

const BEFORE_TT06 = new Date('2026-05-20T03:00:00Z');
const AFTER_TT06 = new Date('2026-08-01T03:00:00Z');

async function failure(promise: Promise<unknown>): Promise<{ code: string; status: number; fields: string[] }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TerminologyError) return { code: error.code, status: error.status, fields: error.fieldErrors.map((f) => f.field) };
    throw error;
  }
  throw new Error('expected a TerminologyError');
}

describe(TerminologyService.name, () => {
  let bed: TerminologyTestbed;
  let terminology: TerminologyService;
  let loader: Icd10CatalogueLoader;
  beforeAll(async () => {
    bed = await TerminologyTestbed.create();
    terminology = bed.module.get(TerminologyService);
    loader = bed.module.get(Icd10CatalogueLoader);
  });
  afterAll(() => bed?.close());

  describe('loading on start', () => {
    it('loads the QĐ 4469-era catalogue, the 34 provinces, 3,321 communes and 54 ethnic groups', async () => {
      expect(await bed.count(`SELECT count(*) AS n FROM icd10_codes c JOIN icd10_catalogues k ON k.id = c.catalogue_id WHERE k.version = 'QD4469-BHYT'`)).toBe(12_137);
      expect(await bed.count('SELECT count(*) AS n FROM provinces')).toBe(34);
      expect(await bed.count('SELECT count(*) AS n FROM communes')).toBe(3321);
      expect(await bed.count('SELECT count(*) AS n FROM ethnicities')).toBe(54);
    });

    it('loads nothing twice: a loaded version and filled tables are left alone', async () => {
      expect(await loader.loadMissing([QD4469_BHYT])).toEqual([]);
      expect(await bed.module.get(ReferenceListsLoader).loadEmpty()).toEqual([]);
      expect(await bed.count('SELECT count(*) AS n FROM icd10_catalogues')).toBe(1);
    });

    it('loads 12,137 codes in seconds, in one transaction with batched inserts', async () => {
      await bed.dataSource.query(`DELETE FROM icd10_catalogues WHERE version = 'QD4469-BHYT'`);
      const result = await loader.load(QD4469_BHYT);
      expect(result).toEqual(expect.objectContaining({ version: 'QD4469-BHYT', rows: 12_137 }));
      process.stdout.write(`ICD-10 load: file ${result?.parseMs} ms, database ${result?.insertMs} ms (module start ${bed.initMs} ms)\n`);
      expect((result?.parseMs ?? 0) + (result?.insertMs ?? 0)).toBeLessThan(15_000);
    });

    it('lets two loads of the same new version race: one loads, the other finds it loaded', async () => {
      const results = await Promise.all([loader.load(TT06_SAMPLE), loader.load(TT06_SAMPLE)]);
      expect(results.filter((r) => r !== null)).toEqual([expect.objectContaining({ version: 'TT06-2026-SAMPLE', rows: 8 })]);
    });
  });

  describe('ICD-10 search', () => {
    beforeAll(() => bed.clock.set(BEFORE_TT06));

    it('puts the exact code first, then the codes it starts', async () => {
      const { catalogue, items } = await terminology.searchIcd10({ q: 'J18', limit: 10 });
      expect(catalogue.version).toBe('QD4469-BHYT');
      expect(items.map((i) => i.code)).toEqual(['J18', 'J18.0', 'J18.1', 'J18.2', 'J18.8', 'J18.9']);
    });

    it('finds titles without diacritics: titles starting with the words first, shortest first', async () => {
      const { items } = await terminology.searchIcd10({ q: 'viem phoi', limit: 20 });
      expect(items.map((i) => i.code)).toEqual(expect.arrayContaining(['J18.9', 'J18.1']));
      expect(items.every((i) => i.titleVi.toLowerCase().startsWith('viêm phổi'))).toBe(true);
      expect(items.map((i) => i.titleVi.length)).toEqual([...items.map((i) => i.titleVi.length)].sort((a, b) => a - b));
      const more = await terminology.searchIcd10({ q: 'viem phoi', limit: 100 });
      expect(more.items.map((i) => i.code)).toEqual(expect.arrayContaining(['J18', 'J18.0', 'J18.2', 'J18.8']));
    });

    it('matches every word, in any order, with or without diacritics', async () => {
      const a = await terminology.searchIcd10({ q: 'phổi viêm thuỳ', limit: 5 });
      expect(a.items.map((i) => i.code)).toContain('J18.1');
    });

    it('accepts an undotted code and treats LIKE wildcards as text', async () => {
      expect((await terminology.searchIcd10({ q: 'j189', limit: 3 })).items[0].code).toBe('J18.9');
      expect((await terminology.searchIcd10({ q: '%_', limit: 3 })).items).toEqual([]);
    });

    it('reads the version asked for, by name or by day', async () => {
      expect((await terminology.searchIcd10({ q: 'A00.0', limit: 1, at: '2026-07-02' })).items[0]).toEqual(
        expect.objectContaining({ titleVi: 'Bệnh tả do vi khuẩn Vibrio cholerae 01, típ sinh học cholerae', catalogueVersion: 'TT06-2026-SAMPLE' }),
      );
      expect((await terminology.getIcd10('A00.0', { version: 'QD4469-BHYT' })).titleVi).toBe('Bệnh tả do Vibrio cholerae 01, typ sinh học cholerae');
      expect(await failure(terminology.getIcd10('A00.0', { version: 'NOPE' }))).toEqual({ code: 'unknown_catalogue_version', status: 400, fields: ['version'] });
      expect(await failure(terminology.getIcd10('A99.9'))).toEqual({ code: 'icd10_code_not_found', status: 404, fields: [] });
    });
  });

  describe(TerminologyService.prototype.requireDiagnosisCode.name, () => {
    it('returns the canonical entry with the catalogue version in force at the encounter end (R15)', async () => {
      const before = await terminology.requireDiagnosisCode('j189', { role: 'principal', patientSex: 'male', at: BEFORE_TT06 });
      expect(before).toEqual(expect.objectContaining({ code: 'J18.9', catalogueVersion: 'QD4469-BHYT' }));
      const after = await terminology.requireDiagnosisCode('J18.9', { role: 'principal', patientSex: 'male', at: AFTER_TT06 });
      expect(after.catalogueVersion).toBe('TT06-2026-SAMPLE');
    });

    it('refuses a code unknown to that version, naming the field passed in', async () => {
      // J12.0 is in the QĐ 4469 list but not in the (small) later sample.
      await expect(terminology.requireDiagnosisCode('J12.0', { role: 'secondary', patientSex: 'female', at: BEFORE_TT06 })).resolves.toBeDefined();
      expect(await failure(terminology.requireDiagnosisCode('J12.0', { role: 'secondary', patientSex: 'female', at: AFTER_TT06, field: 'diagnoses[1].code' }))).toEqual({
        code: 'unknown_diagnosis_code',
        status: 400,
        fields: ['diagnoses[1].code'],
      });
      expect(await failure(terminology.requireDiagnosisCode('not a code', { role: 'principal', patientSex: 'male' }))).toEqual({ code: 'unknown_diagnosis_code', status: 400, fields: ['code'] });
    });

    it('refuses a cause-of-death-only code as principal diagnosis, accepts it as cause of death', async () => {
      expect((await failure(terminology.requireDiagnosisCode('R99', { role: 'principal', patientSex: 'male', at: AFTER_TT06 }))).code).toBe('diagnosis_cause_of_death_only');
      await expect(terminology.requireDiagnosisCode('R99', { role: 'cause_of_death', patientSex: 'male', at: AFTER_TT06 })).resolves.toEqual(expect.objectContaining({ causeOfDeathOnly: true }));
    });

    it('refuses a sex-restricted code for a patient of the other sex, in either catalogue', async () => {
      expect((await failure(terminology.requireDiagnosisCode('O80', { role: 'principal', patientSex: 'male', at: BEFORE_TT06 }))).code).toBe('diagnosis_sex_mismatch');
      expect((await failure(terminology.requireDiagnosisCode('N40', { role: 'secondary', patientSex: 'female', at: AFTER_TT06 }))).code).toBe('diagnosis_sex_mismatch');
      await expect(terminology.requireDiagnosisCode('O80', { role: 'principal', patientSex: 'female', at: BEFORE_TT06 })).resolves.toEqual(expect.objectContaining({ sexRestriction: 'female' }));
    });

    it('refuses an asterisk code as the main diagnosis, accepts it as a secondary one', async () => {
      expect((await failure(terminology.requireDiagnosisCode('G01', { role: 'discharge', patientSex: 'male', at: BEFORE_TT06 }))).code).toBe('diagnosis_not_principal');
      await expect(terminology.requireDiagnosisCode('G01', { role: 'secondary', patientSex: 'male', at: BEFORE_TT06 })).resolves.toBeDefined();
    });
  });

  describe('administrative units and ethnic groups', () => {
    it('lists the communes of Hà Nội', async () => {
      const communes = await terminology.listCommunes('01');
      expect(communes.length).toBeGreaterThan(100);
      expect(communes[0]).toEqual({ code: '00004', name: 'Phường Ba Đình', provinceCode: '01' });
      expect(await failure(terminology.listCommunes('99'))).toEqual({ code: 'province_not_found', status: 404, fields: [] });
    });

    it('accepts a commune of its province, and names the field at fault otherwise', async () => {
      await expect(terminology.requireCommune('01', '00004')).resolves.toEqual(expect.objectContaining({ name: 'Phường Ba Đình' }));
      expect(await failure(terminology.requireCommune('99', '00004'))).toEqual({ code: 'unknown_province', status: 400, fields: ['address.provinceCode'] });
      expect(await failure(terminology.requireCommune('01', '99999'))).toEqual({ code: 'unknown_commune', status: 400, fields: ['address.communeCode'] });
      const other = (await terminology.listCommunes('79'))[0];
      expect(await failure(terminology.requireCommune('01', other.code, { commune: 'commune' }))).toEqual({ code: 'commune_not_in_province', status: 400, fields: ['commune'] });
    });

    it('accepts the 54 ethnicity codes only (no code for foreigners)', async () => {
      await expect(terminology.requireEthnicity('01')).resolves.toEqual({ code: '01', name: 'Kinh' });
      await expect(terminology.requireEthnicity('54')).resolves.toEqual({ code: '54', name: 'Rơ-măm' });
      expect(await failure(terminology.requireEthnicity('55'))).toEqual({ code: 'unknown_ethnicity', status: 400, fields: ['ethnicityCode'] });
    });
  });
});
