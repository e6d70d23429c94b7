import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FulfilmentService, OrderError } from '@benhan/api/orders';
import { IMAGING_STUDY_STATUSES, SPECIMEN_STATUSES, type ImagingStudyStatus, type RecordSpecimenRequest, type SpecimenStatus } from '@benhan/shared/contracts';
import { FhirError } from './fhir.errors';
import type { FhirRequestContext } from './fhir-provider';
import { FhirWriteService, asResultsSender, dateTime, invalid, shown, studyInput, type Json } from './fhir-write.service';
import { SERVICE_REQUEST_STATUS, SPECIMEN_SID, V2_0487 } from './resources/orders.mappers';

/** What a write answers: the resource written (read back by the controller) and whether it is new. */
export interface FulfilmentWriteOutcome {
  id: string;
  created: boolean;
}

/** One JSON Patch operation (RFC 6902). */
interface PatchOperation {
  op: string;
  path: string;
  value?: Json;
}

/**
 * The performing departments' writes besides results: the LIS creates and updates Specimens, the PACS creates and
 * updates ImagingStudies, and either moves its ServiceRequests on (update, or a JSON Patch of /status and /note):
 * `revoked` with a note saying why gives the order back to the doctor. The order's content is the doctor's signed
 * order, so nothing else of a ServiceRequest changes. Updates honour If-Match (412 when stale). Every call maps
 * onto FulfilmentService, one database transaction each.
 */
