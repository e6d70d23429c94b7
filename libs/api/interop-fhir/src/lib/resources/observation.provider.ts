import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PatientAccessService } from '@benhan/api/identity';
import type { FhirHit, FhirRequestContext, FhirResourceProvider, FhirSearchResult } from '../fhir-provider';
import { ID_PARAM, LAST_UPDATED_PARAM, date, dateCondition, idCondition, reference, token } from '../search/common-params';
import { referenceId, type ParsedSearch, type SearchParamDefinition } from '../search/search-params';
import { SqlSearch } from '../search/sql-search';
import { LOINC } from './common';
import { VITAL_SIGNS_PROFILE, VITAL_SIGN_CODES, toFhirVitalSign, type VitalSignRow } from './observation.mapper';

/** LOINC code → charted kinds (the BP panel and its systolic/diastolic component codes all find the panel). */
const KINDS_BY_CODE = new Map<string, string>(Object.entries(VITAL_SIGN_CODES).flatMap(([kind, d]) => [[d.code, kind], ...(d.alsoCode ? [[d.alsoCode.code, kind] as [string, string]] : [])]));

/**
 * Observation: the nurses' care chart vital signs (documents domain, `vital_sign_observations`), department-scoped.
 * The orders domain's lab results will need their own provider; then this one becomes the vital-signs half of a
 * composite Observation provider (category decides which table is read).
 */
@Injectable()
export class ObservationProvider implements FhirResourceProvider {
  readonly type = 'Observation';
  readonly documentation = 'Vital signs of the care chart (category vital-signs, LOINC, UCUM); blood pressure as a panel with components';
  readonly profiles = [VITAL_SIGNS_PROFILE];
  readonly roles = ['doctor', 'nurse', 'records_officer', 'inspector'] as const;
  readonly audit = { action: 'document_read', resourceType: 'chart_entry' } as const;
  readonly searchParams: readonly SearchParamDefinition[] = [
    ID_PARAM,
    LAST_UPDATED_PARAM,
    reference('patient', 'The patient (Patient/<id>)'),
    reference('subject', 'The patient (Patient/<id>)'),
    reference('encounter', 'The encounter (Encounter/<id>)'),
    token('category', 'vital-signs'),
    token('code', 'LOINC code (http://loinc.org|8867-4); 85354-9 finds blood pressure panels'),
    date('date', 'When the measurement was taken'),
    token('status', 'final | entered-in-error'),
  ];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
  ) {}

  async read(ctx: FhirRequestContext, id: string): Promise<FhirHit | null> {
    const row = (await this.query(ctx).andWhere('o.id = :id', { id }).getRawOne()) as VitalSignRow | undefined;
    return row ? { resource: toFhirVitalSign(row), patientId: row.patient_id } : null;
  }

  async search(ctx: FhirRequestContext, search: ParsedSearch): Promise<FhirSearchResult> {
    const sql = new SqlSearch(this.access.applyScope(this.query(ctx), 'o.patient_id', ctx.principal));
    for (const clause of search.clauses) {
      switch (clause.name) {
        case '_id':
          idCondition(sql, clause, 'o.id');
          break;
        case '_lastUpdated':
          dateCondition(sql, clause, 'COALESCE(o.in_error_at, o.recorded_at)');
          break;
        case 'patient':
        case 'subject':
          sql.anyOf(clause, (v, p) => (referenceId(v, 'Patient') ? `o.patient_id = ${p(referenceId(v, 'Patient'))}` : null));
          break;
        case 'encounter':
          sql.anyOf(clause, (v, p) => (referenceId(v, 'Encounter') ? `o.encounter_id = ${p(referenceId(v, 'Encounter'))}` : null));
          break;
        case 'category':
          sql.token(clause, (t) => (t.code === 'vital-signs' ? 'true' : null));
          break;
        case 'code':
          sql.token(clause, (t, p) => (t.code && (t.system === undefined || t.system === LOINC) && KINDS_BY_CODE.has(t.code) ? `o.kind = ${p(KINDS_BY_CODE.get(t.code))}` : null));
          break;
        case 'date':
          dateCondition(sql, clause, 'o.taken_at');
          break;
        case 'status':
          sql.token(clause, (t) => (t.code === 'final' ? 'o.in_error_at IS NULL' : t.code === 'entered-in-error' ? 'o.in_error_at IS NOT NULL' : null));
          break;
      }
    }
    const { rows, total } = await sql.page<VitalSignRow>(search, [
      ['o.taken_at', 'DESC'],
      ['o.id', 'ASC'],
    ]);
    return { hits: rows.map((r) => ({ resource: toFhirVitalSign(r), patientId: r.patient_id })), total };
  }

  /** One row per observation; the diastolic value taken with a systolic one joins it (same encounter and time). */
  private query(ctx: FhirRequestContext) {
    const view = `(SELECT o.id, o.kind, o.value, o.unit, o.flag, o.taken_at, o.recorded_at, o.recorded_by, o.encounter_id, e.patient_id,
                          dia.value AS dia_value, dia.unit AS dia_unit, dia.flag AS dia_flag, x.recorded_at AS in_error_at
                     FROM vital_sign_observations o
                     JOIN encounters e ON e.id = o.encounter_id
                     LEFT JOIN vital_sign_entered_in_error x ON x.observation_id = o.id
                     LEFT JOIN LATERAL (
                       SELECT d.value, d.unit, d.flag FROM vital_sign_observations d
                        WHERE o.kind = 'systolic_bp' AND d.encounter_id = o.encounter_id AND d.kind = 'diastolic_bp' AND d.taken_at = o.taken_at
                        ORDER BY abs(extract(epoch FROM d.recorded_at - o.recorded_at)), d.id LIMIT 1) dia ON true
                    WHERE o.facility_id = :facility AND o.kind <> 'diastolic_bp')`;
    return this.dataSource.createQueryBuilder().select('o.*').from(view, 'o').setParameter('facility', ctx.facilityId);
  }
}
