import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PatientAccessService } from '@benhan/api/identity';
import type { FhirHit, FhirRequestContext, FhirResourceProvider, FhirSearchResult } from '../fhir-provider';
import { ID_PARAM, LAST_UPDATED_PARAM, date, dateCondition, idCondition, reference, token } from '../search/common-params';
import { isUuid, referenceId, type ParsedSearch, type SearchParamDefinition } from '../search/search-params';
import { SqlSearch } from '../search/sql-search';
import { LOINC } from './common';
import {
  DCM,
  DICOM_UID,
  REPORT_SID,
  REQUISITION_SID,
  SERVICE_CODE_SYSTEM,
  toFhirDiagnosticReport,
  toFhirImagingStudy,
  toFhirServiceRequest,
  type ImagingStudyRow,
  type ReportRow,
  type ServiceRequestRow,
} from './orders.mappers';

const STAFF = ['doctor', 'nurse', 'records_officer', 'inspector'] as const;

/**
 * A past version of a specimen or study, from the database's copy of every version (fulfilment_versions), with
 * the order's items for basedOn/request as they are (items never change).
 */
export async function fulfilmentVersion<T>(dataSource: DataSource, ctx: FhirRequestContext, type: 'specimen' | 'imaging_study', id: string, version: number): Promise<T | null> {
  const [row] = (await dataSource.query(
    `SELECT v.snapshot
            || jsonb_build_object('item_ids', to_jsonb(ARRAY(SELECT i.id::text FROM order_items i WHERE i.order_id = (v.snapshot->>'order_id')::uuid ORDER BY i.position)))
            || jsonb_build_object('item_displays', to_jsonb(ARRAY(SELECT i.display FROM order_items i WHERE i.order_id = (v.snapshot->>'order_id')::uuid ORDER BY i.position))) AS row
       FROM fulfilment_versions v
      WHERE v.resource_type = $1 AND v.resource_id = $2 AND v.version = $3 AND v.snapshot->>'facility_id' = $4`,
    [type, id, version, ctx.facilityId],
  )) as { row: T }[];
  return row?.row ?? null;
}

/** `ServiceRequest/<item id>` → the order it belongs to (SQL), or null when it cannot be one of ours. */
function orderOfItem(value: string, p: (v: unknown) => string, column: string): string | null {
  const id = referenceId(value, 'ServiceRequest');
  return id ? `${column} IN (SELECT oi.order_id FROM order_items oi WHERE oi.id = ${p(id)})` : null;
}

const ITEM_ARRAYS = (orderColumn: string) => `
  ARRAY(SELECT i.id::text FROM order_items i WHERE i.order_id = ${orderColumn} ORDER BY i.position) AS item_ids,
  ARRAY(SELECT i.display FROM order_items i WHERE i.order_id = ${orderColumn} ORDER BY i.position) AS item_displays,
  ARRAY(SELECT i.loinc::text FROM order_items i WHERE i.order_id = ${orderColumn} ORDER BY i.position) AS item_loincs`;

/**
 * ServiceRequest: one per order item (test, panel or imaging procedure) of the orders domain; the signed order
 * they were placed on is their shared `requisition`. Department-scoped; versionId is the order's row version.
 * The performing department may update the status (update or JSON Patch, see FhirFulfilmentWriteService).
 */
