import type { ImagingModality, Interpretation, ObservationInput, RecordResultRequest, RecordSpecimenRequest, ResultStatus, SpecimenStatus } from '@benhan/shared/contracts';
import { Hl7ParseError } from '../codec/hl7.errors';
import type { Hl7Message, Hl7Repeated, Hl7RepetitionValue, Hl7Segment } from '../codec/message';
import { parseHl7Timestamp } from '../codec/timestamp';
import { Hl7InboundError } from './inbound.errors';

/**
 * ORU^R01 → the orders domain's requests, as pure functions (no database): the same RecordResultRequest the FHIR facade
 * builds from a DiagnosticReport, so both paths store results the same way. Each ORDER_OBSERVATION group (ORC? OBR, NTE*,
 * OBX*, SPM*) is one report for one order. The mapping is deterministic — nothing here reads the clock — because the
 * domain is idempotent on the sender's report id plus the hash of the request: the same message mapped twice must give
 * the same request.
 */

/** One segment and its occurrence in the message (1-based), which is what ERR-2's "segment sequence" counts. */
export interface SegmentRef {
  readonly segment: Hl7Segment;
  readonly sequence: number;
}

export interface OruGroup {
  /** The OBR and the ORC before it, if any. */
  readonly obr: SegmentRef;
  readonly orc: SegmentRef | null;
  /** The PID the group belongs to (null when the message has none). */
  readonly pid: SegmentRef | null;
  /** NTE segments right after the OBR: remarks on the whole report. */
  readonly notes: SegmentRef[];
  readonly observations: SegmentRef[];
  readonly specimens: SegmentRef[];
  /** A ZDS after the OBR (IHE SWF: the study of that procedure); the message's first ZDS stands for groups without one. */
  readonly zds: SegmentRef | null;
}

/** The groups of an ORU^R01 in message order; at least one, or AE 100 (an ORU without OBR reports nothing). */
export function readOruGroups(message: Hl7Message): OruGroup[] {
  const counts = new Map<string, number>();
  const groups: { obr: SegmentRef; orc: SegmentRef | null; pid: SegmentRef | null; notes: SegmentRef[]; observations: SegmentRef[]; specimens: SegmentRef[]; zds: SegmentRef | null }[] = [];
  let firstZds: SegmentRef | null = null;
  let pid: SegmentRef | null = null;
  let orc: SegmentRef | null = null;
  for (const segment of message.segments()) {
    const sequence = (counts.get(segment.name) ?? 0) + 1;
    counts.set(segment.name, sequence);
    const ref = { segment, sequence };
    const current = groups[groups.length - 1];
    switch (segment.name) {
      case 'PID':
        pid = ref;
        orc = null;
        break;
      case 'ORC':
        orc = ref;
        break;
      case 'OBR':
        groups.push({ obr: ref, orc, pid, notes: [], observations: [], specimens: [], zds: null });
        orc = null;
        break;
      case 'NTE':
        // Notes after an OBX annotate that value, not the report.
        if (current && current.observations.length === 0 && current.specimens.length === 0) current.notes.push(ref);
        break;
      case 'OBX':
        if (!current) throw Hl7InboundError.error(100, 'An OBX comes before any OBR: results belong to an order (OBR)', { segment: 'OBX', sequence });
        current.observations.push(ref);
        break;
      case 'SPM':
        if (current) current.specimens.push(ref);
        break;
      case 'ZDS':
        firstZds ??= ref;
        if (current && !current.zds) current.zds = ref;
        break;
    }
  }
  if (!groups.length) throw Hl7InboundError.error(100, 'The ORU^R01 has no OBR segment: nothing says which order the results answer', { segment: 'OBR' });
  return groups.map((g) => ({ ...g, zds: g.zds ?? firstZds }));
}

/** OBR-2 (or ORC-2) placer order number: Benhan's order id, which Benhan sent as the placer. */
export function placerOrderNumber(group: OruGroup): { value: string; field: 'OBR' | 'ORC' } {
  const fromObr = group.obr.segment.get('2.1').trim();
  const fromOrc = group.orc?.segment.get('2.1').trim() ?? '';
  if (fromObr && fromOrc && fromObr.toLowerCase() !== fromOrc.toLowerCase()) {
    throw Hl7InboundError.error(204, `OBR-2 (${fromObr}) and ORC-2 (${fromOrc}) name different orders`, { segment: 'OBR', sequence: group.obr.sequence, field: 2 });
  }
  if (!fromObr && !fromOrc) throw Hl7InboundError.error(101, 'OBR-2 (placer order number) is empty: it must be the Benhan order id the results answer', { segment: 'OBR', sequence: group.obr.sequence, field: 2 });
  return fromObr ? { value: fromObr, field: 'OBR' } : { value: fromOrc, field: 'ORC' };
}

