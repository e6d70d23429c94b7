import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '@benhan/api/audit';
import type { AuthenticatedPrincipal } from '@benhan/api/core';
import { OrderError, RESULTS_WRITE_SCOPE, ResultsService } from '@benhan/api/orders';
import { INTERPRETATIONS, type ImagingModality, type Interpretation, type ObservationInput, type RecordResultRequest, type ResultStatus } from '@benhan/shared/contracts';
import { FhirError } from './fhir.errors';
import type { FhirRequestContext } from './fhir-provider';
import type { FhirResource } from './fhir.types';
import { LOINC } from './resources/common';
import { DICOM_UID, SERVICE_CODE_SYSTEM } from './resources/orders.mappers';
import { referenceId } from './search/search-params';

/* eslint-disable @typescript-eslint/no-explicit-any -- incoming FHIR JSON is untrusted and read field by field */
export type Json = any;

/** The SMART scopes that let a system client create or update a type (`.write`, `.*`, or SMART v2 `c`/`u` permissions). */
export function grantsWrite(scopes: readonly string[], type: string, permission: 'c' | 'u'): boolean {
  return scopes.some((scope) => {
    const m = /^system\/([A-Za-z*]+)\.([a-z*]+)$/.exec(scope);
    if (!m || (m[1] !== type && m[1] !== '*')) return false;
    return m[2] === 'write' || m[2] === '*' || (/^c?r?u?d?s?$/.test(m[2]) && m[2].includes(permission));
  });
}

/** One resource of a submission and the FHIRPath it came from (for precise OperationOutcome expressions). */
export interface Part {
  resource: Json;
  path: string;
}

interface Submission {
  report: Part;
  observations: Part[];
  study: Part | null;
  /** The entry's conditional create (`identifier=system|value`). */
  ifNoneExist?: string;
}

/** A written resource as FHIR names it: its logical id and the version written. */
export interface VersionRef {
  id: string;
  version: number;
}

export interface SubmissionOutcome {
  created: boolean;
  report: VersionRef;
  observations: VersionRef[];
  study: VersionRef | null;
}

export interface TransactionEntryResponse {
  response: { status: string; location?: string; etag?: string; lastModified?: string };
}

const REPORT_STATUS: Record<string, ResultStatus> = { preliminary: 'preliminary', final: 'final', corrected: 'corrected', amended: 'corrected', 'entered-in-error': 'entered_in_error' };
const RESULT_TYPES = ['DiagnosticReport', 'Observation', 'ImagingStudy'];

/**
 * The write side of the facade, for the LIS and PACS: a transaction Bundle (a DiagnosticReport with its Observations
 * and optionally its ImagingStudy), or a DiagnosticReport or Observation alone, mapped onto ResultsService — one
 * database transaction, idempotent on the DiagnosticReport's identifier (the sender's report id). Everything is
 * checked before anything is written; each problem names its FHIRPath.
 */