@Injectable()
export class ServiceRequestProvider implements FhirResourceProvider {
  readonly type = 'ServiceRequest';
  readonly documentation =
    'Lab and imaging orders, one ServiceRequest per ordered test, panel or procedure; the order sheet is the requisition. in_progress orders show as active. Poll with status=active&_lastUpdated=gt<instant>&category=laboratory|imaging';
  readonly roles = STAFF;
  readonly audit = { action: 'order_read', resourceType: 'order' } as const;
  readonly updatable = true;
  readonly patchable = true;
  /** The reports of the matched orders (_revinclude), and their Observations (_include, applied to those reports). */
  readonly revIncludes = ['DiagnosticReport:based-on'];
  readonly includes = ['DiagnosticReport:result'];
  readonly searchParams: readonly SearchParamDefinition[] = [
    ID_PARAM,
    LAST_UPDATED_PARAM,
    token('identifier', `The item (${REQUISITION_SID}-item|<order id>/<position>)`),
    token('requisition', `The order (${REQUISITION_SID}|<order id>)`),
    reference('patient', 'The patient (Patient/<id>)'),
    reference('subject', 'The patient (Patient/<id>)'),
    reference('encounter', 'The encounter (Encounter/<id>)'),
    reference('requester', 'The ordering doctor (Practitioner/<id>)'),
    date('authored', 'When the order was signed'),
    token('status', 'draft | active (includes in progress) | completed | revoked | entered-in-error'),
    token('intent', 'order'),
    token('priority', 'routine | urgent | stat'),
    token('category', 'laboratory | imaging (or the SNOMED CT codes 108252007 | 363679005)'),
    token('code', `LOINC (${LOINC}) or the facility's service code (${SERVICE_CODE_SYSTEM})`),
  ];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
  ) {}

  async read(ctx: FhirRequestContext, id: string): Promise<FhirHit | null> {
    const row = (await this.query(ctx).andWhere('s.id = :id', { id }).getRawOne()) as ServiceRequestRow | undefined;
    return row ? { resource: toFhirServiceRequest(row), patientId: row.patient_id } : null;
  }

  async search(ctx: FhirRequestContext, search: ParsedSearch): Promise<FhirSearchResult> {
    const sql = new SqlSearch(this.access.applyScope(this.query(ctx), 's.patient_id', ctx.principal));
    for (const clause of search.clauses) {
      switch (clause.name) {
        case '_id':
          idCondition(sql, clause, 's.id');
          break;
        case '_lastUpdated':
          dateCondition(sql, clause, 's.last_updated');
          break;
        case 'identifier':
          sql.token(clause, (t, p) => {
            if (!t.code || (t.system !== undefined && t.system !== `${REQUISITION_SID}-item`)) return null;
            const [order, position] = t.code.split('/');
            return isUuid(order) && /^\d{1,4}$/.test(position ?? '') ? `(s.order_id = ${p(order.toLowerCase())} AND s.position = ${p(Number(position))})` : null;
          });
          break;
        case 'requisition':
          sql.token(clause, (t, p) => (t.code && isUuid(t.code) && (t.system === undefined || t.system === REQUISITION_SID) ? `s.order_id = ${p(t.code.toLowerCase())}` : null));
          break;
        case 'patient':
        case 'subject':
          sql.anyOf(clause, (v, p) => (referenceId(v, 'Patient') ? `s.patient_id = ${p(referenceId(v, 'Patient'))}` : null));
          break;
        case 'encounter':
          sql.anyOf(clause, (v, p) => (referenceId(v, 'Encounter') ? `s.encounter_id = ${p(referenceId(v, 'Encounter'))}` : null));
          break;
        case 'requester':
          sql.anyOf(clause, (v, p) => (referenceId(v, 'Practitioner') ? `s.requester_id = ${p(referenceId(v, 'Practitioner'))}` : null));
          break;
        case 'authored':
          dateCondition(sql, clause, 's.authored_at');
          break;
        case 'status':
          sql.token(clause, (t, p) => {
            const statuses = t.code === 'active' ? ['active', 'in_progress'] : t.code === 'entered-in-error' ? ['entered_in_error'] : [t.code];
            return t.code && ['draft', 'active', 'completed', 'revoked', 'entered-in-error'].includes(t.code) ? `s.status = ANY(${p(statuses)})` : null;
          });
          break;
        case 'intent':
          sql.token(clause, (t) => (t.code === 'order' ? 'true' : null));
          break;
        case 'priority':
          sql.token(clause, (t, p) => (t.code ? `s.priority = ${p(t.code)}` : null));
          break;
        case 'category':
          sql.token(clause, (t, p) => {
            const category = t.code === 'laboratory' || t.code === '108252007' ? 'laboratory' : t.code === 'imaging' || t.code === '363679005' ? 'imaging' : null;
            return category ? `s.category = ${p(category)}` : null;
          });
          break;
        case 'code':
          sql.token(clause, (t, p) => {
            if (!t.code) return null;
            if (t.system === LOINC) return `s.loinc = ${p(t.code)}`;
            if (t.system === SERVICE_CODE_SYSTEM) return `s.service_code = ${p(t.code)}`;
            return t.system === undefined ? `(s.loinc = ${p(t.code)} OR s.service_code = ${p(t.code)})` : null;
          });
          break;
      }
    }
    // An order's requests come in the order the doctor listed them (its items' positions), as its reports cite them.
    const { rows, total } = await sql.page<ServiceRequestRow>(search, [
      ['s.last_updated', 'DESC'],
      ['s.order_id', 'ASC'],
      ['s.position', 'ASC'],
    ]);
    return { hits: rows.map((r) => ({ resource: toFhirServiceRequest(r), patientId: r.patient_id })), total };
  }

  private query(ctx: FhirRequestContext) {
    const view = `(SELECT i.id, i.order_id, i.position, i.service_code, i.loinc, i.display, i.modality, i.body_site_code, i.body_site_display,
                          o.patient_id, o.encounter_id, o.category, o.status, o.priority, o.reason_code, o.reason_title, o.reason_text,
                          o.clinical_note, o.requester_id, o.department_id, o.document_id, o.authored_at, o.status_reason, o.version,
                          GREATEST(o.created_at, o.authored_at, o.status_changed_at) AS last_updated
                     FROM order_items i JOIN orders o ON o.id = i.order_id
                    WHERE o.facility_id = :facility)`;
    return this.dataSource.createQueryBuilder().select('s.*').from(view, 's').setParameter('facility', ctx.facilityId);
  }
}

