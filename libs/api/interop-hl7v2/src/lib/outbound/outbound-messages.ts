import type { DischargeOutcome, ImagingModality, InterfaceOrderMessage, OrderCategory, OrderPriority, Sex } from '@benhan/shared/contracts';
import { Hl7MessageBuilder, repeat, type Hl7FieldInput, type Hl7RepetitionInput } from '../codec/builder';

/**
 * The HL7 v2.5.1 messages Benhan sends: orders to the LIS (OML^O21 or ORM^O01) and the PACS/RIS (ORM^O01 with the IHE
 * Scheduled Workflow fields a modality worklist needs), and ADT A01/A02/A03/A04/A08 to both. Pure functions of a snapshot
 * taken in the transaction that caused them, so a message says what was true when it was queued, whenever it is delivered.
 */

/** The assigning authority of Benhan's own identifiers (placer order numbers). */
export const BENHAN_NAMESPACE = 'BENHAN';

export interface PersonRef {
  readonly id: string;
  readonly fullName: string;
}

export interface PatientSnapshot {
  readonly id: string;
  /** Mã bệnh nhân, the facility's patient code. */
  readonly patientCode: string;
  readonly fullName: string;
  readonly birthDate: string | null;
  readonly birthYear: number;
  readonly sex: Sex;
  /** CCCD. */
  readonly citizenId: string | null;
  /** Mã thẻ BHYT. */
  readonly insuranceCardNumber: string | null;
  readonly ethnicityCode: string | null;
  readonly nationality: string;
  readonly addressStreet: string | null;
  readonly addressCommuneCode: string | null;
  readonly addressProvinceCode: string | null;
  readonly phone: string | null;
}

export interface LocationSnapshot {
  readonly departmentCode: string;
  readonly departmentName: string;
  readonly wardCode: string | null;
  readonly bedCode: string | null;
}

export interface VisitSnapshot {
  readonly encounterId: string;
  readonly type: 'inpatient' | 'outpatient';
  /** Số lưu trữ / record number of an inpatient stay; the encounter id stands for it otherwise. */
  readonly recordNumber: string | null;
  readonly location: LocationSnapshot;
  readonly attending: PersonRef | null;
  readonly admissionSource: 'emergency' | 'outpatient' | 'referral' | null;
  readonly startedAt: Date;
  readonly endedAt: Date | null;
  readonly dischargeOutcome: DischargeOutcome | null;
}

export interface OrderItemSnapshot {
  readonly id: string;
  readonly serviceCode: string;
  readonly display: string;
  readonly loinc: string | null;
  readonly modality: ImagingModality | null;
  readonly bodySiteCode: string | null;
  readonly bodySiteDisplay: string | null;
}

export interface OrderSnapshot {
  readonly id: string;
  readonly category: OrderCategory;
  readonly priority: OrderPriority;
  readonly reasonCode: string | null;
  readonly reasonTitle: string | null;
  readonly reasonText: string | null;
  readonly clinicalNote: string | null;
  readonly requester: PersonRef;
  readonly authoredAt: Date;
  readonly items: readonly OrderItemSnapshot[];
}

export interface MessageEnvelope {
  readonly facilityCode: string;
  readonly facilityName: string;
  readonly sendingApplication: string;
  readonly receivingApplication: string;
  readonly receivingFacility: string;
  /** MSH-7 and the event time. */
  readonly at: Date;
  readonly controlId?: string;
}

export type AdtTrigger = 'A01' | 'A02' | 'A03' | 'A04' | 'A08';

/** Table 0027 priority: S stat, A as soon as possible, R routine. */
const PRIORITY: Record<OrderPriority, string> = { stat: 'S', urgent: 'A', routine: 'R' };
/** Table 0001. */
const SEX: Record<Sex, string> = { male: 'M', female: 'F', other: 'O', unknown: 'U' };
/** Table 0023 admit source: 7 emergency room, 1 physician referral (the outpatient clinic), 4 transfer from a hospital. */
const ADMIT_SOURCE: Record<NonNullable<VisitSnapshot['admissionSource']>, string> = { emergency: '7', outpatient: '1', referral: '4' };
/** Table 0112 discharge disposition: 01 home, 20 expired; the outcome's nuance (improved, worse…) is not in the table. */
const DISPOSITION: Record<DischargeOutcome, string> = { recovered: '01', improved: '01', unchanged: '01', worse: '01', died: '20' };
/** ADT structure per trigger (A04 and A08 share A01's). */
const ADT_STRUCTURE: Record<AdtTrigger, string> = { A01: 'ADT_A01', A02: 'ADT_A02', A03: 'ADT_A03', A04: 'ADT_A01', A08: 'ADT_A01' };

