import type { CitizenIdProblemCode, FieldProblem, InsuranceCardProblemCode, PhoneProblemCode } from '@benhan/shared/validation';
import { _ } from '@ngx-translate/core';

/** Problem codes the doctor workspace's own forms add to those of `@benhan/shared/validation`. */
export const FORM_PROBLEM_CODES = {
  required: 'required',
  birthDateFuture: 'birth_date.future',
  birthYearRange: 'birth_year.range',
  nationalityFormat: 'nationality.format',
  /** A field error from the API (400): its `message` is shown as the server wrote it. */
  server: 'server',
} as const;
export type FormProblemCode = (typeof FORM_PROBLEM_CODES)[keyof typeof FORM_PROBLEM_CODES];

/**
 * Vietnamese (and English) text of every problem code, by translation key. Typed against the shared validators'
 * code unions, so a code added there fails to compile here until it has a message.
 */
export const PROBLEM_MESSAGE_KEYS: Record<CitizenIdProblemCode | InsuranceCardProblemCode | PhoneProblemCode | FormProblemCode, string> = {
  'citizen_id.format': _('doctor.problem.citizen_id.format'),
  'citizen_id.province': _('doctor.problem.citizen_id.province'),
  'citizen_id.century_sex': _('doctor.problem.citizen_id.century_sex'),
  'citizen_id.birth_year': _('doctor.problem.citizen_id.birth_year'),
  'citizen_id.sex': _('doctor.problem.citizen_id.sex'),
  'insurance_card.length': _('doctor.problem.insurance_card.length'),
  'insurance_card.social_insurance_number_only': _('doctor.problem.insurance_card.social_insurance_number_only'),
  'insurance_card.object_code': _('doctor.problem.insurance_card.object_code'),
  'insurance_card.benefit_level': _('doctor.problem.insurance_card.benefit_level'),
  'insurance_card.province': _('doctor.problem.insurance_card.province'),
  'insurance_card.social_insurance_number': _('doctor.problem.insurance_card.social_insurance_number'),
  'insurance_card.date_format': _('doctor.problem.insurance_card.date_format'),
  'insurance_card.validity_range': _('doctor.problem.insurance_card.validity_range'),
  'insurance_card.facility_code': _('doctor.problem.insurance_card.facility_code'),
  'phone.format': _('doctor.problem.phone.format'),
  required: _('doctor.problem.required'),
  'birth_date.future': _('doctor.problem.birth_date.future'),
  'birth_year.range': _('doctor.problem.birth_year.range'),
  'nationality.format': _('doctor.problem.nationality.format'),
  server: _('doctor.problem.server'),
};

export interface ProblemMessage {
  key: string;
  params: Record<string, string>;
}

/** The translation of one problem; an unknown code falls back to the problem's own (English) message. */
export function problemMessage(problem: FieldProblem): ProblemMessage {
  const key = (PROBLEM_MESSAGE_KEYS as Record<string, string>)[problem.code];
  return key && problem.code !== FORM_PROBLEM_CODES.server
    ? { key, params: {} }
    : { key: PROBLEM_MESSAGE_KEYS.server, params: { message: problem.message } };
}