@Injectable()
export class FhirFulfilmentWriteService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writes: FhirWriteService,
    private readonly fulfilment: FulfilmentService,
  ) {}

  /** POST Specimen or ImagingStudy. The same identifier again is answered with the existing resource when nothing differs (or with If-None-Exist). */
  async create(ctx: FhirRequestContext, type: 'Specimen' | 'ImagingStudy', resource: Json, ifNoneExist?: string): Promise<FulfilmentWriteOutcome> {
    await this.writes.requireWrite(ctx, type, 'c');
    if (!resource || typeof resource !== 'object' || resource.resourceType !== type) throw invalid(`The body must be a ${type}`, [`${type}.resourceType`]);
    if (ifNoneExist !== undefined) {
      const existing = await this.conditional(ctx, type, ifNoneExist);
      if (existing) return { id: existing, created: false };
    }
    const order = await this.writes.orderOf(ctx, type === 'Specimen' ? resource.request : resource.basedOn, type, type === 'Specimen' ? 'request' : 'basedOn');
    this.writes.samePatient(resource.subject, order.patient_id, `${type}.subject`, true);
    return this.record(ctx, type, order.id, resource, { createOnly: true });
  }

  /** PUT Specimen/[id], ImagingStudy/[id] or ServiceRequest/[id] (status only). */
  async update(ctx: FhirRequestContext, type: string, id: string, resource: Json, ifMatch?: number): Promise<FulfilmentWriteOutcome> {
    if (type !== 'Specimen' && type !== 'ImagingStudy' && type !== 'ServiceRequest') throw new FhirError('not_supported', `${type} cannot be updated here (DiagnosticReport, Observation, Specimen, ImagingStudy and the status of a ServiceRequest can)`, [type]);
    await this.writes.requireWrite(ctx, type, 'u');
    if (!resource || typeof resource !== 'object' || resource.resourceType !== type) throw invalid(`The body must be a ${type}`, [`${type}.resourceType`]);
    if (typeof resource.id !== 'string' || resource.id.toLowerCase() !== id) throw invalid(`The resource's id must be the id in the URL (${id})`, [`${type}.id`]);
    const current = await this.current(ctx, type, id);
    if (!current) throw new FhirError('not_found', `${type}/${id} is not known (an update does not create)`, [`${type}/${id}`]);
    if (resource.subject !== undefined) this.writes.samePatient(resource.subject, current.patient_id, `${type}.subject`, false);
    const element = type === 'Specimen' ? 'request' : 'basedOn';
    if (resource[element] !== undefined) {
      const order = await this.writes.orderOf(ctx, resource[element], type, element);
      if (order.id !== current.order_id) throw new FhirError('unprocessable', `An update does not move the ${type} to another order`, [`${type}.${element}`]);
    }
    if (type === 'ServiceRequest') return this.fillerStatus(ctx, current, statusOf(resource, 'ServiceRequest.status'), newNote(resource.note, current), ifMatch);
    return this.record(ctx, type, current.order_id, resource, { id, expectedVersion: ifMatch });
  }

  /** PATCH ServiceRequest/[id] with a JSON Patch: replace /status, add a /note saying why; `test` operations are checked. */
  async patch(ctx: FhirRequestContext, type: string, id: string, operations: Json, ifMatch?: number): Promise<FulfilmentWriteOutcome> {
    if (type !== 'ServiceRequest') throw new FhirError('not_supported', `${type} takes no patch here (the status of a ServiceRequest does)`, [type]);
    await this.writes.requireWrite(ctx, type, 'u');
    if (!Array.isArray(operations) || !operations.length) throw invalid('The body must be a JSON Patch: a non-empty array of operations', ['ServiceRequest']);
    const current = await this.current(ctx, type, id);
    if (!current) throw new FhirError('not_found', `${type}/${id} is not known`, [`${type}/${id}`]);
    let status: string = SERVICE_REQUEST_STATUS[current.status ?? ''] ?? 'unknown';
    let reason: string | null = null;
    for (const [i, raw] of operations.entries()) {
      const op = raw as PatchOperation;
      const where = [`ServiceRequest`, `/${i}`];
      if (!op || typeof op.op !== 'string' || typeof op.path !== 'string') throw invalid(`Operation ${i} needs op and path`, where);
      if (op.path === '/status' && (op.op === 'replace' || op.op === 'add')) status = statusOf({ status: op.value }, 'ServiceRequest.status');
      else if (op.path === '/status' && op.op === 'test') {
        if (op.value !== status) throw new FhirError('unprocessable', `test failed: status is ${status}, not ${shown(op.value)}`, ['ServiceRequest.status']);
      } else if ((op.path === '/note/-' || op.path === '/note') && op.op === 'add') {
        const notes: Json[] = op.path === '/note' ? (Array.isArray(op.value) ? op.value : [op.value]) : [op.value];
        const text = notes.map((n) => n?.text).filter((t): t is string => typeof t === 'string' && !!t.trim()).pop();
        if (!text) throw invalid('A note is an Annotation with text', ['ServiceRequest.note']);
        reason = text.trim();
      } else throw new FhirError('unprocessable', `Only /status (replace, test) and /note (add) can be patched, not ${op.op} ${op.path}: the rest is the doctor's signed order`, ['ServiceRequest']);
    }
    return this.fillerStatus(ctx, current, status, reason, ifMatch);
  }

  /** The current row behind an updatable resource: its order and patient, and (ServiceRequest) the order's status and notes. */
  private async current(ctx: FhirRequestContext, type: string, id: string): Promise<CurrentRow | null> {
    const sql =
      type === 'Specimen'
        ? `SELECT s.order_id, s.patient_id, s.version FROM specimens s WHERE s.id = $1 AND s.facility_id = $2`
        : type === 'ImagingStudy'
          ? `SELECT s.order_id, s.patient_id, s.version FROM imaging_studies s WHERE s.id = $1 AND s.facility_id = $2`
          : `SELECT o.id AS order_id, o.patient_id, o.version, o.status, o.clinical_note, o.status_reason FROM order_items i JOIN orders o ON o.id = i.order_id WHERE i.id = $1 AND o.facility_id = $2`;
    const [row] = (await this.dataSource.query(sql, [id, ctx.facilityId])) as CurrentRow[];
    return row ?? null;
  }

  private async record(ctx: FhirRequestContext, type: 'Specimen' | 'ImagingStudy', orderId: string, resource: Json, target: { id?: string; expectedVersion?: number; createOnly?: boolean }): Promise<FulfilmentWriteOutcome> {
    const sender = asResultsSender(ctx.principal);
    try {
      if (type === 'Specimen') {
        const { specimen, created } = await this.fulfilment.recordSpecimen(sender, orderId, specimenInput(resource), target);
        return { id: specimen.id, created };
      }
      const status = statusOf(resource, 'ImagingStudy.status', IMAGING_STUDY_STATUSES) as ImagingStudyStatus;
      const { study, created } = await this.fulfilment.recordStudy(sender, orderId, { ...studyInput({ resource, path: 'ImagingStudy' }), status }, target);
      return { id: study.id, created };
    } catch (error) {
      throw error instanceof OrderError ? fromFulfilmentError(error, type) : error;
    }
  }

  private async fillerStatus(ctx: FhirRequestContext, current: CurrentRow, status: string, reason: string | null, ifMatch?: number): Promise<FulfilmentWriteOutcome> {
    const shown = SERVICE_REQUEST_STATUS[current.status as string];
    if (status !== shown && status !== 'revoked') {
      const why = status === 'completed' ? 'an order completes with its final DiagnosticReport' : status === 'entered-in-error' ? 'only the ordering doctor withdraws an order as entered in error' : `${status} is not a status the performing department sets`;
      throw new FhirError('unprocessable', `The status cannot become ${status}: ${why} (a department may set revoked, with a note saying why)`, ['ServiceRequest.status']);
    }
    try {
      if (status === shown) {
        // Nothing to change, but a stale If-Match still fails like any update would.
        if (ifMatch !== undefined && ifMatch !== current.version) throw new OrderError('stale_version', `The resource is at version ${current.version}, not ${ifMatch}: read it again`);
        return { id: current.order_id, created: false };
      }
      await this.fulfilment.fillerStatus(asResultsSender(ctx.principal), current.order_id, { status: 'revoked', reason }, ifMatch);
      return { id: current.order_id, created: false };
    } catch (error) {
      throw error instanceof OrderError ? fromFulfilmentError(error, 'ServiceRequest') : error;
    }
  }

  /** If-None-Exist `identifier=[system|]value`: the sender's specimen with that accession, or the study with that UID. */
  private async conditional(ctx: FhirRequestContext, type: 'Specimen' | 'ImagingStudy', ifNoneExist: string): Promise<string | null> {
    const query = new URLSearchParams(ifNoneExist.replace(/^.*\?/, ''));
    const value = query.get('identifier');
    if (!value || [...query.keys()].some((k) => k !== 'identifier')) throw invalid('If-None-Exist supports identifier=[system|]value only', [`${type}.identifier`]);
    const code = value.slice(value.indexOf('|') + 1);
    const source = ctx.principal.kind === 'client' ? ctx.principal.clientId : '';
    const [row] = (await (type === 'Specimen'
      ? this.dataSource.query(`SELECT id FROM specimens WHERE facility_id = $1 AND source_system = $2 AND accession = $3`, [ctx.facilityId, source, code])
      : this.dataSource.query(`SELECT id FROM imaging_studies WHERE facility_id = $1 AND study_instance_uid = $2`, [ctx.facilityId, code.replace(/^urn:oid:/, '')]))) as { id: string }[];
    return row?.id ?? null;
  }
}