@Injectable()
export class FhirWriteService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly results: ResultsService,
    private readonly audit: AuditLog,
  ) {}

  /** POST [base] with a transaction Bundle: all entries or none. */
  async transaction(ctx: FhirRequestContext, bundle: Json): Promise<FhirResource> {
    if (!bundle || typeof bundle !== 'object' || bundle.resourceType !== 'Bundle') throw invalid('The body must be a Bundle', ['Bundle']);
    if (bundle.type !== 'transaction') throw invalid(`Only transaction Bundles are processed at the base, not "${shown(bundle.type)}"`, ['Bundle.type']);
    const entries: Json[] = Array.isArray(bundle.entry) ? bundle.entry : [];
    if (!entries.length) throw invalid('The transaction has no entry', ['Bundle.entry']);
    const parts: (Part & { fullUrl?: string; ifNoneExist?: string })[] = entries.map((entry, i) => {
      const path = `Bundle.entry[${i}]`;
      const resource = entry?.resource;
      if (!resource || typeof resource !== 'object') throw invalid('Each entry carries a resource', [`${path}.resource`]);
      if (entry.request?.method !== 'POST') throw new FhirError('not_supported', 'Only POST (create) entries are supported in a transaction', [`${path}.request.method`]);
      if (!RESULT_TYPES.includes(resource.resourceType)) {
        throw new FhirError('not_supported', `${shown(resource.resourceType)} cannot be created here; a transaction carries a DiagnosticReport, its Observations and optionally its ImagingStudy`, [`${path}.resource.resourceType`]);
      }
      if (entry.request?.url !== resource.resourceType) throw invalid(`request.url must be "${resource.resourceType}"`, [`${path}.request.url`]);
      const ifNoneExist = entry.request?.ifNoneExist;
      if (ifNoneExist !== undefined && typeof ifNoneExist !== 'string') throw invalid('request.ifNoneExist must be a string (identifier=[system|]value)', [`${path}.request.ifNoneExist`]);
      return { resource, path: `${path}.resource`, fullUrl: typeof entry.fullUrl === 'string' ? entry.fullUrl : undefined, ifNoneExist };
    });
    for (const type of new Set(parts.map((p) => p.resource.resourceType as string))) await this.requireWrite(ctx, type);
    const reports = parts.filter((p) => p.resource.resourceType === 'DiagnosticReport');
    if (reports.length !== 1) throw new FhirError('unprocessable', 'A transaction carries exactly one DiagnosticReport (one report is one database transaction)', ['Bundle.entry']);
    const [report] = reports;
    const observations = parts.filter((p) => p.resource.resourceType === 'Observation');
    const studies = parts.filter((p) => p.resource.resourceType === 'ImagingStudy');
    if (studies.length > 1) throw new FhirError('unprocessable', 'A report has one ImagingStudy', [studies[1].path]);

    // The report's result and imagingStudy references name the other entries by their fullUrl (urn:uuid:…).
    const byUrl = new Map(parts.filter((p) => p.fullUrl).map((p) => [p.fullUrl as string, p]));
    const ordered: Part[] = [];
    for (const [k, r] of (Array.isArray(report.resource.result) ? report.resource.result : []).entries()) {
      const target = byUrl.get(r?.reference);
      if (!target || target.resource.resourceType !== 'Observation') throw new FhirError('unprocessable', `result ${shown(r?.reference)} is not an Observation of this transaction`, [`${report.path}.result[${k}]`]);
      ordered.push(target);
    }
    for (const o of observations) if (!ordered.includes(o)) ordered.push(o);
    const studyRef = report.resource.imagingStudy?.[0]?.reference;
    if (studies.length && studyRef !== undefined && byUrl.get(studyRef) !== studies[0]) {
      throw new FhirError('unprocessable', `imagingStudy ${shown(studyRef)} is not the ImagingStudy of this transaction`, [`${report.path}.imagingStudy[0]`]);
    }
    const outcome = await this.submit(ctx, { report, observations: ordered, study: studies[0] ?? null, ifNoneExist: report.ifNoneExist });
    const status = outcome.created ? '201 Created' : '200 OK';
    const response = (type: string, ref: VersionRef | null | undefined): TransactionEntryResponse => ({
      response: { status, ...(ref ? { location: `${type}/${ref.id}/_history/${ref.version}`, etag: `W/"${ref.version}"` } : {}) },
    });
    return {
      resourceType: 'Bundle',
      type: 'transaction-response',
      entry: parts.map((p) => {
        if (p === report) return response('DiagnosticReport', outcome.report);
        if (p.resource.resourceType === 'ImagingStudy') return response('ImagingStudy', outcome.study);
        return response('Observation', outcome.observations[ordered.indexOf(p)]);
      }),
    };
  }

  /** POST [base]/DiagnosticReport (Observations contained) or [base]/Observation (a one-value lab report). */
  async create(ctx: FhirRequestContext, type: string, resource: Json, ifNoneExist?: string): Promise<{ outcome: SubmissionOutcome; id: string }> {
    if (!RESULT_TYPES.includes(type) || type === 'ImagingStudy') throw new FhirError('not_supported', `${type} cannot be created here (DiagnosticReport and Observation can)`, [type]);
    await this.requireWrite(ctx, type);
    if (!resource || typeof resource !== 'object' || resource.resourceType !== type) throw invalid(`The body must be a ${type}`, [`${type}.resourceType`]);
    if (type === 'Observation') {
      // A lone observation is a report of one value: the observation's identifier is the report id.
      const report = {
        resourceType: 'DiagnosticReport',
        identifier: resource.identifier,
        basedOn: resource.basedOn,
        status: resource.status,
        subject: resource.subject,
        encounter: resource.encounter,
        effectiveDateTime: resource.effectiveDateTime ?? resource.effectivePeriod?.start,
        issued: resource.issued,
      };
      const outcome = await this.submit(ctx, { report: { resource: report, path: 'Observation' }, observations: [{ resource, path: 'Observation' }], study: null, ifNoneExist });
      return { outcome, id: outcome.observations[0].id };
    }
    const outcome = await this.submit(ctx, { report: { resource, path: 'DiagnosticReport' }, observations: containedObservations(resource), study: null, ifNoneExist });
    return { outcome, id: outcome.report.id };
  }

  /**
   * PUT [base]/DiagnosticReport/[id] (Observations contained, as in create) or [base]/Observation/[id]: a correction,
   * recorded as the next version of the same resource (the earlier one stays, by vread). Only the sender of the report
   * corrects it; its identifier cannot change; If-Match is checked against the current version.
   */
  async update(ctx: FhirRequestContext, type: string, id: string, resource: Json, ifMatch?: number): Promise<{ outcome: SubmissionOutcome; id: string }> {
    await this.requireWrite(ctx, type, 'u');
    if (!resource || typeof resource !== 'object' || resource.resourceType !== type) throw invalid(`The body must be a ${type}`, [`${type}.resourceType`]);
    if (typeof resource.id !== 'string' || resource.id.toLowerCase() !== id) throw invalid(`The resource's id must be the id in the URL (${id})`, [`${type}.id`]);
    const source = ctx.principal.kind === 'client' ? ctx.principal.clientId : '';
    const table = type === 'Observation' ? 'observations' : 'diagnostic_reports';
    const [current] = (await this.dataSource.query(
      `SELECT t.revision, r.id AS report_id, r.logical_id AS report_logical_id, r.superseded_by_id AS report_superseded, r.source_system, r.external_id, r.order_id,
              r.issued, r.effective_at, r.performer, r.conclusion, ${type === 'Observation' ? 't.code' : 'NULL::text AS code'}
         FROM ${table} t JOIN diagnostic_reports r ON r.id = ${type === 'Observation' ? 't.report_id' : 't.id'}
        WHERE t.facility_id = $1 AND t.logical_id = $2 AND t.superseded_by_id IS NULL`,
      [ctx.facilityId, id],
    )) as Json[];
    if (!current) throw new FhirError('not_found', `${type}/${id} is not known (an update does not create)`, [`${type}/${id}`]);
    if (current.source_system !== source) throw new FhirError('scope_missing', `Only ${current.source_system}, which sent this report, corrects it`, [type]);
    if (ifMatch !== undefined && ifMatch !== current.revision) throw new FhirError('precondition_failed', `${type}/${id} is at version ${current.revision}, not ${ifMatch}: read it again (If-Match)`, [type]);
    const stated = firstIdentifier(resource.identifier);
    if (stated && stated !== current.external_id) throw new FhirError('unprocessable', `The report id (identifier) of a report does not change: it is ${current.external_id}`, [`${type}.identifier`]);
    if (type === 'DiagnosticReport') {
      const report = { ...resource, identifier: [{ value: current.external_id }], basedOn: resource.basedOn ?? (await this.itemRefs(current.order_id)) };
      const outcome = await this.submit(ctx, { report: { resource: report, path: 'DiagnosticReport' }, observations: containedObservations(report), study: null });
      return { outcome, id };
    }
    // A value's correction is its report's: the report again, this value replaced, the others as they are.
    if (current.report_superseded) throw new FhirError('conflict', `The report of Observation/${id} was corrected without it: correct DiagnosticReport/${current.report_logical_id}`, ['Observation']);
    const status = reportStatus(resource.status);
    if (status !== 'corrected' && status !== 'final') throw invalid('A value is corrected (status corrected or amended), or made final; withdraw a whole report as entered-in-error', ['Observation.status']);
    const values = (await this.dataSource.query(
      `SELECT code, display, value_quantity, unit, value_string, reference_low, reference_high, reference_text, interpretation, performer
         FROM observations WHERE report_id = $1 ORDER BY position`,
      [current.report_id],
    )) as Json[];
    const corrected = observationInput({ resource, path: 'Observation' });
    if (corrected.code !== current.code) throw new FhirError('unprocessable', `A correction keeps the test: ${current.code}`, ['Observation.code']);
    const request: RecordResultRequest = {
      externalId: current.external_id,
      status,
      issued: dateTime(resource.issued, 'Observation.issued') ?? new Date().toISOString(),
      effectiveAt: current.effective_at ? new Date(current.effective_at).toISOString() : null,
      performer: current.performer,
      conclusion: current.conclusion,
      // In the report's order, this value replaced.
      observations: values.map((v) => (v.code === current.code ? corrected : storedObservation(v))),
    };
    const parts = values.map((v) => ({ resource: v.code === current.code ? resource : {}, path: v.code === current.code ? 'Observation' : 'DiagnosticReport.result' }));
    const outcome = await this.record(ctx, current.order_id, request, { report: { resource, path: 'Observation' }, observations: parts, study: null });
    return { outcome, id };
  }

  private async itemRefs(orderId: string): Promise<{ reference: string }[]> {
    const rows = (await this.dataSource.query(`SELECT id FROM order_items WHERE order_id = $1 ORDER BY position`, [orderId])) as { id: string }[];
    return rows.map((r) => ({ reference: `ServiceRequest/${r.id}` }));
  }

  /** System clients only, with a SMART write scope for the type (create or update). A refusal is audited. */
  async requireWrite(ctx: FhirRequestContext, type: string, permission: 'c' | 'u' = 'c'): Promise<void> {
    const { principal } = ctx;
    if (principal.kind === 'client' && grantsWrite(principal.scopes, type, permission)) return;
    const interaction = permission === 'c' ? 'create' : 'update';
    await this.audit.recordNow({ action: 'access_denied', outcome: 'failure', actor: principal, detail: { fhir: type, interaction, code: principal.kind === 'client' ? 'scope_missing' : 'role' } });
    throw new FhirError(
      'scope_missing',
      principal.kind === 'client'
        ? `This client holds no scope to ${interaction} ${type} (needs system/${type}.write, system/${type}.${permission} or system/*.write)`
        : `Results, specimens and studies are sent by the LIS and PACS system clients, not by staff`,
      [type],
    );
  }

  /** Map the parts onto a RecordResultRequest for the order they are based on and record it (one database transaction). */
  private async submit(ctx: FhirRequestContext, s: Submission): Promise<SubmissionOutcome> {
    const { resource: r, path } = s.report;
    // References first (the order, its patient), then the report's own elements.
    const order = await this.orderOf(ctx, r.basedOn, path);
    const patientId = this.samePatient(r.subject, order.patient_id, `${path}.subject`, true);
    for (const o of s.observations) if (o.resource !== r && o.resource.subject !== undefined) this.samePatient(o.resource.subject, order.patient_id, `${o.path}.subject`, false);
    const externalId = firstIdentifier(r.identifier);
    if (!externalId) throw invalid('The report needs an identifier: the sender’s report id (idempotency key)', [`${path}.identifier`]);
    const status = reportStatus(r.status);
    if (!status) throw invalid(`status must be preliminary, final, corrected, amended or entered-in-error, not "${shown(r.status ?? '')}"`, [`${path}.status`]);
    const encounterId = r.encounter === undefined ? null : referenceId(referenceOf(r.encounter), 'Encounter');
    if (r.encounter !== undefined && encounterId !== order.encounter_id) throw new FhirError('unprocessable', 'The encounter is not the one the order belongs to', [`${path}.encounter`]);
    const source = ctx.principal.kind === 'client' ? ctx.principal.clientId : '';

    if (s.ifNoneExist !== undefined) {
      const existing = await this.conditional(ctx, source, s.ifNoneExist, path);
      if (existing) return existing;
    }
    const findings = textOf(r.presentedForm);
    const request: RecordResultRequest = {
      externalId,
      status,
      patientId,
      encounterId,
      issued: dateTime(r.issued, `${path}.issued`),
      effectiveAt: dateTime(r.effectiveDateTime ?? r.effectivePeriod?.start, `${path}.effective`),
      performer: displayOf(r.performer),
      conclusion: typeof r.conclusion === 'string' ? r.conclusion : null,
      ...(s.observations.length ? { observations: s.observations.map((o) => observationInput(o)) } : {}),
      ...(findings ? { findings } : {}),
    };
    if (s.study) request.study = studyInput(s.study);
    else if (Array.isArray(r.imagingStudy) && typeof r.imagingStudy[0]?.reference === 'string' && r.imagingStudy[0].reference) request.study = await this.storedStudy(ctx, order.id, r.imagingStudy[0].reference, `${path}.imagingStudy[0]`);

    return this.record(ctx, order.id, request, s);
  }

  /** Record through the domain, and name what was written as FHIR does: the logical ids and versions of the rows. */
  private async record(ctx: FhirRequestContext, orderId: string, request: RecordResultRequest, s: Submission): Promise<SubmissionOutcome> {
    const sender = asResultsSender(ctx.principal);
    let written: { reportId: string; created: boolean };
    try {
      const { report, created } = await this.results.record(sender, orderId, request);
      written = { reportId: report.id, created };
    } catch (error) {
      throw error instanceof OrderError ? fromOrderError(error, s) : error;
    }
    return { created: written.created, ...(await this.versionsOf(written.reportId)) };
  }

  private async versionsOf(reportRowId: string): Promise<Omit<SubmissionOutcome, 'created'>> {
    const [row] = (await this.dataSource.query(
      `SELECT r.logical_id, r.revision, r.imaging_study_id, s.version AS study_version,
              COALESCE((SELECT json_agg(json_build_object('id', ob.logical_id, 'version', ob.revision) ORDER BY ob.position) FROM observations ob WHERE ob.report_id = r.id), '[]') AS observations
         FROM diagnostic_reports r LEFT JOIN imaging_studies s ON s.id = r.imaging_study_id WHERE r.id = $1`,
      [reportRowId],
    )) as { logical_id: string; revision: number; imaging_study_id: string | null; study_version: number | null; observations: VersionRef[] }[];
    return {
      report: { id: row.logical_id, version: row.revision },
      observations: row.observations,
      study: row.imaging_study_id ? { id: row.imaging_study_id, version: row.study_version ?? 1 } : null,
    };
  }

  /** The order of the ServiceRequests a report (or specimen, or study) is based on (one order; each must be ours). */
  async orderOf(ctx: FhirRequestContext, basedOn: Json, path: string, element = 'basedOn'): Promise<{ id: string; patient_id: string; encounter_id: string }> {
    const refs: Json[] = Array.isArray(basedOn) ? basedOn : [];
    if (!refs.length) throw new FhirError('unprocessable', `${element} must name the order (ServiceRequest/<id>) this answers`, [`${path}.${element}`]);
    let order: { id: string; patient_id: string; encounter_id: string } | undefined;
    for (const [k, ref] of refs.entries()) {
      const id = referenceId(referenceOf(ref), 'ServiceRequest');
      const [row] = id
        ? ((await this.dataSource.query(
            `SELECT o.id, o.patient_id, o.encounter_id FROM order_items i JOIN orders o ON o.id = i.order_id WHERE i.id = $1 AND o.facility_id = $2`,
            [id, ctx.facilityId],
          )) as { id: string; patient_id: string; encounter_id: string }[])
        : [];
      if (!row) throw new FhirError('unprocessable', `${shown(ref?.reference ?? 'The reference')} is not a ServiceRequest of this server`, [`${path}.${element}[${k}]`]);
      if (order && order.id !== row.id) throw new FhirError('unprocessable', `All ${element} ServiceRequests must belong to one order`, [`${path}.${element}[${k}]`]);
      order = row;
    }
    return order as { id: string; patient_id: string; encounter_id: string };
  }

  samePatient(subject: Json, patientId: string, path: string, required: boolean): string | null {
    if (subject === undefined && !required) return null;
    const id = referenceId(referenceOf(subject), 'Patient');
    if (!id) throw new FhirError('unprocessable', `subject must be the order's patient (Patient/<id>), not ${shown(subject?.reference ?? 'nothing')}`, [path]);
    if (id !== patientId) throw new FhirError('unprocessable', 'subject is not the patient of the order', [path]);
    return id;
  }

  /** If-None-Exist: `identifier=[system|]value`: a current report of this sender with that id answers instead. */
  private async conditional(ctx: FhirRequestContext, source: string, ifNoneExist: string, path: string): Promise<SubmissionOutcome | null> {
    const query = new URLSearchParams(ifNoneExist.replace(/^.*\?/, ''));
    const value = query.get('identifier');
    if (!value || [...query.keys()].some((k) => k !== 'identifier')) throw invalid('If-None-Exist supports identifier=[system|]value only', [`${path}.request.ifNoneExist`]);
    // The sender's own system or ours (https://benhan.dev/fhir/sid/report/<client id>): report ids are kept per sender.
    const id = value.slice(value.indexOf('|') + 1);
    const [row] = (await this.dataSource.query(
      `SELECT r.id FROM diagnostic_reports r WHERE r.facility_id = $1 AND r.source_system = $2 AND r.external_id = $3 AND r.superseded_by_id IS NULL`,
      [ctx.facilityId, source, id],
    )) as { id: string }[];
    return row ? { created: false, ...(await this.versionsOf(row.id)) } : null;
  }

  /** A report that names a study already stored for this order (a corrected imaging report). */
  private async storedStudy(ctx: FhirRequestContext, orderId: string, reference: string, path: string): Promise<NonNullable<RecordResultRequest['study']>> {
    const id = referenceId(reference, 'ImagingStudy');
    const [row] = id
      ? ((await this.dataSource.query(`SELECT * FROM imaging_studies WHERE id = $1 AND facility_id = $2 AND order_id = $3`, [id, ctx.facilityId, orderId])) as Json[])
      : [];
    if (!row) throw new FhirError('unprocessable', `${reference} is not an ImagingStudy of this order`, [path]);
    return {
      studyInstanceUid: row.study_instance_uid,
      modality: row.modality,
      seriesCount: row.series_count,
      instanceCount: row.instance_count,
      startedAt: row.started_at ? new Date(row.started_at).toISOString() : null,
      endpointUrl: row.endpoint_url,
    };
  }
}