/** OBR-3 (or ORC-3): the LIS/RIS's own number for the order. */
export function fillerOrderNumber(group: OruGroup): string {
  return group.obr.segment.get('3.1').trim() || (group.orc?.segment.get('3.1').trim() ?? '');
}

/** Every identifier PID-3 carries (CX.1 of each repetition), for matching against the order's patient. */
export function patientIdentifiers(group: OruGroup): string[] {
  const pid = group.pid?.segment;
  if (!pid) return [];
  const ids: string[] = [];
  for (let r = 1; r <= pid.repetitionCount(3); r++) {
    const value = pid.get(`3[${r}].1`).trim();
    if (value) ids.push(value);
  }
  return ids;
}

/**
 * The sender's report id, the key of idempotency and of corrections in the domain. The filler order number is the LIS's
 * own stable key for this order's results: a corrected report comes back with the same OBR-3 and a new MSH-10, so keyed
 * by OBR-3 it supersedes the first report instead of being a second one. Without a filler number there is nothing stable
 * across messages, so the message's control id is used (suffixed by the OBR's set id when the message holds several
 * groups): the message is then idempotent, but a later correction cannot name what it corrects.
 */
export function reportId(group: OruGroup, controlId: string, groupCount: number): string {
  const filler = fillerOrderNumber(group);
  if (filler) return filler.slice(0, 100);
  return (groupCount > 1 ? `${controlId}-${group.obr.segment.get('1') || group.obr.sequence}` : controlId).slice(0, 100);
}

const REPORT_STATUS: Record<string, ResultStatus> = { F: 'final', C: 'corrected', P: 'preliminary', R: 'preliminary', S: 'preliminary', A: 'preliminary', I: 'preliminary' };
/** OBX-11 (table 0085): final, corrected, preliminary (R: not verified, S: partial, are preliminary too). */
const OBSERVATION_STATUS: Record<string, ResultStatus> = { F: 'final', C: 'corrected', P: 'preliminary', R: 'preliminary', S: 'preliminary' };
/** OBX-11 I (specimen in lab, result pending) and O (order detail, no result): placeholders, not values. */
const PLACEHOLDER_STATUSES = ['I', 'O'];
/** OBX-8 (table 0078); AA (critical abnormal, not coded) is abnormal. */
const INTERPRETATIONS: Record<string, Interpretation> = { N: 'N', L: 'L', H: 'H', LL: 'LL', HH: 'HH', A: 'A', AA: 'A' };

export interface LabMapping {
  readonly request: RecordResultRequest;
  /** For each of request.observations, the OBX it came from: a domain error on observations/i points at it. */
  readonly observationSegments: SegmentRef[];
}

/** A lab report: one observation per OBX that carries a value. */
export function toLabRequest(group: OruGroup, controlId: string, groupCount: number): LabMapping {
  const observations: ObservationInput[] = [];
  const segments: SegmentRef[] = [];
  for (const ref of group.observations) {
    const obs = toObservation(ref);
    if (obs) {
      observations.push(obs);
      segments.push(ref);
    }
  }
  return {
    request: {
      externalId: reportId(group, controlId, groupCount),
      status: reportStatus(group, observations),
      effectiveAt: timestamp(group.obr, 7),
      issued: timestamp(group.obr, 22),
      performer: reportPerformer(group.obr.segment),
      conclusion: notes(group),
      observations,
    },
    observationSegments: segments,
  };
}

export interface ImagingOptions {
  /** The modality of the order's imaging procedure (the order knows it; an ORU rarely says it). */
  readonly modality: ImagingModality;
  /** PACS_VIEWER_URL, with `{uid}` standing for the Study Instance UID. */
  readonly viewerUrlTemplate: string;
  /** ZDS-1 of the message, when the RIS sends the study there (IHE SWF). */
  readonly zdsStudyUid?: string;
}

