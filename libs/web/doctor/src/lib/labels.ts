import type {
  AdmissionSource,
  DischargeOutcome,
  DischargeType,
  EncounterStatus,
  EncounterType,
  DiffChange,
  FormCategory,
  Sex,
  UserRole,
  VersionStatus,
  TemporaryIdentityReason,
} from '@benhan/shared/contracts';
import { _ } from '@ngx-translate/core';

/**
 * Translation keys of the contract's enumerations, so templates translate a value with
 * `SEX_LABELS[sex] | translate` and option lists keep the contract's order.
 */
export const SEX_LABELS: Record<Sex, string> = {
  male: _('doctor.sex.male'),
  female: _('doctor.sex.female'),
  other: _('doctor.sex.other'),
  unknown: _('doctor.sex.unknown'),
};

export const TEMPORARY_REASON_LABELS: Record<TemporaryIdentityReason, string> = {
  newborn: _('doctor.temporaryReason.newborn'),
  unidentified: _('doctor.temporaryReason.unidentified'),
  foreigner: _('doctor.temporaryReason.foreigner'),
};

export const ADMISSION_SOURCE_LABELS: Record<AdmissionSource, string> = {
  emergency: _('doctor.admissionSource.emergency'),
  outpatient: _('doctor.admissionSource.outpatient'),
  referral: _('doctor.admissionSource.referral'),
};

export const DISCHARGE_OUTCOME_LABELS: Record<DischargeOutcome, string> = {
  recovered: _('doctor.dischargeOutcome.recovered'),
  improved: _('doctor.dischargeOutcome.improved'),
  unchanged: _('doctor.dischargeOutcome.unchanged'),
  worse: _('doctor.dischargeOutcome.worse'),
  died: _('doctor.dischargeOutcome.died'),
};

export const DISCHARGE_TYPE_LABELS: Record<DischargeType, string> = {
  discharged: _('doctor.dischargeType.discharged'),
  referred: _('doctor.dischargeType.referred'),
  left_against_advice: _('doctor.dischargeType.left_against_advice'),
  requested: _('doctor.dischargeType.requested'),
};

export const ENCOUNTER_TYPE_LABELS: Record<EncounterType, string> = {
  inpatient: _('doctor.encounterType.inpatient'),
  outpatient: _('doctor.encounterType.outpatient'),
};

export const ENCOUNTER_STATUS_LABELS: Record<EncounterStatus, string> = {
  in_progress: _('doctor.encounterStatus.in_progress'),
  finished: _('doctor.encounterStatus.finished'),
};

export const FORM_CATEGORY_LABELS: Record<FormCategory, string> = {
  medical_record: _('doctor.formCategory.medical_record'),
  treatment: _('doctor.formCategory.treatment'),
  nursing: _('doctor.formCategory.nursing'),
  medication: _('doctor.formCategory.medication'),
  consultation: _('doctor.formCategory.consultation'),
  procedure: _('doctor.formCategory.procedure'),
  request_result: _('doctor.formCategory.request_result'),
  discharge: _('doctor.formCategory.discharge'),
  transfer: _('doctor.formCategory.transfer'),
  summary: _('doctor.formCategory.summary'),
};

export const VERSION_STATUS_LABELS: Record<VersionStatus, string> = {
  draft: _('doctor.versionStatus.draft'),
  signed: _('doctor.versionStatus.signed'),
};

export const USER_ROLE_LABELS: Record<UserRole, string> = {
  doctor: _('doctor.role.doctor'),
  nurse: _('doctor.role.nurse'),
  records_officer: _('doctor.role.records_officer'),
  director: _('doctor.role.director'),
  inspector: _('doctor.role.inspector'),
  admin: _('doctor.role.admin'),
};

export const DIFF_CHANGE_LABELS: Record<DiffChange, string> = {
  added: _('doctor.diffChange.added'),
  removed: _('doctor.diffChange.removed'),
  changed: _('doctor.diffChange.changed'),
};

/** The shared `{ value, labelKey }` options of a select (libs/web/ui), re-exported for this workspace's pages. */
export { optionsOf } from '@benhan/web/ui';

/** Sex as the census sends it (a plain string): its label, or the raw value when it is not one of ours. */
export function sexLabel(sex: string): string {
  return sex in SEX_LABELS ? SEX_LABELS[sex as Sex] : sex;
}
