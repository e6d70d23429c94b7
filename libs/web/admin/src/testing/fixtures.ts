import type { FormDefinition, FormSummary, UploadFormRequest } from '@benhan/shared/contracts';

// Test doubles of the admin workspace's specs.

/** A small schema: one section with a short text and a number with its unit. */
export const SMALL_SCHEMA: FormDefinition['schema'] = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  title: 'Bệnh án nội khoa',
  'x-title-en': 'Internal medicine inpatient record',
  additionalProperties: false,
  properties: {
    reasonForAdmission: {
      type: 'object',
      title: 'Lý do vào viện',
      'x-title-en': 'Reason for admission',
      additionalProperties: false,
      properties: {
        reason: { type: 'string', title: 'Lý do', 'x-title-en': 'Reason', maxLength: 500 },
        dayOfIllness: { type: 'integer', title: 'Vào ngày thứ', 'x-title-en': 'Day of illness', minimum: 0, maximum: 365 },
      },
    },
  },
};

export function aFormSummary(overrides: Partial<FormSummary> = {}): FormSummary {
  return {
    code: '01/BV1',
    version: 1,
    title: { vi: 'Bệnh án nội khoa', en: 'Internal medicine inpatient record' },
    category: 'medical_record',
    source: 'TT 32/2023/TT-BYT Annex XXVIII, form 01/BV1',
    encounterTypes: ['inpatient'],
    authorRoles: ['doctor'],
    repeatable: false,
    signers: [
      { step: 1, role: 'author', label: 'Bác sĩ làm bệnh án' },
      { step: 2, role: 'head_of_department', label: 'Trưởng khoa' },
    ],
    requiredFor: [{ encounterType: 'inpatient', whenFinished: false }],
    requirementGroup: 'inpatient_record',
    active: true,
    ...overrides,
  };
}

export function aFormDefinition(overrides: Partial<FormDefinition> = {}): FormDefinition {
  return { ...aFormSummary(), schema: SMALL_SCHEMA, uncertainties: ['Chưa đối chiếu với bản PDF của Phụ lục XXVIII.'], ...overrides };
}

export function anUpload(overrides: Partial<UploadFormRequest> = {}): UploadFormRequest {
  return {
    code: 'E2E/BV2',
    title: { vi: 'Phiếu ghi chú hành chính', en: 'Administrative note' },
    category: 'summary',
    source: 'Benhan test form',
    encounterTypes: ['inpatient'],
    authorRoles: ['doctor'],
    repeatable: true,
    signers: [{ step: 1, role: 'author', label: 'Người ghi' }],
    requiredFor: [],
    requirementGroup: null,
    schema: SMALL_SCHEMA,
    uncertainties: [],
    ...overrides,
  };
}
