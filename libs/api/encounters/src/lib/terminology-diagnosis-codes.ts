import { Injectable } from '@nestjs/common';
import { TerminologyService } from '@benhan/api/terminology';
import type { DiagnosisRole, Sex } from '@benhan/shared/contracts';
import type { DiagnosisCodes, ResolvedDiagnosis } from './diagnosis-codes';

/** Diagnoses are checked against the ICD-10 catalogue valid at the time of the encounter (R15). */
@Injectable()
export class TerminologyDiagnosisCodes implements DiagnosisCodes {
  constructor(private readonly terminology: TerminologyService) {}

  async resolve(code: string, context: { role: DiagnosisRole; patientSex: Sex; at: Date; field: string }): Promise<ResolvedDiagnosis> {
    const found = await this.terminology.requireDiagnosisCode(code, context);
    return { code: found.code, title: found.titleVi, catalogueVersion: found.catalogueVersion };
  }
}