/** A FHIR write scope stands for results.write (the scope the domain checks); the sender stays the same client. */
export function asResultsSender(principal: AuthenticatedPrincipal): AuthenticatedPrincipal {
  return principal.kind === 'client' ? { ...principal, scopes: [...principal.scopes, RESULTS_WRITE_SCOPE] } : principal;
}

/** A DiagnosticReport's `result` naming its contained Observations (`#id`), in that order. */
function containedObservations(resource: Json): Part[] {
  const contained = new Map<string, Json>((Array.isArray(resource.contained) ? resource.contained : []).map((c: Json) => [`#${shown(c?.id)}`, c]));
  return (Array.isArray(resource.result) ? resource.result : []).map((r: Json, k: number) => {
    const target = contained.get(r?.reference);
    if (!target || target.resourceType !== 'Observation') throw new FhirError('unprocessable', `result ${shown(r?.reference ?? '')} must name a contained Observation (#id)`, [`DiagnosticReport.result[${k}]`]);
    return { resource: target, path: `DiagnosticReport.contained[${resource.contained.indexOf(target)}]` };
  });
}

/** A stored value, sent again unchanged in a correction of another value of its report. */
function storedObservation(o: Json): ObservationInput {
  const number = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    code: o.code,
    display: o.display,
    valueQuantity: number(o.value_quantity),
    unit: o.unit,
    valueString: o.value_string,
    referenceRange: { low: number(o.reference_low), high: number(o.reference_high), text: o.reference_text },
    interpretation: o.interpretation,
    performer: o.performer,
  };
}

