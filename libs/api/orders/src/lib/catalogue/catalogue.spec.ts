import { OrderCatalogue, UCUM_UNITS, interpret, isValidLoinc } from './catalogue';

describe(OrderCatalogue.name, () => {
  const catalogue = new OrderCatalogue();
  const { tests, panels } = catalogue.lab();
  const procedures = catalogue.imaging();

  it('checks the LOINC mod-10 check digit', () => {
    expect(isValidLoinc('2823-3')).toBe(true);
    expect(isValidLoinc('57698-3')).toBe(true);
    expect(isValidLoinc('2823-4')).toBe(false);
    expect(isValidLoinc('2823')).toBe(false);
    expect(isValidLoinc('A823-3')).toBe(false);
  });

  it('ships about twenty-five lab tests and ten imaging procedures', () => {
    expect(tests.length).toBeGreaterThanOrEqual(25);
    expect(procedures.length).toBeGreaterThanOrEqual(10);
  });

  it.each([...tests, ...panels, ...procedures].map((x) => [x.serviceCode, x] as const))('%s has a well-formed LOINC code (check digit) or none', (_code, entry) => {
    if (entry.loinc !== null) expect(isValidLoinc(entry.loinc)).toBe(true);
  });

  it('gives every service code once, across tests, panels and procedures', () => {
    const codes = [...tests, ...panels, ...procedures].map((x) => x.serviceCode);
    expect(new Set(codes).size).toBe(codes.length);
    const loincs = tests.map((t) => t.loinc).filter(Boolean);
    expect(new Set(loincs).size).toBe(loincs.length);
  });

  it.each(tests.map((t) => [t.serviceCode, t] as const))('%s: a UCUM unit from the allowed list, a coherent adult range, Vietnamese and English names', (_code, test) => {
    if (test.unit !== null) expect(UCUM_UNITS).toContain(test.unit);
    expect(test.name.vi.trim()).not.toBe('');
    expect(test.name.en.trim()).not.toBe('');
    const r = test.referenceRange;
    if (r) {
      expect(r.low !== null || r.high !== null).toBe(true);
      if (r.low !== null && r.high !== null) expect(r.low).toBeLessThan(r.high);
      if (r.criticalLow !== null && r.low !== null) expect(r.criticalLow).toBeLessThan(r.low);
      if (r.criticalHigh !== null && r.high !== null) expect(r.criticalHigh).toBeGreaterThan(r.high);
    }
  });

  it('groups tests into panels whose members exist: CBC 58410-2 and the lipid panel 57698-3 with its four members', () => {
    for (const panel of panels) for (const member of panel.members) expect(catalogue.test(member)).toBeDefined();
    const lipid = panels.find((p) => p.loinc === '57698-3');
    expect(lipid?.members.map((m) => catalogue.test(m)?.loinc)).toEqual(['14647-2', '14927-8', '14646-4', '22748-8']);
    expect(panels.find((p) => p.loinc === '58410-2')?.members).toContain('HH-HGB');
  });

  it('names imaging procedures in Vietnamese with a DICOM modality and a SNOMED CT body site', () => {
    expect(procedures.map((p) => p.name.vi)).toEqual(expect.arrayContaining(['X-quang ngực thẳng', 'CT sọ não không tiêm thuốc', 'Siêu âm ổ bụng']));
    for (const p of procedures) {
      expect(['CR', 'DX', 'CT', 'MR', 'US', 'MG', 'XA', 'NM']).toContain(p.modality);
      expect(p.bodySite.code).toMatch(/^\d{6,18}$/);
    }
  });

  it('finds a test by LOINC or by service code, and a panel’s members', () => {
    expect(catalogue.testForResultCode('2823-3')?.serviceCode).toBe('SH-K');
    expect(catalogue.testForResultCode('SH-K')?.loinc).toBe('2823-3');
    expect(catalogue.testsCovered('SH-LIPID')).toHaveLength(4);
    expect(catalogue.testsCovered('SH-K')).toHaveLength(1);
    expect(catalogue.testsCovered('CDHA-SA-BUNG')).toHaveLength(0);
  });
});

describe('interpret', () => {
  const potassium = { low: 3.5, high: 5.0, criticalLow: 2.5, criticalHigh: 6.5 };

  it('flags low, high and critical values against the ranges', () => {
    expect(interpret(4.2, potassium)).toBe('N');
    expect(interpret(3.2, potassium)).toBe('L');
    expect(interpret(5.6, potassium)).toBe('H');
    expect(interpret(2.1, potassium)).toBe('LL');
    expect(interpret(6.9, potassium)).toBe('HH');
  });

  it('keeps the limits themselves normal, and says nothing without a range', () => {
    expect(interpret(3.5, potassium)).toBe('N');
    expect(interpret(5.0, potassium)).toBe('N');
    expect(interpret(7, null)).toBeNull();
    expect(interpret(1.2, { low: null, high: 1.7, criticalLow: null, criticalHigh: null })).toBe('N');
  });
});