/**
 * DiagnosticReport: the lab and imaging reports of the orders domain (category LAB / RAD), based on the order's
 * ServiceRequests, with their Observations (result) or ImagingStudy. A report and its corrections are one resource
 * (the id of the first row, `logical_id`): read and search give the current row, vread any earlier one.
 */
@Injectable()
export class DiagnosticReportProvider implements FhirResourceProvider {
  readonly type = 'DiagnosticReport';
  readonly documentation =
    'Lab (LAB) and imaging (RAD) reports from the LIS and PACS; identifier is the sender’s report id. A correction (update with If-Match, or the same identifier posted again with status corrected) is a new version of the same resource: the earlier ones stay readable by vread';
  readonly roles = STAFF;
  readonly audit = { action: 'result_read', resourceType: 'report' } as const;
  readonly creatable = true;
  readonly updatable = true;
  readonly includes = ['DiagnosticReport:result'];
  readonly searchParams: readonly SearchParamDefinition[] = [
    ID_PARAM,
    LAST_UPDATED_PARAM,
    token('identifier', `The sender's report id (${REPORT_SID}/<client id>|<id>)`),
    reference('patient', 'The patient (Patient/<id>)'),
    reference('subject', 'The patient (Patient/<id>)'),
    reference('encounter', 'The encounter (Encounter/<id>)'),
    reference('based-on', 'The order item (ServiceRequest/<id>): every report of its order'),
    reference('result', 'An Observation of the report (Observation/<id>)'),
    date('date', 'Specimen collection or study time (else when issued)'),
    date('issued', 'When the report was issued'),
    token('status', 'preliminary | final | corrected | entered-in-error'),
    token('category', 'LAB | RAD (http://terminology.hl7.org/CodeSystem/v2-0074)'),
    token('code', 'LOINC of an ordered test or panel'),
  ];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
  ) {}

  async read(ctx: FhirRequestContext, id: string): Promise<FhirHit | null> {
    const row = (await this.query(ctx).andWhere('d.logical_id = :id AND d.superseded_by_id IS NULL', { id }).getRawOne()) as ReportRow | undefined;
    return row ? { resource: toFhirDiagnosticReport(row), patientId: row.patient_id } : null;
  }

  async readVersion(ctx: FhirRequestContext, id: string, versionId: string): Promise<FhirHit | null> {
    const row = (await this.query(ctx).andWhere('d.logical_id = :id AND d.revision = :revision', { id, revision: Number(versionId) }).getRawOne()) as ReportRow | undefined;
    return row ? { resource: toFhirDiagnosticReport(row), patientId: row.patient_id } : null;
  }

  async search(ctx: FhirRequestContext, search: ParsedSearch): Promise<FhirSearchResult> {
    const sql = new SqlSearch(this.access.applyScope(this.query(ctx).andWhere('d.superseded_by_id IS NULL'), 'd.patient_id', ctx.principal));
    for (const clause of search.clauses) {
      switch (clause.name) {
        case '_id':
          idCondition(sql, clause, 'd.logical_id');
          break;
        case '_lastUpdated':
          dateCondition(sql, clause, 'd.created_at');
          break;
        case 'identifier':
          sql.token(clause, (t, p) => {
            if (!t.code) return null;
            if (t.system === undefined) return `d.external_id = ${p(t.code)}`;
            return t.system?.startsWith(`${REPORT_SID}/`) ? `(d.external_id = ${p(t.code)} AND d.source_system = ${p(t.system.slice(REPORT_SID.length + 1))})` : null;
          });
          break;
        case 'patient':
        case 'subject':
          sql.anyOf(clause, (v, p) => (referenceId(v, 'Patient') ? `d.patient_id = ${p(referenceId(v, 'Patient'))}` : null));
          break;
        case 'encounter':
          sql.anyOf(clause, (v, p) => (referenceId(v, 'Encounter') ? `d.encounter_id = ${p(referenceId(v, 'Encounter'))}` : null));
          break;
        case 'based-on':
          sql.anyOf(clause, (v, p) => orderOfItem(v, p, 'd.order_id'));
          break;
        case 'result':
          sql.anyOf(clause, (v, p) => (referenceId(v, 'Observation') ? `d.id IN (SELECT ob.report_id FROM observations ob WHERE ob.logical_id = ${p(referenceId(v, 'Observation'))})` : null));
          break;
        case 'date':
          dateCondition(sql, clause, 'COALESCE(d.effective_at, d.issued)');
          break;
        case 'issued':
          dateCondition(sql, clause, 'd.issued');
          break;
        case 'status':
          sql.token(clause, (t, p) => {
            switch (t.code) {
              case 'corrected':
                return `(d.status = 'corrected' OR (d.status = 'final' AND d.supersedes_id IS NOT NULL))`;
              case 'final':
                return `(d.status = 'final' AND d.supersedes_id IS NULL)`;
              case 'preliminary':
                return `d.status = ${p('preliminary')}`;
              case 'entered-in-error':
                return `d.status = ${p('entered_in_error')}`;
              default:
                return null;
            }
          });
          break;
        case 'category':
          sql.token(clause, (t, p) => (t.code === 'LAB' ? `d.category = ${p('laboratory')}` : t.code === 'RAD' ? `d.category = ${p('imaging')}` : null));
          break;
        case 'code':
          sql.token(clause, (t, p) =>
            t.code && (t.system === undefined || t.system === LOINC) ? `d.order_id IN (SELECT oi.order_id FROM order_items oi WHERE oi.loinc = ${p(t.code)})` : null,
          );
          break;
      }
    }
    const { rows, total } = await sql.page<ReportRow>(search, [
      ['d.issued', 'DESC'],
      ['d.id', 'ASC'],
    ]);
    return { hits: rows.map((r) => ({ resource: toFhirDiagnosticReport(r), patientId: r.patient_id })), total };
  }

  private query(ctx: FhirRequestContext) {
    const view = `(SELECT r.id, r.logical_id, r.revision, r.order_id, r.patient_id, r.encounter_id, r.category, r.status, r.source_system, r.external_id, r.issued, r.effective_at,
                          r.performer, r.conclusion, r.findings, r.imaging_study_id, r.supersedes_id, r.superseded_by_id, r.superseded_at, r.created_at,
                          ${ITEM_ARRAYS('r.order_id')},
                          ARRAY(SELECT ob.logical_id::text FROM observations ob WHERE ob.report_id = r.id ORDER BY ob.position) AS observation_ids,
                          ARRAY(SELECT sp.id::text FROM specimens sp WHERE sp.order_id = r.order_id AND sp.status <> 'entered_in_error' ORDER BY sp.created_at, sp.id) AS specimen_ids
                     FROM diagnostic_reports r
                    WHERE r.facility_id = :facility)`;
    return this.dataSource.createQueryBuilder().select('d.*').from(view, 'd').setParameter('facility', ctx.facilityId);
  }
}

