import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PatientAccessService } from '@benhan/api/identity';
import type { FhirHit, FhirRequestContext, FhirResourceProvider, FhirSearchResult } from '../fhir-provider';
import { ID_PARAM, LAST_UPDATED_PARAM, date, dateCondition, idCondition, reference, token } from '../search/common-params';
import { CURSOR_PARAM, parseToken, referenceId, type ParsedSearch, type SearchParamDefinition } from '../search/search-params';
import { SqlSearch } from '../search/sql-search';
import { LOINC } from './common';
import { BP_COMPONENT_CODES, VITAL_SIGNS_PROFILE, VITAL_SIGN_CODES, toFhirVitalSign, type VitalSignRow } from './observation.mapper';
import { SERVICE_CODE_SYSTEM, toFhirLabObservation, type LabObservationRow } from './orders.mappers';

/** LOINC code → charted kinds (the BP panel and its systolic/diastolic component codes all find the panel). */
const KINDS_BY_CODE = new Map<string, string>([
  ...Object.entries(VITAL_SIGN_CODES).flatMap(([kind, d]) => [[d.code, kind], ...(d.alsoCode ? [[d.alsoCode.code, kind] as [string, string]] : [])] as [string, string][]),
  ...BP_COMPONENT_CODES.map((code): [string, string] => [code, 'systolic_bp']),
]);

/** A lab value with what its mapping needs (the order's items for basedOn). */
const LAB_ROW = `SELECT ob.*, ob.status AS lab_status, ob.code ~ '^[0-9]{1,7}-[0-9]$' AS loinc_code,
                        ARRAY(SELECT i.id::text FROM order_items i WHERE i.order_id = ob.order_id ORDER BY i.position) AS item_ids
                   FROM observations ob`;

/**
 * The sources a search can match at all: `category`, `code` and `based-on` each allow one source or both (a vital-sign LOINC
 * code may also be a lab's code), and clauses AND. The conditions in search() still decide per row; this only spares the
 * query a source whose rows would all fail them.
 */
export function sourcesOf(search: ParsedSearch): ObservationKey['src'][] {
  let sources: ObservationKey['src'][] = ['vital', 'lab'];
  const keep = (allowed: Set<ObservationKey['src']>) => (sources = sources.filter((s) => allowed.has(s)));
  for (const clause of search.clauses) {
    const allowed = new Set<ObservationKey['src']>();
    for (const t of clause.values.map(parseToken)) {
      if (clause.name === 'category') {
        if (t.code === 'vital-signs') allowed.add('vital');
        if (t.code === 'laboratory') allowed.add('lab');
      } else if (clause.name === 'code' && t.code) {
        if ((t.system === undefined || t.system === LOINC) && KINDS_BY_CODE.has(t.code)) allowed.add('vital');
        if (t.system === undefined || t.system === LOINC || t.system === SERVICE_CODE_SYSTEM) allowed.add('lab');
      } else if (clause.name === 'based-on') {
        allowed.add('lab');
      }
    }
    if (['category', 'code', 'based-on'].includes(clause.name)) keep(allowed);
  }
  return sources;
}

/** One row of the union of both sources: enough to search, sort and page; the full rows are read afterwards. */
interface ObservationKey {
  src: 'vital' | 'lab';
  id: string;
  patient_id: string;
}

/**
 * Observation, from two sources behind one type: the nurses' care chart vital signs (documents domain,
 * `vital_sign_observations`, category vital-signs) and the lab results of the orders domain (`observations`,
 * category laboratory, basedOn the order's ServiceRequests). Searches merge both in one order (effective time, newest
 * first, then id), department-scoped; `category`, a code only one source has, or `based-on` picks one source. Pages by
 * key: the next links carry `_cursor`.
 */