/** DICOM codes (DCM) of the OBX that carries the Study Instance UID: 113014 "DICOM Study" (IHE), 110180 "Study Instance UID". */
const STUDY_UID_CODES = ['113014', '110180'];
/** 112002 "Series Instance UID". */
const SERIES_UID_CODES = ['112002'];
/** LOINC 19005-8 "Radiology Imaging study [Impression]" and GDT's `&IMP` suffix mark the conclusion. */
const IMPRESSION = (code: string, text: string) => code === '19005-8' || /&IMP$/i.test(code) || /impression|conclusion|kết luận/i.test(text);

export interface ImagingMapping {
  readonly request: RecordResultRequest;
  /** The OBX that gave the Study Instance UID (null: ZDS-1). */
  readonly studySegment: SegmentRef | null;
  readonly textSegments: SegmentRef[];
}

/** An imaging report: the text OBX become findings (and the conclusion, for an impression), one OBX names the study. */
export function toImagingRequest(group: OruGroup, controlId: string, groupCount: number, options: ImagingOptions): ImagingMapping {
  let studyUid = '';
  let studySegment: SegmentRef | null = null;
  const series = new Set<string>();
  const findings: string[] = [];
  const conclusion: string[] = [];
  const textSegments: SegmentRef[] = [];
  for (const ref of group.observations) {
    const obx = ref.segment;
    const code = obx.get('3.1').trim();
    const label = `${obx.get('3.2')} ${obx.get('3.5')}`;
    const status = obx.get('11').trim().toUpperCase();
    if (status === 'D' || status === 'W' || status === 'X') throw unsupportedStatus(ref, status);
    if (STUDY_UID_CODES.includes(code) || /study instance uid/i.test(label)) {
      if (!studyUid) {
        studyUid = obx.get('5').trim();
        studySegment = ref;
      }
      continue;
    }
    if (SERIES_UID_CODES.includes(code) || /instance uid/i.test(label)) {
      if (SERIES_UID_CODES.includes(code) || /series instance uid/i.test(label)) series.add(obx.get('5').trim());
      continue;
    }
    const text = valueText(ref);
    if (text === null) continue;
    textSegments.push(ref);
    (IMPRESSION(code, label) ? conclusion : findings).push(text);
  }
  if (!studyUid && options.zdsStudyUid) studyUid = options.zdsStudyUid.trim();
  if (!studyUid) {
    throw Hl7InboundError.error(101, 'The imaging report names no study: send the Study Instance UID in an OBX coded 113014^DICOM Study^DCM (or in ZDS-1)', { segment: 'OBR', sequence: group.obr.sequence });
  }
  const startedAt = timestamp(group.obr, 7);
  return {
    request: {
      externalId: reportId(group, controlId, groupCount),
      status: reportStatus(group, []),
      effectiveAt: startedAt,
      issued: timestamp(group.obr, 22),
      performer: reportPerformer(group.obr.segment),
      findings: findings.join('\n') || null,
      conclusion: [...notes(group) ? [notes(group) as string] : [], ...conclusion].join('\n') || null,
      study: {
        studyInstanceUid: studyUid,
        modality: options.modality,
        // An ORU does not count series; it names some. A report means at least one was acquired.
        seriesCount: Math.max(1, series.size),
        instanceCount: null,
        startedAt,
        endpointUrl: options.viewerUrlTemplate.split('{uid}').join(studyUid),
      },
    },
    studySegment,
    textSegments,
  };
}

/** SPM (v2.5+) → what the lab tells about the specimen; the accession falls back to the filler order number. */
export function toSpecimenRequest(group: OruGroup, ref: SegmentRef): RecordSpecimenRequest {
  const spm = ref.segment;
  // SPM-2 is EIP: the placer's id ^ the filler's (the lab's accession), each an EI with sub-components.
  const accession = spm.get('2.2.1').trim() || spm.get('2.1.1').trim() || fillerOrderNumber(group);
  if (!accession) throw Hl7InboundError.error(101, 'SPM-2 (specimen id) is empty and the OBR has no filler order number to stand for it', { segment: 'SPM', sequence: ref.sequence, field: 2 });
  // SPM-4 in table 0487 (BLD, SER…), in the first or the alternate triplet; else the code as sent.
  const typeCode = spm.get('4.3') === 'HL70487' || !spm.get('4.3') ? spm.get('4.1') : spm.get('4.6') === 'HL70487' ? spm.get('4.4') : spm.get('4.1');
  if (!typeCode.trim()) throw Hl7InboundError.error(101, 'SPM-4 (specimen type, table 0487) is empty', { segment: 'SPM', sequence: ref.sequence, field: 4 });
  const status: SpecimenStatus = spm.get('21.1').trim() ? 'unsatisfactory' : spm.get('20').trim().toUpperCase() === 'N' ? 'unavailable' : 'available';
  return {
    accession,
    status,
    typeCode: typeCode.trim(),
    typeDisplay: spm.get('4.2').trim() || spm.get('4.9').trim() || null,
    collectedAt: timestamp(ref, 17),
    receivedAt: timestamp(ref, 18),
    note: spm.get('21.2').trim() || null,
  };
}