/**
 * The accession number of an imaging order item (DICOM SH, 16 characters): the first 64 bits of its id, so the RIS, the
 * modality worklist and the study all carry a value Benhan can always recompute.
 */
export function accessionNumber(itemId: string): string {
  return itemId.replace(/-/g, '').slice(0, 16).toUpperCase();
}

/** The Study Instance UID Benhan assigns to an imaging order item: `2.25.` + its UUID as a decimal (ISO/IEC 9834-8). */
export function studyInstanceUid(itemId: string): string {
  return `2.25.${BigInt(`0x${itemId.replace(/-/g, '')}`).toString(10)}`;
}

/**
 * A new (NW) or cancelled (CA) order. Laboratory: OML^O21 (or ORM^O01), one ORC/TQ1/OBR per ordered test or panel.
 * Imaging: ORM^O01 with, per procedure, the accession number (OBR-18), requested procedure and scheduled step ids
 * (OBR-19/20), the modality (OBR-24) and the Study Instance UID (ZDS-1), as IHE Scheduled Workflow has it.
 */
export function buildOrderMessage(
  envelope: MessageEnvelope,
  input: {
    readonly messageType: InterfaceOrderMessage;
    readonly control: 'NW' | 'CA';
    readonly patient: PatientSnapshot;
    readonly visit: VisitSnapshot | null;
    readonly order: OrderSnapshot;
    readonly cancelReason?: string;
  },
): Hl7MessageBuilder {
  const [code, trigger] = input.messageType.split('^');
  const builder = header(envelope, code, trigger, `${code}_${trigger}`);
  builder.segment('PID', pid(input.patient, envelope.facilityCode));
  builder.segment('PV1', pv1(input.visit, envelope.facilityCode));
  const { order } = input;
  const imaging = order.category === 'imaging';
  const placer: Hl7RepetitionInput = [order.id, BENHAN_NAMESPACE];
  const requester = xcn(order.requester);
  const reason = reasonField(order);
  order.items.forEach((item, index) => {
    const accession = imaging ? accessionNumber(item.id) : null;
    builder.segment('ORC', numbered({
      1: input.control,
      2: placer,
      5: input.control === 'CA' ? 'CA' : '',
      9: envelope.at,
      12: requester,
      16: input.control === 'CA' ? ['', input.cancelReason ?? ''] : '',
    }));
    builder.segment('TQ1', ['1', '', '', '', '', '', order.authoredAt, '', [PRIORITY[order.priority]]]);
    const service: Hl7RepetitionInput = item.loinc
      ? [item.serviceCode, item.display, 'L', item.loinc, '', 'LN']
      : [item.serviceCode, item.display, 'L'];
    builder.segment('OBR', numbered({
      1: String(index + 1),
      2: placer,
      4: service,
      13: order.clinicalNote,
      15: imaging && item.bodySiteCode ? ['', '', '', [item.bodySiteCode, item.bodySiteDisplay, 'SCT']] : '',
      16: requester,
      // IHE Scheduled Workflow: accession number, requested procedure id, scheduled procedure step id.
      18: accession,
      19: accession,
      20: accession,
      24: imaging ? item.modality : 'LAB',
      27: ['', '', '', order.authoredAt, '', PRIORITY[order.priority]],
      31: reason,
    }));
    if (imaging) builder.segment('ZDS', [[studyInstanceUid(item.id), BENHAN_NAMESPACE, 'Application', 'DICOM']]);
  });
  return builder;
}

/**
 * ADT: A01 admission (A04 an outpatient registration), A02 transfer (PV1-6 the prior location), A03 discharge (PV1-45,
 * PV1-36), A08 an update of the patient's data (with the current visit, if any).
 */
export function buildAdtMessage(
  envelope: MessageEnvelope,
  input: {
    readonly trigger: AdtTrigger;
    readonly patient: PatientSnapshot;
    readonly visit: VisitSnapshot | null;
    readonly priorLocation?: LocationSnapshot;
    readonly operator?: PersonRef | null;
  },
): Hl7MessageBuilder {
  const builder = header(envelope, 'ADT', input.trigger, ADT_STRUCTURE[input.trigger]);
  builder.segment('EVN', [input.trigger, envelope.at, '', '', input.operator ? xcn(input.operator) : '', envelope.at]);
  builder.segment('PID', pid(input.patient, envelope.facilityCode));
  builder.segment('PV1', pv1(input.visit, envelope.facilityCode, input.priorLocation));
  return builder;
}

function header(envelope: MessageEnvelope, code: string, trigger: string, structure: string): Hl7MessageBuilder {
  return new Hl7MessageBuilder({
    sendingApplication: envelope.sendingApplication,
    sendingFacility: envelope.facilityCode,
    receivingApplication: envelope.receivingApplication,
    receivingFacility: envelope.receivingFacility,
    dateTime: envelope.at,
    messageType: { code, trigger, structure },
    controlId: envelope.controlId,
  });
}