@Injectable()
export class ObservationProvider implements FhirResourceProvider {
  readonly type = 'Observation';
  readonly documentation =
    'Vital signs of the care chart (category vital-signs, LOINC, UCUM; blood pressure as a panel with components) and lab results (category laboratory, basedOn the ServiceRequests; a correction is status corrected and the value it replaced stays readable)';
  readonly profiles = [VITAL_SIGNS_PROFILE];
  readonly roles = ['doctor', 'nurse', 'records_officer', 'inspector'] as const;
  readonly audit = { action: 'document_read', resourceType: 'chart_entry' } as const;
  /** Lab results only (a lone Observation is a one-value lab report); vital signs are charted in the EMR. */
  readonly creatable = true;
  /** A lab value's correction (a new version; its report is corrected with it). */
  readonly updatable = true;
  readonly searchParams: readonly SearchParamDefinition[] = [
    ID_PARAM,
    LAST_UPDATED_PARAM,
    reference('patient', 'The patient (Patient/<id>)'),
    reference('subject', 'The patient (Patient/<id>)'),
    reference('encounter', 'The encounter (Encounter/<id>)'),
    reference('based-on', 'The order item of a lab result (ServiceRequest/<id>): the results of its order'),
    token('category', 'vital-signs | laboratory'),
    token('code', `LOINC code (http://loinc.org|8867-4; 85354-9 finds blood pressure panels) or a lab service code (${SERVICE_CODE_SYSTEM})`),
    date('date', 'When the measurement was taken or the specimen collected'),
    token('status', 'preliminary | final | corrected | entered-in-error'),
    CURSOR_PARAM,
  ];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
  ) {}

  async read(ctx: FhirRequestContext, id: string): Promise<FhirHit | null> {
    const [hit] = await this.load(ctx, [{ src: 'vital', id, patient_id: '' }, { src: 'lab', id, patient_id: '' }]);
    return hit ?? null;
  }

  /** An earlier version of a lab value (the value its correction replaced). Vital signs are not corrected in place: they have one version. */
  async readVersion(ctx: FhirRequestContext, id: string, versionId: string): Promise<FhirHit | null> {
    const [row] = (await this.dataSource.query(`${LAB_ROW} WHERE ob.facility_id = $1 AND ob.logical_id = $2 AND ob.revision = $3`, [ctx.facilityId, id, Number(versionId)])) as LabObservationRow[];
    return row ? { resource: toFhirLabObservation(row), patientId: row.patient_id } : null;
  }

  async search(ctx: FhirRequestContext, search: ParsedSearch): Promise<FhirSearchResult> {
    const sources = sourcesOf(search);
    if (!sources.length) return { hits: [], total: 0 };
    // One search per source the clauses leave possible, each over its own table so the conditions reach its indexes; when
    // both can match, SqlSearch.union merges them in order. The key rows need no diastolic value (load() reads it).
    const keys = {
      vital: `SELECT 'vital' AS src, v.id, e.patient_id, v.encounter_id, v.kind, NULL::text AS code, NULL::uuid AS order_id, v.taken_at AS effective,
                     COALESCE(x.recorded_at, v.recorded_at) AS last_updated, CASE WHEN x.recorded_at IS NULL THEN 'final' ELSE 'entered-in-error' END AS fhir_status
                FROM vital_sign_observations v
                JOIN encounters e ON e.id = v.encounter_id
                LEFT JOIN vital_sign_entered_in_error x ON x.observation_id = v.id
               WHERE v.facility_id = :facility AND v.kind <> 'diastolic_bp'`,
      lab: `SELECT 'lab' AS src, ob.logical_id AS id, ob.patient_id, ob.encounter_id, NULL::text AS kind, ob.code, ob.order_id, COALESCE(ob.effective_at, ob.issued) AS effective, ob.created_at AS last_updated,
                   CASE WHEN ob.status = 'entered_in_error' THEN 'entered-in-error' WHEN ob.status = 'final' AND ob.supersedes_id IS NOT NULL THEN 'corrected' ELSE ob.status END AS fhir_status
              FROM observations ob WHERE ob.facility_id = :facility AND ob.superseded_by_id IS NULL`,
    };
    const branches = sources.map((src) => {
      const qb = this.dataSource
        .createQueryBuilder()
        .select('o.src', 'src')
        .addSelect('o.id', 'id')
        .addSelect('o.patient_id', 'patient_id')
        .addSelect('o.effective', 'effective')
        .from(`(${keys[src]})`, 'o')
        .setParameter('facility', ctx.facilityId);
      return this.where(new SqlSearch(this.access.applyScope(qb, 'o.patient_id', ctx.principal), `fhir_${src}_`), search);
    });
    const { rows, total, next } = await SqlSearch.union<ObservationKey>(
      branches,
      search,
      [
        ['o.effective', 'DESC'],
        ['o.id', 'ASC'],
      ],
      true,
    );
    return { hits: await this.load(ctx, rows), total, next };
  }

  /** The search's clauses as conditions on a key row `o` (the same for both sources: a source's rows fail the other's terms). */
  private where(sql: SqlSearch, search: ParsedSearch): SqlSearch {
    for (const clause of search.clauses) {
      switch (clause.name) {
        case '_id':
          idCondition(sql, clause, 'o.id');
          break;
        case '_lastUpdated':
          dateCondition(sql, clause, 'o.last_updated');
          break;
        case 'patient':
        case 'subject':
          sql.anyOf(clause, (v, p) => (referenceId(v, 'Patient') ? `o.patient_id = ${p(referenceId(v, 'Patient'))}` : null));
          break;
        case 'encounter':
          sql.anyOf(clause, (v, p) => (referenceId(v, 'Encounter') ? `o.encounter_id = ${p(referenceId(v, 'Encounter'))}` : null));
          break;
        case 'based-on':
          sql.anyOf(clause, (v, p) => (referenceId(v, 'ServiceRequest') ? `o.order_id IN (SELECT oi.order_id FROM order_items oi WHERE oi.id = ${p(referenceId(v, 'ServiceRequest'))})` : null));
          break;
        case 'category':
          sql.token(clause, (t) => (t.code === 'vital-signs' ? `o.src = 'vital'` : t.code === 'laboratory' ? `o.src = 'lab'` : null));
          break;
        case 'code':
          sql.token(clause, (t, p) => {
            if (!t.code) return null;
            const vital = (t.system === undefined || t.system === LOINC) && KINDS_BY_CODE.has(t.code) ? `(o.src = 'vital' AND o.kind = ${p(KINDS_BY_CODE.get(t.code))})` : null;
            const lab = t.system === undefined || t.system === LOINC || t.system === SERVICE_CODE_SYSTEM ? `(o.src = 'lab' AND o.code = ${p(t.code)})` : null;
            return [vital, lab].filter(Boolean).join(' OR ') || null;
          });
          break;
        case 'date':
          dateCondition(sql, clause, 'o.effective');
          break;
        case 'status':
          sql.token(clause, (t, p) => (t.code ? `o.fhir_status = ${p(t.code)}` : null));
          break;
      }
    }
    return sql;
  }

  /** The full rows of these keys, mapped, in the keys' order (keys of a missing row are skipped). */
  private async load(ctx: FhirRequestContext, keys: ObservationKey[]): Promise<FhirHit[]> {
    const ids = (src: ObservationKey['src']) => keys.filter((k) => k.src === src).map((k) => k.id);
    const vitalIds = ids('vital');
    const labIds = ids('lab');
    const vitals = vitalIds.length
      ? ((await this.dataSource.createQueryBuilder().select('o.*').from(this.vitalView(), 'o').setParameter('facility', ctx.facilityId).andWhere('o.id = ANY(:ids)', { ids: vitalIds }).getRawMany()) as VitalSignRow[])
      : [];
    const labs = labIds.length
      ? ((await this.dataSource.query(`${LAB_ROW} WHERE ob.facility_id = $1 AND ob.logical_id = ANY($2::uuid[]) AND ob.superseded_by_id IS NULL`, [ctx.facilityId, labIds])) as LabObservationRow[])
      : [];
    const hits: FhirHit[] = [];
    for (const key of keys) {
      const vital = key.src === 'vital' ? vitals.find((v) => v.id === key.id) : undefined;
      const lab = key.src === 'lab' ? labs.find((l) => l.logical_id === key.id) : undefined;
      if (vital) hits.push({ resource: toFhirVitalSign(vital), patientId: vital.patient_id });
      else if (lab) hits.push({ resource: toFhirLabObservation(lab), patientId: lab.patient_id });
    }
    return hits;
  }

  /** Vital signs, one row per observation; the diastolic value taken with a systolic one joins it (same encounter and time). */
  private vitalView(): string {
    return `(SELECT o.id, o.kind, o.value, o.unit, o.flag, o.taken_at, o.recorded_at, o.recorded_by, o.encounter_id, e.patient_id,
                    dia.value AS dia_value, dia.unit AS dia_unit, dia.flag AS dia_flag, x.recorded_at AS in_error_at
               FROM vital_sign_observations o
               JOIN encounters e ON e.id = o.encounter_id
               LEFT JOIN vital_sign_entered_in_error x ON x.observation_id = o.id
               LEFT JOIN LATERAL (
                 SELECT d.value, d.unit, d.flag FROM vital_sign_observations d
                  WHERE o.kind = 'systolic_bp' AND d.encounter_id = o.encounter_id AND d.kind = 'diastolic_bp' AND d.taken_at = o.taken_at
                  ORDER BY abs(extract(epoch FROM d.recorded_at - o.recorded_at)), d.id LIMIT 1) dia ON true
              WHERE o.facility_id = :facility AND o.kind <> 'diastolic_bp')`;
  }
}