/** ImagingStudy: the PACS studies of imaging reports, by DICOM Study Instance UID, with the viewer as a contained Endpoint. */
@Injectable()
export class ImagingStudyProvider implements FhirResourceProvider {
  readonly type = 'ImagingStudy';
  readonly documentation = `PACS studies of imaging orders: identifier ${DICOM_UID}|urn:oid:<Study Instance UID>, modality (DICOM), series and instance counts, the viewer as a contained Endpoint. The PACS creates one (registered or available, basedOn the ServiceRequest: the order is then in progress) and updates it with If-Match; or sends it with its DiagnosticReport in a transaction Bundle. Every version is kept (vread)`;
  readonly roles = STAFF;
  readonly audit = { action: 'result_read', resourceType: 'imaging_study' } as const;
  readonly creatable = true;
  readonly updatable = true;
  readonly searchParams: readonly SearchParamDefinition[] = [
    ID_PARAM,
    LAST_UPDATED_PARAM,
    token('identifier', `Study Instance UID (${DICOM_UID}|urn:oid:1.2.3…, or the bare UID)`),
    reference('patient', 'The patient (Patient/<id>)'),
    reference('subject', 'The patient (Patient/<id>)'),
    reference('encounter', 'The encounter (Encounter/<id>)'),
    reference('basedon', 'The order item (ServiceRequest/<id>)'),
    date('started', 'When the study started'),
    token('modality', `DICOM modality (${DCM}|CT)`),
    token('status', 'registered | available | cancelled | entered-in-error'),
  ];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
  ) {}

  async read(ctx: FhirRequestContext, id: string): Promise<FhirHit | null> {
    const row = (await this.query(ctx).andWhere('st.id = :id', { id }).getRawOne()) as ImagingStudyRow | undefined;
    return row ? { resource: toFhirImagingStudy(row), patientId: row.patient_id } : null;
  }

  async readVersion(ctx: FhirRequestContext, id: string, versionId: string): Promise<FhirHit | null> {
    const row = await fulfilmentVersion<ImagingStudyRow>(this.dataSource, ctx, 'imaging_study', id, Number(versionId));
    return row ? { resource: toFhirImagingStudy(row), patientId: row.patient_id } : null;
  }

  async search(ctx: FhirRequestContext, search: ParsedSearch): Promise<FhirSearchResult> {
    const sql = new SqlSearch(this.access.applyScope(this.query(ctx), 'st.patient_id', ctx.principal));
    for (const clause of search.clauses) {
      switch (clause.name) {
        case '_id':
          idCondition(sql, clause, 'st.id');
          break;
        case '_lastUpdated':
          dateCondition(sql, clause, 'st.updated_at');
          break;
        case 'identifier':
          sql.token(clause, (t, p) => (t.code && (t.system === undefined || t.system === DICOM_UID) ? `st.study_instance_uid = ${p(t.code.replace(/^urn:oid:/, ''))}` : null));
          break;
        case 'patient':
        case 'subject':
          sql.anyOf(clause, (v, p) => (referenceId(v, 'Patient') ? `st.patient_id = ${p(referenceId(v, 'Patient'))}` : null));
          break;
        case 'encounter':
          sql.anyOf(clause, (v, p) => (referenceId(v, 'Encounter') ? `st.encounter_id = ${p(referenceId(v, 'Encounter'))}` : null));
          break;
        case 'basedon':
          sql.anyOf(clause, (v, p) => orderOfItem(v, p, 'st.order_id'));
          break;
        case 'started':
          dateCondition(sql, clause, 'st.started_at');
          break;
        case 'modality':
          sql.token(clause, (t, p) => (t.code && (t.system === undefined || t.system === DCM) ? `st.modality = ${p(t.code)}` : null));
          break;
        case 'status':
          sql.token(clause, (t, p) => (t.code && ['registered', 'available', 'cancelled', 'entered-in-error'].includes(t.code) ? `st.status = ${p(t.code.replace(/-/g, '_'))}` : null));
          break;
      }
    }
    const { rows, total } = await sql.page<ImagingStudyRow>(search, [
      ['st.created_at', 'DESC'],
      ['st.id', 'ASC'],
    ]);
    return { hits: rows.map((r) => ({ resource: toFhirImagingStudy(r), patientId: r.patient_id })), total };
  }

  private query(ctx: FhirRequestContext) {
    const view = `(SELECT s.id, s.order_id, s.patient_id, s.encounter_id, s.study_instance_uid, s.modality, s.status, s.series_count, s.instance_count, s.started_at,
                          s.endpoint_url, s.created_at, s.updated_at, s.version, ${ITEM_ARRAYS('s.order_id')}
                     FROM imaging_studies s
                    WHERE s.facility_id = :facility)`;
    return this.dataSource.createQueryBuilder().select('st.*').from(view, 'st').setParameter('facility', ctx.facilityId);
  }
}