interface CurrentRow {
  order_id: string;
  patient_id: string;
  version: number;
  status?: string;
  clinical_note?: string | null;
  status_reason?: string | null;
}

function statusOf(resource: Json, path: string, allowed?: readonly string[]): string {
  const status = resource?.status;
  if (typeof status !== 'string' || !status) throw invalid('status is required', [path]);
  const stored = status.replace(/-/g, '_');
  if (allowed && !allowed.includes(stored)) throw invalid(`status must be one of ${allowed.map((s) => s.replace(/_/g, '-')).join(', ')}, not "${status}"`, [path]);
  return allowed ? stored : status;
}

/** The reason of a status change: the last note of the update that the order does not already carry. */
function newNote(notes: Json, current: CurrentRow): string | null {
  const known = new Set([current.clinical_note, current.status_reason].filter(Boolean));
  const texts = (Array.isArray(notes) ? notes : []).map((n: Json) => (typeof n?.text === 'string' ? n.text.trim() : '')).filter((t: string) => t && !known.has(t));
  return texts.length ? texts[texts.length - 1] : null;
}

function specimenInput(r: Json): RecordSpecimenRequest {
  const identifier = r.accessionIdentifier?.value ?? (Array.isArray(r.identifier) ? r.identifier.find((i: Json) => typeof i?.value === 'string')?.value : undefined);
  if (typeof identifier !== 'string' || !identifier.trim()) throw invalid(`accessionIdentifier needs the lab's specimen id (${SPECIMEN_SID}/<client id>|<accession>)`, ['Specimen.accessionIdentifier']);
  const codings: Json[] = Array.isArray(r.type?.coding) ? r.type.coding : [];
  const coding = codings.find((c) => c?.system === V2_0487) ?? codings.find((c) => c?.system === undefined && typeof c?.code === 'string');
  if (typeof coding?.code !== 'string' || !coding.code) throw invalid(`type needs a coding of ${V2_0487} (BLD, SER, PLAS, UR…)`, ['Specimen.type']);
  const collected = r.collection?.collectedDateTime ?? r.collection?.collectedPeriod?.start;
  const notes: Json[] = Array.isArray(r.note) ? r.note : [];
  return {
    accession: identifier.trim(),
    status: statusOf(r, 'Specimen.status', SPECIMEN_STATUSES) as SpecimenStatus,
    typeCode: coding.code,
    typeDisplay: typeof coding.display === 'string' ? coding.display : typeof r.type?.text === 'string' ? r.type.text : null,
    collectedAt: dateTime(collected, 'Specimen.collection.collected'),
    receivedAt: dateTime(r.receivedTime, 'Specimen.receivedTime'),
    collector: typeof r.collection?.collector?.display === 'string' ? r.collection.collector.display : null,
    note: notes.map((n) => n?.text).filter((t): t is string => typeof t === 'string' && !!t.trim()).join('\n') || null,
  };
}

