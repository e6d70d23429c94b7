import type {
  FormDefinition,
  FormSummary,
  InterfaceDestinationStatus,
  InterfaceMessageDetail,
  InterfaceMessageSummary,
  InterfacesOverview,
  Page,
  UploadFormRequest,
} from '@benhan/shared/contracts';

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

/** An ORU^R01 from the LIS, as received (segments separated by CR). */
export const ORU_TEXT = [
  'MSH|^~\\&|LIS|LAB|BENHAN|BV|20261128090000||ORU^R01^ORU_R01|LIS-0042|P|2.5|||||||UNICODE UTF-8',
  'PID|1||BN-000123^^^BV^PI||NGUYEN^VAN AN',
  'OBR|1|ORD-7|LAB-7|GLU^Glucose',
  'OBX|1|NM|2345-7^Glucose^LN||abc|mmol/L|3.9-6.4|N|||F',
].join('\r');

export const AE_ACK_TEXT = ['MSH|^~\\&|BENHAN|BV|LIS|LAB|20261128090001||ACK^R01|ACK-0042|P|2.5', 'MSA|AE|LIS-0042|OBX-5 is not a number', 'ERR||OBX^1^5|102^Data type error^HL70357|E'].join('\r');

export function aDestination(overrides: Partial<InterfaceDestinationStatus> = {}): InterfaceDestinationStatus {
  return {
    name: 'lis',
    address: 'lis.bv.local:2576',
    tls: true,
    receivingApplication: 'LIS',
    receivingFacility: 'LAB',
    orderMessage: 'OML^O21',
    connection: 'connected',
    lastError: null,
    lastDeliveredAt: '2026-11-28T01:58:00.000Z',
    pending: 0,
    failed: 0,
    oldestPendingAt: null,
    ...overrides,
  };
}

export function anInterfacesOverview(overrides: Partial<InterfacesOverview> = {}): InterfacesOverview {
  return {
    listener: { host: '0.0.0.0', port: 2575, tls: false, connections: 1 },
    destinations: [aDestination(), aDestination({ name: 'pacs', address: 'pacs.bv.local:2577', tls: false, receivingApplication: 'RIS', receivingFacility: 'CDHA', orderMessage: 'ORM^O01' })],
    quarantined: 0,
    ...overrides,
  };
}

/** A quarantined ORU^R01 from the LIS (OBX-5 not a number). */
export function anInterfaceMessage(overrides: Partial<InterfaceMessageSummary> = {}): InterfaceMessageSummary {
  return {
    id: 'm-1',
    direction: 'inbound',
    status: 'quarantined',
    messageType: 'ORU^R01',
    controlId: 'LIS-0042',
    destination: null,
    attempts: 0,
    nextAttemptAt: null,
    sendingApplication: 'LIS',
    sendingFacility: 'LAB',
    clientId: 'lis',
    patientId: 'p-1',
    orderId: 'o-7',
    reportIds: [],
    ackCode: 'AE',
    reason: 'OBX-5 is not a number',
    errorLocation: 'OBX^1^5',
    receivedAt: '2026-11-28T02:00:00.000Z',
    processedAt: '2026-11-28T02:00:01.000Z',
    statusChangedAt: null,
    replayOfId: null,
    replacedById: null,
    replayedBy: null,
    ...overrides,
  };
}

export function anInterfaceMessageDetail(overrides: Partial<InterfaceMessageDetail> = {}): InterfaceMessageDetail {
  return { ...anInterfaceMessage(), text: ORU_TEXT, encoding: 'utf-8', ackText: AE_ACK_TEXT, replays: [], ...overrides };
}

/** An OML^O21 order the LIS refused (AR) after its attempts. */
export function anOutboundMessage(overrides: Partial<InterfaceMessageDetail> = {}): InterfaceMessageDetail {
  return anInterfaceMessageDetail({
    id: 'm-9',
    direction: 'outbound',
    status: 'failed',
    messageType: 'OML^O21',
    controlId: 'BH-0009',
    destination: 'lis',
    attempts: 3,
    sendingApplication: 'BENHAN',
    sendingFacility: 'BV',
    clientId: null,
    ackCode: 'AR',
    reason: 'Unknown test code',
    errorLocation: null,
    text: 'MSH|^~\\&|BENHAN|BV|LIS|LAB|20261128080000||OML^O21^OML_O21|BH-0009|P|2.5\rPID|1||BN-000123^^^BV^PI\rORC|NW|ORD-9',
    ackText: 'MSH|^~\\&|LIS|LAB|BENHAN|BV|20261128080001||ACK^O21|L-1|P|2.5\rMSA|AR|BH-0009|Unknown test code',
    ...overrides,
  });
}

export function pageOf<T>(items: T[], total = items.length, limit = 25, offset = 0): Page<T> {
  return { items, total, limit, offset };
}
