import { diagnosisUseProblem } from './diagnosis-use';

const plain = { causeOfDeathOnly: false, notPrincipal: false, sexRestriction: null };

describe(diagnosisUseProblem.name, () => {
  it('blocks a cause-of-death-only code in every role but the cause of death (R15)', () => {
    const flags = { ...plain, causeOfDeathOnly: true };
    for (const role of ['admission', 'principal', 'secondary', 'discharge'] as const) expect(diagnosisUseProblem('R99', flags, role, 'male')?.code).toBe('diagnosis_cause_of_death_only');
    expect(diagnosisUseProblem('R99', flags, 'cause_of_death', 'male')).toBeNull();
  });

  it('keeps a "not principal" code out of the main diagnosis roles only', () => {
    const flags = { ...plain, notPrincipal: true };
    for (const role of ['admission', 'principal', 'discharge'] as const) expect(diagnosisUseProblem('G01', flags, role, 'female')?.code).toBe('diagnosis_not_principal');
    expect(diagnosisUseProblem('G01', flags, 'secondary', 'female')).toBeNull();
  });

  it('refuses a sex-restricted code for a patient of the other sex, not for other or unknown sex (R15)', () => {
    expect(diagnosisUseProblem('O80', { ...plain, sexRestriction: 'F' }, 'principal', 'male')?.code).toBe('diagnosis_sex_mismatch');
    expect(diagnosisUseProblem('N40', { ...plain, sexRestriction: 'M' }, 'secondary', 'female')?.code).toBe('diagnosis_sex_mismatch');
    expect(diagnosisUseProblem('O80', { ...plain, sexRestriction: 'F' }, 'principal', 'female')).toBeNull();
    expect(diagnosisUseProblem('O80', { ...plain, sexRestriction: 'F' }, 'principal', 'unknown')).toBeNull();
    expect(diagnosisUseProblem('N40', { ...plain, sexRestriction: 'M' }, 'principal', 'other')).toBeNull();
  });
});