const SPECIMEN_FIELDS: Record<string, string> = {
  accession: 'Specimen.accessionIdentifier',
  status: 'Specimen.status',
  typeCode: 'Specimen.type',
  collectedAt: 'Specimen.collection.collected',
  receivedAt: 'Specimen.receivedTime',
  orderId: 'Specimen.request',
};
const STUDY_FIELDS: Record<string, string> = {
  'study/studyInstanceUid': 'ImagingStudy.identifier',
  'study/modality': 'ImagingStudy.modality',
  'study/seriesCount': 'ImagingStudy.numberOfSeries',
  'study/instanceCount': 'ImagingStudy.numberOfInstances',
  'study/endpointUrl': 'ImagingStudy.endpoint',
  'study/status': 'ImagingStudy.status',
  status: 'ImagingStudy.status',
  orderId: 'ImagingStudy.basedOn',
};

/** The domain's refusals as OperationOutcomes: a stale version is 412, a missing row 404, the rest by kind, each at its element. */
function fromFulfilmentError(error: OrderError, type: string): FhirError {
  const field = error.fieldErrors[0]?.field ?? '';
  const expression = (type === 'Specimen' ? SPECIMEN_FIELDS[field] : type === 'ImagingStudy' ? STUDY_FIELDS[field] : field ? `ServiceRequest.${field === 'reason' ? 'note' : field}` : undefined) ?? type;
  if (error.code === 'stale_version') return new FhirError('precondition_failed', `${error.message} (If-Match)`, [type]);
  if (error.status === 404) return new FhirError('not_found', error.message, [type]);
  if (error.status === 403) return new FhirError('scope_missing', error.message, [type]);
  const code = error.status === 400 ? 'invalid_resource' : error.status === 409 ? 'conflict' : 'unprocessable';
  return new FhirError(code, error.message, [expression]);
}
