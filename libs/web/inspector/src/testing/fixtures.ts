import type {
  AccessLogEntry,
  AuditCheckpoint,
  AuditEvent,
  CurrentUser,
  IntegrityReport,
  Page,
  PatientSummary,
  SignatureTrailEntry,
} from '@benhan/shared/contracts';

/** Test doubles of the inspector workspace's specs. */
export function anInspector(overrides: Partial<CurrentUser> = {}): CurrentUser {
  return {
    id: 'u-7',
    username: 'inspector',
    fullName: 'Đỗ Quang Vinh',
    roles: ['inspector'],
    departments: [],
    facility: { id: 'f-1', code: 'BV01', name: 'Bệnh viện Đa khoa Benhan' },
    practisingCertificateNo: null,
    ...overrides,
  };
}

export function aPatient(overrides: Partial<PatientSummary> = {}): PatientSummary {
  return {
    id: '0b6f3c1e-6a0e-4d7e-9a59-3f1f2b8c4d01',
    patientCode: 'BN26000123',
    fullName: 'Hoàng Thị Lụa',
    birthDate: '1952-09-08',
    birthYear: 1952,
    sex: 'female',
    citizenId: null,
    identityStatus: 'verified',
    mergedIntoId: null,
    ...overrides,
  };
}

export function aTrailEntry(overrides: Partial<SignatureTrailEntry> = {}): SignatureTrailEntry {
  return {
    signatureId: 's-1',
    documentId: 'doc-1',
    documentTitle: 'Tờ điều trị',
    formCode: '39/BV2',
    versionId: 'v-1',
    versionNumber: 1,
    amendmentReason: null,
    versionAuthorName: 'BS. Nguyễn Văn Minh',
    versionCreatedAt: '2026-05-02T01:00:00.000Z',
    encounterId: 'e-1',
    patientId: aPatient().id,
    patientName: 'Hoàng Thị Lụa',
    step: 1,
    role: 'author',
    signerId: 'u-1',
    signerName: 'BS. Nguyễn Văn Minh',
    signedAt: '2026-05-02T02:00:00.000Z',
    timestampedAt: '2026-05-02T02:00:01.000Z',
    certificateSerial: '0A1B2C',
    indication: 'PASSED',
    indicationReason: null,
    ...overrides,
  };
}

export function anAccessEntry(overrides: Partial<AccessLogEntry> = {}): AccessLogEntry {
  return {
    seq: 41,
    occurredAt: '2026-05-10T02:00:00.000Z',
    action: 'patient_read',
    outcome: 'success',
    actorUserId: 'u-1',
    actorUsername: 'doctor',
    actorName: 'BS. Nguyễn Văn Minh',
    actorRoles: ['doctor'],
    resourceType: 'patient',
    resourceId: aPatient().id,
    reason: null,
    clientAddress: '10.0.0.12',
    breakGlass: false,
    ...overrides,
  };
}

export function anIntegrityReport(overrides: Partial<IntegrityReport> = {}): IntegrityReport {
  return {
    id: 'r-1',
    facilityId: 'f-1',
    status: 'OK',
    trigger: 'scheduled',
    mode: 'checkpoint',
    startedAt: '2026-05-12T20:00:00.000Z',
    finishedAt: '2026-05-12T20:00:01.000Z',
    durationMs: 840,
    fromSeq: 1,
    toSeq: 1250,
    eventsChecked: 1250,
    checkpointsChecked: 3,
    lastCheckpointSeq: 1200,
    unsealedEvents: 50,
    failure: null,
    requestedBy: null,
    ...overrides,
  };
}

export function aCheckpoint(overrides: Partial<AuditCheckpoint> = {}): AuditCheckpoint {
  return {
    id: 'c-1',
    facilityId: 'f-1',
    seq: 1200,
    head: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    at: '2026-05-12T19:00:00.000Z',
    cms: 'MIIB',
    timestampedAt: '2026-05-12T19:00:01.000Z',
    ...overrides,
  };
}

export function anAuditEvent(overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    seq: 1250,
    facilityId: 'f-1',
    occurredAt: '2026-05-12T03:00:00.000Z',
    action: 'document_sign',
    outcome: 'success',
    actorUserId: 'u-1',
    actorUsername: 'doctor',
    actorName: 'BS. Nguyễn Văn Minh',
    actorRoles: ['doctor'],
    actorDepartmentId: 'd-noi',
    resourceType: 'version',
    resourceId: 'v-1',
    resourceVersion: 1,
    patientId: aPatient().id,
    clientAddress: '10.0.0.12',
    userAgent: 'Mozilla/5.0',
    requestId: 'req-1',
    reason: null,
    detail: { formCode: '39/BV2' },
    previousHash: 'a'.repeat(64),
    hash: 'b'.repeat(64),
    ...overrides,
  };
}

export function pageOf<T>(items: T[], total = items.length, limit = 20, offset = 0): Page<T> {
  return { items, total, limit, offset };
}