function toObservation(ref: SegmentRef): ObservationInput | null {
  const obx = ref.segment;
  const at = (field: number) => ({ segment: 'OBX', sequence: ref.sequence, field });
  const statusCode = obx.get('11').trim().toUpperCase();
  const value = obx.raw(5);
  if (PLACEHOLDER_STATUSES.includes(statusCode) && value === '') return null;
  const status = statusCode ? OBSERVATION_STATUS[statusCode] : undefined;
  if (statusCode && !status) throw unsupportedStatus(ref, statusCode);

  // OBX-3: LOINC in the first triplet, or in the alternate one; else the first code (the facility's service code).
  const [code, display] = obx.get('3.3') === 'LN' ? [obx.get('3.1'), obx.get('3.2')] : obx.get('3.6') === 'LN' ? [obx.get('3.4'), obx.get('3.5')] : [obx.get('3.1'), obx.get('3.2')];
  if (!code.trim()) throw Hl7InboundError.error(101, 'OBX-3 (observation identifier) is empty: send the LOINC or the facility’s service code', at(3));

  const type = obx.get('2').trim().toUpperCase();
  let valueQuantity: number | null = null;
  let valueString: string | null = null;
  switch (type) {
    case 'NM': {
      const text = obx.get('5').trim();
      if (text !== '') {
        if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) throw Hl7InboundError.error(102, `OBX-5 "${text}" is not a number, as value type NM says`, at(5));
        valueQuantity = Number(text);
      }
      break;
    }
    case 'SN': {
      // Structured numeric: comparator ^ number [^ separator ^ number]; a plain (or "=") number is a quantity.
      const [comparator, first, separator, second] = [1, 2, 3, 4].map((c) => obx.get(`5.${c}`).trim());
      if ((comparator === '' || comparator === '=') && separator === '' && /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(first)) valueQuantity = Number(first);
      else valueString = `${comparator}${first}${separator}${second}`.trim() || null;
      break;
    }
    case 'ST':
    case 'TX':
    case 'FT':
    case 'CE':
    case 'CWE':
    case 'CNE':
      valueString = valueText(ref);
      break;
    case '':
      if (value !== '') throw Hl7InboundError.error(101, 'OBX-2 (value type) is empty but OBX-5 has a value', at(2));
      break;
    default:
      throw Hl7InboundError.error(102, `OBX-2 value type ${type} is not supported (NM, SN, ST, TX, FT, CE, CWE)`, at(2));
  }
  // OBX-6 is CE/CWE: the UCUM code in the first triplet, or in the alternate one.
  const unit = obx.get('6.3') !== 'UCUM' && obx.get('6.6') === 'UCUM' ? obx.get('6.4') : obx.get('6.1');
  const flag = obx.get('8.1').trim().toUpperCase();
  return {
    code: code.trim(),
    display: display.trim() || null,
    valueQuantity,
    unit: valueQuantity === null ? null : unit.trim() || null,
    valueString,
    referenceRange: referenceRange(obx.get('7')),
    interpretation: INTERPRETATIONS[flag] ?? null,
    ...(status ? { status } : {}),
    performer: personName(obx, 16) || null,
  };
}