/** A value of the body as a message shows it: text as sent, anything else as JSON (String() and templates throw for {"toString": 0}). */
export function shown(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
}

/** A Reference's text, '' when it has none or it is not a string. */
function referenceOf(ref: Json): string {
  return typeof ref?.reference === 'string' ? ref.reference : '';
}

/** A FHIR report status as ours; undefined for anything else (an own member only: "constructor" or "__proto__" is no status). */
function reportStatus(value: unknown): ResultStatus | undefined {
  return typeof value === 'string' && Object.hasOwn(REPORT_STATUS, value) ? REPORT_STATUS[value] : undefined;
}

export function invalid(message: string, expression: string[]): FhirError {
  return new FhirError('invalid_resource', message, expression);
}

function firstIdentifier(identifiers: Json): string | null {
  const value = (Array.isArray(identifiers) ? identifiers : []).map((i: Json) => i?.value).find((v: unknown) => typeof v === 'string' && v.trim());
  return value ? String(value).trim().slice(0, 100) : null;
}

function displayOf(performer: Json): string | null {
  const display = (Array.isArray(performer) ? performer : []).map((p: Json) => p?.display).find((d: unknown) => typeof d === 'string' && d.trim());
  return display ?? null;
}

function textOf(forms: Json): string | null {
  const form = (Array.isArray(forms) ? forms : []).find((f: Json) => typeof f?.contentType === 'string' && f.contentType.startsWith('text/plain') && typeof f.data === 'string');
  return form ? Buffer.from(form.data, 'base64').toString('utf8') : null;
}

