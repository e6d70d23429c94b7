import type { DocumentSummary, DocumentVersion, FormDefinition, FormSummary } from '@benhan/shared/contracts';

/** Test doubles of the document pages: a two-section internal-medicine form and its documents. */
export function aForm(overrides: Partial<FormDefinition> = {}): FormDefinition {
  return {
    code: '01/BV1',
    version: 2,
    title: { vi: 'Bệnh án nội khoa', en: 'Internal medicine inpatient record' },
    category: 'medical_record',
    source: 'TT 32/2023',
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
    uncertainties: [],
    schema: {
      type: 'object',
      properties: {
        reasonForAdmission: {
          type: 'object',
          title: 'Lý do vào viện',
          required: ['reason'],
          properties: { reason: { type: 'string', title: 'Lý do vào viện', maxLength: 1000, 'x-multiline': true } },
        },
        examination: {
          type: 'object',
          title: 'Khám bệnh',
          properties: {
            general: {
              type: 'object',
              title: 'Toàn thân',
              properties: { pulse: { type: 'integer', title: 'Mạch', minimum: 20, maximum: 250, 'x-unit': 'lần/phút' } },
            },
          },
        },
      },
    },
    ...overrides,
  };
}

export function aFormSummary(overrides: Partial<FormSummary> = {}): FormSummary {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { schema, uncertainties, ...summary } = aForm();
  return { ...summary, ...overrides };
}

export function aVersion(overrides: Partial<DocumentVersion> = {}): DocumentVersion {
  return {
    id: 'v-1',
    documentId: 'doc-1',
    number: 1,
    status: 'draft',
    reason: null,
    authorId: 'u-1',
    authorName: 'BS. Nguyễn Văn Minh',
    authorRole: 'doctor',
    departmentId: 'd-noi',
    departmentName: 'Khoa Nội tổng hợp',
    createdAt: '2026-05-02T02:00:00.000Z',
    savedAt: '2026-05-02T02:30:00.000Z',
    effectiveAt: '2026-05-02T02:00:00.000Z',
    schemaVersion: 1,
    contentHash: 'abc',
    signoffs: [],
    awaiting: [{ step: 1, role: 'author', label: 'Bác sĩ làm bệnh án' }],
    content: { reasonForAdmission: { reason: 'Sốt' }, examination: { general: { pulse: 92 } } },
    revision: 3,
    ...overrides,
  };
}

export function aDocument(overrides: Partial<DocumentSummary> = {}): DocumentSummary {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { content, revision, documentId, ...latest } = aVersion();
  return {
    id: 'doc-1',
    encounterId: 'e-1',
    patientId: 'p-1',
    formCode: '01/BV1',
    formTitle: { vi: 'Bệnh án nội khoa', en: 'Internal medicine inpatient record' },
    title: null,
    createdAt: '2026-05-02T02:00:00.000Z',
    latest,
    versionCount: 1,
    ...overrides,
  };
}