/** OBX-5 as text: text types line by line (repetitions), coded values by their text. */
function valueText(ref: SegmentRef): string | null {
  const obx = ref.segment;
  const type = obx.get('2').trim().toUpperCase();
  if (type === 'CE' || type === 'CWE' || type === 'CNE') return (obx.get('5.2').trim() || obx.get('5.9').trim() || obx.get('5.1').trim()) || null;
  if (type !== 'ST' && type !== 'TX' && type !== 'FT') return null;
  // A text value has no components; a stray '^' in it was still split by the parser, so the parts are joined back.
  const value = obx.value(5);
  const repetitions = typeof value === 'object' && !Array.isArray(value) ? (value as Hl7Repeated).repetitions : [value as Hl7RepetitionValue];
  const lines = repetitions.map((rep) => (typeof rep === 'string' ? rep : rep.map((c) => (typeof c === 'string' ? c : c.join('&'))).join('^').replace(/\^+$/, '')));
  const text = lines.join('\n').trim();
  return text || null;
}

/** OBX-7: `3.5-5.1`, `3.5 - 5.1`, `3.5 to 5.1`, `<5`, `>2`; anything else is kept as text. */
export function referenceRange(text: string): ObservationInput['referenceRange'] {
  const t = text.trim();
  if (!t) return null;
  const n = '([+-]?\\d+(?:\\.\\d+)?)';
  const range = new RegExp(`^${n}\\s*(?:-|to|–)\\s*${n}$`, 'i').exec(t);
  if (range) return { low: Number(range[1]), high: Number(range[2]), text: null };
  const upper = new RegExp(`^<=?\\s*${n}$`).exec(t);
  if (upper) return { low: null, high: Number(upper[1]), text: null };
  const lower = new RegExp(`^>=?\\s*${n}$`).exec(t);
  if (lower) return { low: Number(lower[1]), high: null, text: null };
  return { low: null, high: null, text: t.slice(0, 200) };
}

/** OBR-25 when sent; else from the values: corrected if one is, final if all are, preliminary otherwise. */
function reportStatus(group: OruGroup, observations: ObservationInput[]): ResultStatus {
  const code = group.obr.segment.get('25').trim().toUpperCase();
  if (code) {
    const status = REPORT_STATUS[code];
    if (!status) throw Hl7InboundError.error(103, `OBR-25 result status ${code} is not one Benhan stores (F, C, P, R, S, A, I)`, { segment: 'OBR', sequence: group.obr.sequence, field: 25 });
    return status;
  }
  const statuses = group.observations.map((r) => r.segment.get('11').trim().toUpperCase()).filter((s) => !PLACEHOLDER_STATUSES.includes(s));
  if (statuses.includes('C')) return 'corrected';
  if (statuses.length && statuses.every((s) => s === 'F')) return 'final';
  if (!statuses.length && observations.length === 0 && group.observations.length === 0) return 'final';
  return 'preliminary';
}

function unsupportedStatus(ref: SegmentRef, code: string): Hl7InboundError {
  return Hl7InboundError.error(103, `OBX-11 result status ${code} is not one Benhan stores (F, C, P, R, S; I or O without a value)`, { segment: 'OBX', sequence: ref.sequence, field: 11 });
}

/** The NTE remarks right after the OBR, one per line. */
function notes(group: OruGroup): string | null {
  const text = group.notes.map((n) => n.segment.get('3')).filter((t) => t.trim()).join('\n');
  return text || null;
}

/** OBR-32 (principal result interpreter, NDL: its first component is CNN with sub-components), else OBR-34 (technician). */
function reportPerformer(obr: Hl7Segment): string | null {
  for (const field of [32, 34]) {
    const name = [obr.get(`${field}.1.2`), obr.get(`${field}.1.3`)].map((s) => s.trim()).filter(Boolean).join(' ');
    if (name) return name;
  }
  return null;
}

/** An XCN field's name: family and given names (components 2 and 3). */
function personName(segment: Hl7Segment, field: number): string {
  return [segment.get(`${field}.2`), segment.get(`${field}.3`)].map((s) => s.trim()).filter(Boolean).join(' ');
}

/** A DTM field as an ISO instant (+0700 when the value has no offset), null when empty; AE 102 naming the field otherwise. */
function timestamp(ref: SegmentRef, field: number): string | null {
  const text = ref.segment.get(`${field}.1`);
  try {
    return parseHl7Timestamp(text)?.toISOString() ?? null;
  } catch (error) {
    if (error instanceof Hl7ParseError) throw Hl7InboundError.error(102, `${ref.segment.name}-${field} "${text}" is not an HL7 timestamp (YYYYMMDDHHMM[SS][+ZZZZ])`, { segment: ref.segment.name, sequence: ref.sequence, field });
    throw error;
  }
}
