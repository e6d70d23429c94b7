import type {
  ArchiveAccessEntry,
  ArchiveLoan,
  ArchiveSummary,
  CurrentUser,
  DischargeQueueItem,
  DisposalRecord,
  EncounterCompleteness,
  FixityRun,
} from '@benhan/shared/contracts';

/** Test doubles of the records workspace's specs. */
export function aRecordsOfficer(overrides: Partial<CurrentUser> = {}): CurrentUser {
  return {
    id: 'u-3',
    username: 'records',
    fullName: 'Phạm Thu Trang',
    roles: ['records_officer'],
    departments: [{ id: 'd-khth', code: 'KHTH', name: 'Phòng Kế hoạch tổng hợp', isHead: false }],
    facility: { id: 'f-1', code: 'BV01', name: 'Bệnh viện Đa khoa Benhan' },
    practisingCertificateNo: null,
    ...overrides,
  };
}

export function aDirector(overrides: Partial<CurrentUser> = {}): CurrentUser {
  return aRecordsOfficer({ id: 'u-9', username: 'director', fullName: 'TS.BS. Hoàng Văn Bình', roles: ['director'], departments: [], ...overrides });
}

export function completeness(overrides: Partial<EncounterCompleteness> = {}): EncounterCompleteness {
  return { encounterId: 'e-1', complete: true, missing: [], awaitingSignature: [], incompleteDrafts: [], recordClosedAt: null, ...overrides };
}

/** What an incomplete record lacks: the discharge paper, the head of department's countersignature, a draft. */
export function gaps(): Pick<EncounterCompleteness, 'missing' | 'awaitingSignature' | 'incompleteDrafts'> {
  return {
    missing: [{ requirement: 'discharge_paper', formCodes: ['RV/BV1'], title: { vi: 'Giấy ra viện', en: 'Discharge paper' } }],
    awaitingSignature: [{ documentId: 'doc-1', formCode: '01/BV1', versionNumber: 2, step: { step: 2, role: 'head_of_department', label: 'Trưởng khoa' } }],
    incompleteDrafts: [{ documentId: 'doc-2', formCode: '39/BV2', versionNumber: 1 }],
  };
}

/** The discharged stay both a queue item and its archive describe. */
const STAY = {
  encounterId: 'e-1',
  patientId: 'p-1',
  patientName: 'Trịnh Thị Ngọc Ánh',
  patientCode: 'BN000123',
  recordNumber: 'NT-2026-000045',
  encounterType: 'inpatient',
  departmentName: 'Khoa Nội tổng hợp',
  startedAt: '2026-05-01T02:00:00.000Z',
  endedAt: '2026-05-08T03:00:00.000Z',
} satisfies Partial<DischargeQueueItem & ArchiveSummary>;

export function aQueueItem(overrides: Partial<DischargeQueueItem> = {}): DischargeQueueItem {
  return {
    ...STAY,
    completeness: completeness(),
    archive: null,
    reopened: false,
    ...overrides,
  };
}

export function anArchive(overrides: Partial<ArchiveSummary> = {}): ArchiveSummary {
  return {
    id: 'a-1',
    ...STAY,
    principalDiagnosis: { code: 'J18.9', name: 'Viêm phổi, không đặc hiệu' },
    diagnosisCodes: ['J18.9'],
    generation: 1,
    status: 'stored',
    sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    sizeBytes: 1_572_864,
    pageCount: 24,
    documentCount: 9,
    store: 'fs',
    storeKey: '2026/05/a-1-g1.pdf',
    lookupCode: 'A9F86D08188',
    archivedAt: '2026-05-09T02:00:00.000Z',
    archivedByName: 'Phạm Thu Trang',
    retention: { years: 10, rule: 'inpatient: 10 years', categories: [], retainUntil: '2036-12-31' },
    legalHold: null,
    lastFixity: { checkedAt: '2026-05-10T20:00:00.000Z', outcome: 'ok' },
    disposedAt: null,
    ...overrides,
  };
}

export function aLoan(overrides: Partial<ArchiveLoan> = {}): ArchiveLoan {
  return {
    id: 'l-1',
    archiveId: 'a-1',
    borrower: 'Tòa án nhân dân quận Ba Đình',
    purpose: 'Hồ sơ vụ án',
    lentAt: '2026-05-11T02:00:00.000Z',
    lentByName: 'Phạm Thu Trang',
    dueAt: '2099-06-11T16:59:59.000Z',
    returnedAt: null,
    ...overrides,
  };
}

export function anAccessEntry(overrides: Partial<ArchiveAccessEntry> = {}): ArchiveAccessEntry {
  return {
    id: 'x-1',
    kind: 'download',
    at: '2026-05-10T02:00:00.000Z',
    userName: 'Phạm Thu Trang',
    role: 'records_officer',
    purpose: 'Bảo hiểm xã hội đề nghị giám định',
    borrower: null,
    dueAt: null,
    ...overrides,
  };
}

export function aDisposal(overrides: Partial<DisposalRecord> = {}): DisposalRecord {
  return {
    id: 'd-1',
    archiveId: 'a-old',
    patientName: 'Lê Văn Tám',
    recordNumber: 'NT-2010-000012',
    generation: 1,
    sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    sizeBytes: 2_097_152,
    retainUntil: '2020-12-31',
    reason: 'Hết thời hạn lưu trữ 10 năm',
    status: 'proposed',
    proposedAt: '2026-05-12T02:00:00.000Z',
    proposedByName: 'Phạm Thu Trang',
    decidedAt: null,
    decidedByName: null,
    disposedAt: null,
    ...overrides,
  };
}

export function aFixityRun(overrides: Partial<FixityRun> = {}): FixityRun {
  return {
    id: 'f-1',
    trigger: 'schedule',
    startedAt: '2026-05-12T20:00:00.000Z',
    finishedAt: '2026-05-12T20:00:05.000Z',
    checked: 3,
    ok: 3,
    problems: [],
    bytesRead: 5_242_880,
    ...overrides,
  };
}