export function dateTime(value: unknown, path: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw invalid(`${shown(value)} is not a dateTime`, [path]);
  return new Date(value).toISOString();
}

function observationInput({ resource: o, path }: Part): ObservationInput {
  const codings: Json[] = Array.isArray(o.code?.coding) ? o.code.coding : [];
  const coding = codings.find((c) => c?.system === LOINC) ?? codings.find((c) => c?.system === SERVICE_CODE_SYSTEM);
  if (typeof coding?.code !== 'string' || !coding.code) throw invalid('code needs a LOINC (http://loinc.org) or service code coding', [`${path}.code`]);
  const q = o.valueQuantity;
  if (q !== undefined && typeof q?.value !== 'number') throw invalid('valueQuantity needs a numeric value', [`${path}.valueQuantity.value`]);
  const unit = q ? (q.code ?? q.unit) : null;
  if (q && (typeof unit !== 'string' || !unit)) throw invalid('valueQuantity needs its UCUM unit (code, system http://unitsofmeasure.org)', [`${path}.valueQuantity.unit`]);
  const range = Array.isArray(o.referenceRange) ? o.referenceRange[0] : undefined;
  for (const end of ['low', 'high'] as const) {
    const value = range?.[end]?.value;
    if (value !== undefined && value !== null && typeof value !== 'number') throw invalid(`referenceRange.${end} needs a numeric value`, [`${path}.referenceRange[0].${end}.value`]);
  }
  const interpretation = (Array.isArray(o.interpretation) ? o.interpretation : []).flatMap((i: Json) => i?.coding ?? []).map((c: Json) => c?.code).find((c: unknown) => (INTERPRETATIONS as readonly unknown[]).includes(c));
  const status = o.status === undefined ? undefined : reportStatus(o.status);
  if (o.status !== undefined && !status) throw invalid(`status must be preliminary, final, corrected, amended or entered-in-error, not "${shown(o.status)}"`, [`${path}.status`]);
  return {
    code: coding.code,
    display: typeof coding.display === 'string' ? coding.display : null,
    valueQuantity: q ? q.value : null,
    unit,
    valueString: typeof o.valueString === 'string' ? o.valueString : null,
    referenceRange: range ? { low: range.low?.value ?? null, high: range.high?.value ?? null, text: typeof range.text === 'string' ? range.text : null } : null,
    interpretation: (interpretation as Interpretation | undefined) ?? null,
    ...(status ? { status } : {}),
    performer: displayOf(o.performer),
  };
}

