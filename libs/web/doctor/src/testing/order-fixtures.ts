import type { DiagnosticReport, InboxEntry, LabCatalogue, Observation, OrderDetail } from '@benhan/shared/contracts';

/** A small lab catalogue: potassium, glucose, the lipid tests and the lipid panel. */
export function aLabCatalogue(): LabCatalogue {
  const range = (low: number | null, high: number | null) => ({ low, high, criticalLow: null, criticalHigh: null, text: null });
  return {
    tests: [
      { serviceCode: 'SH-K', loinc: '2823-3', name: { vi: 'Kali máu', en: 'Potassium' }, unit: 'mmol/L', specimen: 'serum', referenceRange: range(3.5, 5) },
      { serviceCode: 'SH-GLU', loinc: '14749-6', name: { vi: 'Glucose máu', en: 'Glucose' }, unit: 'mmol/L', specimen: 'serum', referenceRange: range(3.9, 6.4) },
      { serviceCode: 'SH-CHOL', loinc: '14647-2', name: { vi: 'Cholesterol toàn phần', en: 'Total cholesterol' }, unit: 'mmol/L', specimen: 'serum', referenceRange: range(null, 5.2) },
      { serviceCode: 'SH-LDL', loinc: '22748-8', name: { vi: 'LDL-Cholesterol', en: 'LDL cholesterol' }, unit: 'mmol/L', specimen: 'serum', referenceRange: range(null, 3.4) },
    ],
    panels: [{ serviceCode: 'SH-LIPID', loinc: '57698-3', name: { vi: 'Bộ mỡ máu', en: 'Lipid panel' }, members: ['SH-CHOL', 'SH-LDL'] }],
  };
}

export function anOrder(overrides: Partial<OrderDetail> = {}): OrderDetail {
  return {
    id: 'o-1',
    patientId: 'p-1',
    encounterId: 'e-1',
    category: 'laboratory',
    status: 'draft',
    priority: 'routine',
    items: [{ id: 'i-1', serviceCode: 'SH-LIPID', loinc: '57698-3', display: 'Bộ mỡ máu', members: ['SH-CHOL', 'SH-LDL'], modality: null, bodySite: null }],
    reason: { code: null, title: null, text: null },
    clinicalNote: null,
    requesterId: 'u-1',
    requesterName: 'BS. Nguyễn Văn Minh',
    departmentId: 'd-1',
    createdAt: '2026-11-27T01:00:00.000Z',
    authoredAt: null,
    documentId: 'doc-9',
    documentVersionId: 'v-9',
    signatureId: null,
    statusReason: null,
    statusChangedAt: null,
    version: 1,
    reports: [],
    specimens: [],
    ...overrides,
  };
}

export function anObservation(overrides: Partial<Observation> = {}): Observation {
  return {
    id: 'obs-1',
    reportId: 'r-1',
    orderId: 'o-1',
    patientId: 'p-1',
    code: '22748-8',
    display: 'LDL-Cholesterol',
    valueQuantity: 4.1,
    unit: 'mmol/L',
    valueString: null,
    referenceRange: { low: null, high: 3.4, text: null },
    interpretation: 'H',
    critical: false,
    status: 'final',
    effectiveAt: '2026-11-27T00:05:00.000Z',
    issued: '2026-11-27T01:40:00.000Z',
    performer: null,
    supersedesId: null,
    supersededById: null,
    ...overrides,
  };
}

export function aReport(overrides: Partial<DiagnosticReport> = {}): DiagnosticReport {
  return {
    id: 'r-1',
    orderId: 'o-1',
    patientId: 'p-1',
    encounterId: 'e-1',
    category: 'laboratory',
    status: 'final',
    externalId: 'LIS-1',
    sourceSystem: 'lis',
    issued: '2026-11-27T01:40:00.000Z',
    effectiveAt: '2026-11-27T00:05:00.000Z',
    performer: 'KTV. Vũ Thị Lan',
    conclusion: null,
    findings: null,
    observations: [anObservation()],
    study: null,
    supersedesId: null,
    supersededById: null,
    abnormal: true,
    critical: false,
    acknowledgedAt: null,
    acknowledgedBy: null,
    ...overrides,
  };
}

export function anInboxEntry(overrides: Partial<InboxEntry> = {}): InboxEntry {
  return {
    reportId: 'r-1',
    orderId: 'o-1',
    patientId: 'p-1',
    patientName: 'Trịnh Thị Ngọc Ánh',
    encounterId: 'e-1',
    category: 'laboratory',
    status: 'final',
    issued: '2026-11-27T01:40:00.000Z',
    conclusion: null,
    items: ['Bộ mỡ máu'],
    abnormal: false,
    critical: false,
    flagged: [],
    corrected: false,
    ...overrides,
  };
}
