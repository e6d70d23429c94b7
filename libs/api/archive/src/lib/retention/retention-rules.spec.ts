import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHIPPED_RETENTION_RULES, decideRetention, loadRetentionRules, type RetentionFacts } from './retention-rules';

const facts = (over: Partial<RetentionFacts> = {}): RetentionFacts => ({
  endedAt: new Date('2026-11-20T03:00:00Z'),
  dischargeOutcome: 'improved',
  diagnosisCodes: ['J18.9'],
  asserted: [],
  ...over,
});
const decide = (over: Partial<RetentionFacts> = {}) => decideRetention(SHIPPED_RETENTION_RULES, facts(over));

/** R21: retain until 31/12 of the year the episode ended + N, N by the R21 table. */
describe('decideRetention', () => {
  it('keeps an ordinary record 10 years from the end of the year of discharge', () => {
    expect(decide()).toEqual({ years: 10, rule: 'Hồ sơ bệnh án: 10 năm', categories: [], retainUntil: '2036-12-31' });
  });

  it('counts the year in Vietnam time: discharged 23:30 on 31/12/2026 is a 2026 episode, 00:30 on 1/1/2027 is 2027', () => {
    expect(decide({ endedAt: new Date('2026-12-31T16:30:00Z') }).retainUntil).toBe('2036-12-31');
    expect(decide({ endedAt: new Date('2026-12-31T17:30:00Z') }).retainUntil).toBe('2037-12-31');
  });

  it.each([
    ['mental illness (F20.0)', { diagnosisCodes: ['F20.0'] }, 20, 'mental_illness'],
    ['a traffic accident (V43.5)', { diagnosisCodes: ['S06.0', 'V43.5'] }, 20, 'traffic_accident'],
    ['a work-related condition (Y96)', { diagnosisCodes: ['S62.3', 'Y96'] }, 20, 'occupational_accident'],
    ['a transplant (Z94.0)', { diagnosisCodes: ['Z94.0'] }, 20, 'transplant'],
    ['cosmetic surgery (Z41.1)', { diagnosisCodes: ['Z41.1'] }, 20, 'cosmetic_surgery'],
    ['death', { dischargeOutcome: 'died' as const }, 30, 'death'],
    ['an asserted occupational accident', { asserted: ['occupational_accident' as const] }, 20, 'occupational_accident'],
  ])('keeps %s for its R21 period', (_name, over, years, category) => {
    const decision = decide(over);
    expect(decision.years).toBe(years);
    expect(decision.categories).toContain(category);
    expect(decision.retainUntil).toBe(`${2026 + years}-12-31`);
  });

  it('keeps a medical-incident file permanently, whatever else matches', () => {
    expect(decide({ dischargeOutcome: 'died', asserted: ['medical_incident'] })).toEqual({
      years: null,
      rule: 'Hồ sơ sự cố y khoa: vĩnh viễn',
      categories: ['medical_incident', 'death'],
      retainUntil: null,
    });
  });

  it('takes the longest of several rules (death after a traffic accident: 30 years)', () => {
    const decision = decide({ dischargeOutcome: 'died', diagnosisCodes: ['V43.5'] });
    expect(decision).toMatchObject({ years: 30, rule: 'Người bệnh tử vong: 30 năm' });
    expect(decision.categories.sort()).toEqual(['death', 'traffic_accident']);
  });

  it('does not read J codes as F codes (prefixes match the start of the code)', () => {
    expect(decide({ diagnosisCodes: ['J45.0', 'I10'] }).years).toBe(10);
  });
});

describe('loadRetentionRules', () => {
  const dir = mkdtempSync(join(tmpdir(), 'benhan-retention-'));

  it('uses the shipped rules without a file', () => {
    expect(loadRetentionRules(null)).toBe(SHIPPED_RETENTION_RULES);
  });

  it("reads a facility's file and applies it", () => {
    const file = join(dir, 'rules.json');
    writeFileSync(file, JSON.stringify({ defaultYears: 15, defaultLabel: 'Bệnh viện: 15 năm', rules: [{ category: 'death', years: 50, label: 'Tử vong: 50 năm', when: { dischargeOutcomes: ['died'] } }] }));
    const rules = loadRetentionRules(file);
    expect(decideRetention(rules, facts())).toMatchObject({ years: 15, retainUntil: '2041-12-31' });
    expect(decideRetention(rules, facts({ dischargeOutcome: 'died' }))).toMatchObject({ years: 50 });
  });

  it('refuses a file below the legal minimum or with unknown categories, naming each problem', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ defaultYears: 5, defaultLabel: 'x', rules: [{ category: 'tattoo', years: 0, label: '' }] }));
    expect(() => loadRetentionRules(file)).toThrow(/defaultYears must be an integer of at least 10[\s\S]*rules\[0\]\.category[\s\S]*rules\[0\]\.years[\s\S]*rules\[0\]\.label/);
  });
});
