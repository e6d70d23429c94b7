import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PatientAccessService } from '@benhan/api/identity';
import type { FhirHit, FhirRequestContext, FhirResourceProvider, FhirSearchResult } from '../fhir-provider';
import { ID_PARAM, LAST_UPDATED_PARAM, date, dateCondition, idCondition, reference, token } from '../search/common-params';
import { referenceId, type ParsedSearch, type SearchParamDefinition } from '../search/search-params';
import { SqlSearch } from '../search/sql-search';
import { SPECIMEN_SID, V2_0487, toFhirSpecimen, type SpecimenRow } from './orders.mappers';
import { fulfilmentVersion } from './orders.providers';

const STATUSES = ['available', 'unavailable', 'unsatisfactory', 'entered-in-error'];

/**
 * Specimen: what the lab took or received for a lab order (orders domain, `specimens`), identified by the lab's
 * accession. The LIS creates and updates them; an available, received specimen puts its order in progress.
 */
@Injectable()
export class SpecimenProvider implements FhirResourceProvider {
  readonly type = 'Specimen';
  readonly documentation = `Specimens of lab orders: accessionIdentifier ${SPECIMEN_SID}/<client id>|<accession>, type from HL7 table 0487, collection and receipt times, request = the order's ServiceRequests. The LIS creates them (If-None-Exist on identifier) and updates them with If-Match; every version is kept (vread)`;
  readonly roles = ['doctor', 'nurse', 'records_officer', 'inspector'] as const;
  readonly audit = { action: 'result_read', resourceType: 'specimen' } as const;
  readonly creatable = true;
  readonly updatable = true;
  readonly searchParams: readonly SearchParamDefinition[] = [
    ID_PARAM,
    LAST_UPDATED_PARAM,
    token('identifier', `The lab's specimen id (${SPECIMEN_SID}/<client id>|<accession>, or the bare accession)`),
    token('accession', 'Same as identifier'),
    reference('patient', 'The patient (Patient/<id>)'),
    reference('subject', 'The patient (Patient/<id>)'),
    reference('request', 'The order item (ServiceRequest/<id>): every specimen of its order'),
    token('type', `Specimen type (${V2_0487}|SER)`),
    date('collected', 'When it was collected'),
    token('status', STATUSES.join(' | ')),
  ];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
  ) {}

  async read(ctx: FhirRequestContext, id: string): Promise<FhirHit | null> {
    const row = (await this.query(ctx).andWhere('sp.id = :id', { id }).getRawOne()) as SpecimenRow | undefined;
    return row ? { resource: toFhirSpecimen(row), patientId: row.patient_id } : null;
  }

  async readVersion(ctx: FhirRequestContext, id: string, versionId: string): Promise<FhirHit | null> {
    const row = await fulfilmentVersion<SpecimenRow>(this.dataSource, ctx, 'specimen', id, Number(versionId));
    return row ? { resource: toFhirSpecimen(row), patientId: row.patient_id } : null;
  }

  async search(ctx: FhirRequestContext, search: ParsedSearch): Promise<FhirSearchResult> {
    const sql = new SqlSearch(this.access.applyScope(this.query(ctx), 'sp.patient_id', ctx.principal));
    for (const clause of search.clauses) {
      switch (clause.name) {
        case '_id':
          idCondition(sql, clause, 'sp.id');
          break;
        case '_lastUpdated':
          dateCondition(sql, clause, 'sp.updated_at');
          break;
        case 'identifier':
        case 'accession':
          sql.token(clause, (t, p) => {
            if (!t.code) return null;
            if (t.system === undefined) return `sp.accession = ${p(t.code)}`;
            return t.system?.startsWith(`${SPECIMEN_SID}/`) ? `(sp.accession = ${p(t.code)} AND sp.source_system = ${p(t.system.slice(SPECIMEN_SID.length + 1))})` : null;
          });
          break;
        case 'patient':
        case 'subject':
          sql.anyOf(clause, (v, p) => (referenceId(v, 'Patient') ? `sp.patient_id = ${p(referenceId(v, 'Patient'))}` : null));
          break;
        case 'request':
          sql.anyOf(clause, (v, p) => (referenceId(v, 'ServiceRequest') ? `sp.order_id IN (SELECT oi.order_id FROM order_items oi WHERE oi.id = ${p(referenceId(v, 'ServiceRequest'))})` : null));
          break;
        case 'type':
          sql.token(clause, (t, p) => (t.code && (t.system === undefined || t.system === V2_0487) ? `sp.type_code = ${p(t.code.toUpperCase())}` : null));
          break;
        case 'collected':
          dateCondition(sql, clause, 'sp.collected_at');
          break;
        case 'status':
          sql.token(clause, (t, p) => (t.code && STATUSES.includes(t.code) ? `sp.status = ${p(t.code.replace(/-/g, '_'))}` : null));
          break;
      }
    }
    const { rows, total } = await sql.page<SpecimenRow>(search, [
      ['sp.updated_at', 'DESC'],
      ['sp.id', 'ASC'],
    ]);
    return { hits: rows.map((r) => ({ resource: toFhirSpecimen(r), patientId: r.patient_id })), total };
  }

  private query(ctx: FhirRequestContext) {
    const view = `(SELECT s.*, ARRAY(SELECT i.id::text FROM order_items i WHERE i.order_id = s.order_id ORDER BY i.position) AS item_ids
                     FROM specimens s
                    WHERE s.facility_id = :facility)`;
    return this.dataSource.createQueryBuilder().select('sp.*').from(view, 'sp').setParameter('facility', ctx.facilityId);
  }
}
