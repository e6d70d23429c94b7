import type { DiagnosisCodeRole, Sex } from '@benhan/shared/contracts';
import type { TerminologyErrorCode } from '../terminology.errors';
import type { Icd10UsageFlags } from './icd10-rules';

/** Roles that name the main condition: a code flagged "not principal" may not fill them. */
export const MAIN_DIAGNOSIS_ROLES: readonly DiagnosisCodeRole[] = ['admission', 'principal', 'discharge'];

/**
 * Why a code may not be used in this role for this patient (R15), or null when it may:
 * - a cause-of-death-only code anywhere but the cause of death;
 * - a code flagged "not principal" (asterisk codes, external causes …) as a main diagnosis;
 * - a sex-restricted code for a patient recorded with the other sex (`other`/`unknown` pass: we cannot tell).
 * "Not recommended as principal" and "a longer code exists" are advice, never refused.
 */
export function diagnosisUseProblem(
  code: string,
  flags: Pick<Icd10UsageFlags, 'causeOfDeathOnly' | 'notPrincipal' | 'sexRestriction'>,
  role: DiagnosisCodeRole,
  patientSex: Sex,
): { code: TerminologyErrorCode; message: string } | null {
  if (flags.causeOfDeathOnly && role !== 'cause_of_death') {
    return { code: 'diagnosis_cause_of_death_only', message: `${code} may be used only as a cause of death` };
  }
  if (flags.notPrincipal && MAIN_DIAGNOSIS_ROLES.includes(role)) {
    return { code: 'diagnosis_not_principal', message: `${code} may not be the main diagnosis: code it as a secondary diagnosis` };
  }
  if ((flags.sexRestriction === 'F' && patientSex === 'male') || (flags.sexRestriction === 'M' && patientSex === 'female')) {
    return { code: 'diagnosis_sex_mismatch', message: `${code} applies only to ${flags.sexRestriction === 'F' ? 'female' : 'male'} patients` };
  }
  return null;
}
