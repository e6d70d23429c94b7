import type { DiagnosisRole, Sex } from '@benhan/shared/contracts';

/** What encounters needs from the terminology domain: a checked ICD-10 code with its title and catalogue version. */
export interface ResolvedDiagnosis {
  code: string;
  title: string;
  catalogueVersion: string;
}

export interface DiagnosisCodes {
  resolve(code: string, context: { role: DiagnosisRole; patientSex: Sex; at: Date; field: string }): Promise<ResolvedDiagnosis>;
}

export const DIAGNOSIS_CODES = Symbol('DIAGNOSIS_CODES');