/** PID: the patient code, CCCD and BHYT number in PID-3 (the inbound path matches results on any of them). */
function pid(p: PatientSnapshot, facilityCode: string): Hl7FieldInput[] {
  const identifiers: Hl7RepetitionInput[] = [[p.patientCode, '', '', facilityCode, 'PI']];
  if (p.citizenId) identifiers.push([p.citizenId, '', '', 'VNM', 'NNVNM']);
  if (p.insuranceCardNumber) identifiers.push([p.insuranceCardNumber, '', '', 'VSS', 'HC']);
  const address = p.addressStreet || p.addressCommuneCode || p.addressProvinceCode ? [p.addressStreet, '', p.addressCommuneCode, p.addressProvinceCode, '', 'VNM', 'H'] : '';
  return numbered({
    1: '1',
    3: repeat(...identifiers),
    5: personName(p.fullName),
    7: p.birthDate ? p.birthDate.replace(/-/g, '') : String(p.birthYear),
    8: SEX[p.sex],
    11: address,
    13: p.phone ? [p.phone, 'PRN', 'PH'] : '',
    22: p.ethnicityCode ? [p.ethnicityCode, '', '99DTVN'] : '',
    28: [p.nationality],
  });
}

/** PV1: class, location (department ^ ward ^ bed ^ facility), attending, visit number, admit/discharge times. */
function pv1(v: VisitSnapshot | null, facilityCode: string, prior?: LocationSnapshot): Hl7FieldInput[] {
  // No current visit (a demographics update between stays): PV1-2 N, "not applicable".
  if (!v) return ['1', 'N'];
  return numbered({
    1: '1',
    2: v.type === 'inpatient' ? 'I' : 'O',
    3: location(v.location, facilityCode),
    6: prior ? location(prior, facilityCode) : '',
    7: v.attending ? xcn(v.attending) : '',
    10: v.location.departmentCode,
    14: v.admissionSource ? ADMIT_SOURCE[v.admissionSource] : '',
    19: [v.recordNumber ?? v.encounterId, '', '', facilityCode, 'VN'],
    36: v.dischargeOutcome ? DISPOSITION[v.dischargeOutcome] : '',
    44: v.startedAt,
    45: v.endedAt,
  });
}

/** A segment's fields by their HL7 numbers (1-based); the ones not given are empty. */
function numbered(fields: Record<number, Hl7FieldInput>): Hl7FieldInput[] {
  const last = Math.max(...Object.keys(fields).map(Number));
  return Array.from({ length: last }, (_, i) => fields[i + 1] ?? '');
}

function location(l: LocationSnapshot, facilityCode: string): Hl7RepetitionInput {
  return [l.departmentCode, l.wardCode, l.bedCode, facilityCode, '', '', '', '', l.departmentName];
}

/** XCN: id ^ family ^ given ^ middle ^ suffix ^ prefix, the title (BS., ĐD., TS.BS.) as the prefix. */
function xcn(person: PersonRef): Hl7RepetitionInput {
  const { title, name } = splitTitle(person.fullName);
  const [family, given, middle] = nameParts(name);
  return [person.id, family, given, middle, '', title];
}

function personName(fullName: string): Hl7RepetitionInput {
  const [family, given, middle] = nameParts(fullName);
  return [family, given, middle, '', '', '', 'L'];
}

/**
 * A Vietnamese name is family, middle names, given name (Nguyễn Thị Minh Khai): XPN wants family ^ given ^ the rest.
 * A one-word name is the family name alone.
 */
export function nameParts(fullName: string): [string, string, string] {
  fullName = splitTitle(fullName).name;
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  if (words.length <= 1) return [words[0] ?? '', '', ''];
  return [words[0], words[words.length - 1], words.slice(1, -1).join(' ')];
}

/**
 * Staff names carry their titles first, each word ending in a dot (BS., ThS.BS., ĐD., BSCKII.): a title is not a family name.
 */
export function splitTitle(fullName: string): { title: string; name: string } {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  let titles = 0;
  while (titles < words.length - 1 && words[titles].endsWith('.')) titles++;
  return { title: words.slice(0, titles).join(' '), name: words.slice(titles).join(' ') };
}

/** OBR-31: the ICD-10 reason coded, and the free text as a second repetition. */
function reasonField(order: OrderSnapshot): Hl7FieldInput {
  const reasons: Hl7RepetitionInput[] = [];
  if (order.reasonCode) reasons.push([order.reasonCode, order.reasonTitle, 'I10']);
  if (order.reasonText) reasons.push(['', order.reasonText]);
  return reasons.length ? repeat(...reasons) : '';
}