export function studyInput({ resource: s, path }: Part): NonNullable<RecordResultRequest['study']> {
  const identifier = (Array.isArray(s.identifier) ? s.identifier : []).find((i: Json) => i?.system === DICOM_UID);
  const uid = typeof identifier?.value === 'string' ? identifier.value.replace(/^urn:oid:/, '') : '';
  if (!/^\d+(\.\d+)*$/.test(uid) || uid.length > 64) throw invalid(`identifier needs the Study Instance UID (${DICOM_UID}, urn:oid:1.2.3…)`, [`${path}.identifier`]);
  const modality = s.modality?.[0]?.code ?? s.series?.[0]?.modality?.code;
  if (typeof modality !== 'string') throw invalid('modality needs a DICOM modality code', [`${path}.modality`]);
  const endpointRef = s.endpoint?.[0]?.reference;
  const endpoint = (Array.isArray(s.contained) ? s.contained : []).find((c: Json) => c?.resourceType === 'Endpoint' && `#${shown(c.id)}` === endpointRef);
  if (typeof endpoint?.address !== 'string' || !/^https?:\/\//.test(endpoint.address)) throw invalid('endpoint must name a contained Endpoint with the viewer address (http/https)', [`${path}.endpoint`]);
  const seriesCount = typeof s.numberOfSeries === 'number' ? s.numberOfSeries : Array.isArray(s.series) ? s.series.length : NaN;
  if (!Number.isInteger(seriesCount)) throw invalid('numberOfSeries is required', [`${path}.numberOfSeries`]);
  return {
    studyInstanceUid: uid,
    modality: modality as ImagingModality,
    seriesCount,
    instanceCount: typeof s.numberOfInstances === 'number' ? s.numberOfInstances : null,
    startedAt: dateTime(s.started, `${path}.started`),
    endpointUrl: endpoint.address,
  };
}

/** The domain's field paths (observations/2/unit, study/modality…) as the FHIRPath of the element sent. */
function fromOrderError(error: OrderError, s: Submission): FhirError {
  const field = error.fieldErrors[0]?.field ?? '';
  const [head, index, rest] = field.split('/');
  let expression: string = s.report.path;
  if (head === 'observations' && index !== undefined && s.observations[Number(index)]) {
    const o = s.observations[Number(index)].path;
    expression = rest === 'unit' ? `${o}.valueQuantity.unit` : rest === 'valueQuantity' ? `${o}.value` : rest ? `${o}.${rest}` : o;
  } else if (head === 'observations') expression = `${s.report.path}.result`;
  else if (head === 'study') expression = s.study ? `${s.study.path}.${index === 'studyInstanceUid' ? 'identifier' : (index ?? '')}`.replace(/\.$/, '') : `${s.report.path}.imagingStudy`;
  else if (head === 'externalId') expression = `${s.report.path}.identifier`;
  else if (head === 'patientId') expression = `${s.report.path}.subject`;
  else if (head === 'encounterId') expression = `${s.report.path}.encounter`;
  else if (head === 'orderId') expression = `${s.report.path}.basedOn`;
  else if (head === 'findings') expression = `${s.report.path}.conclusion`;
  else if (head === 'status') expression = `${s.report.path}.status`;
  const code = error.status === 400 ? 'invalid_resource' : error.status === 409 ? 'conflict' : 'unprocessable';
  return new FhirError(code, error.message, [expression]);
}
