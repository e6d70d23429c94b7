import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PatientAccessService } from '@benhan/api/identity';
import type { FhirHit, FhirRequestContext, FhirResourceProvider, FhirSearchResult } from '../fhir-provider';
import { SID } from '../fhir.types';
import { ID_PARAM, LAST_UPDATED_PARAM, dateCondition, date, idCondition, reference, token } from '../search/common-params';
import { referenceId, type ParsedSearch, type SearchParamDefinition } from '../search/search-params';
import { SqlSearch } from '../search/sql-search';
import { toFhirEncounter, type DiagnosisRow, type EncounterRow, type MovementRow } from './encounter.mapper';

const STATUS: Record<string, string> = { 'in-progress': 'in_progress', finished: 'finished' };
const CLASS: Record<string, string> = { IMP: 'inpatient', AMB: 'outpatient' };
/** Encounters keep no updated_at: the latest of their own timestamps and their movements' stands in for it. */
const LAST_UPDATED_SQL =
  'GREATEST(e.created_at, e.started_at, e.ended_at, e.record_closed_at, (SELECT max(m.started_at) FROM encounter_movements m WHERE m.encounter_id = e.id))';

/** Encounter over `encounters` with its diagnoses and bed movements (the encounters domain's tables), department-scoped. */
@Injectable()
export class EncounterProvider implements FhirResourceProvider {
  readonly type = 'Encounter';
  readonly documentation = 'Outpatient visits (class AMB) and inpatient stays (IMP) with ICD-10 diagnoses; versionId is the row version';
  readonly roles = ['doctor', 'nurse', 'records_officer', 'inspector'] as const;
  readonly audit = { action: 'encounter_read', resourceType: 'encounter' } as const;
  readonly searchParams: readonly SearchParamDefinition[] = [
    ID_PARAM,
    LAST_UPDATED_PARAM,
    token('identifier', `Medical record number, số lưu trữ (${SID.recordNumber})`),
    reference('patient', 'The patient (Patient/<id>)'),
    reference('subject', 'The patient (Patient/<id>)'),
    token('status', 'in-progress | finished'),
    token('class', 'IMP (inpatient stay) | AMB (outpatient visit)'),
    date('date', 'When the encounter started'),
    reference('service-provider', 'The department now responsible (Organization/<id>)'),
  ];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
  ) {}

  async read(ctx: FhirRequestContext, id: string): Promise<FhirHit | null> {
    const row = (await this.query(ctx).andWhere('e.id = :id', { id }).getRawOne()) as EncounterRow | undefined;
    return row ? (await this.map([row]))[0] : null;
  }

  async search(ctx: FhirRequestContext, search: ParsedSearch): Promise<FhirSearchResult> {
    const sql = new SqlSearch(this.access.applyScope(this.query(ctx), 'e.patient_id', ctx.principal));
    for (const clause of search.clauses) {
      switch (clause.name) {
        case '_id':
          idCondition(sql, clause, 'e.id');
          break;
        case '_lastUpdated':
          dateCondition(sql, clause, LAST_UPDATED_SQL);
          break;
        case 'identifier':
          sql.token(clause, (t, p) => (t.code && (t.system === undefined || t.system === SID.recordNumber) ? `e.record_number = ${p(t.code)}` : null));
          break;
        case 'patient':
        case 'subject':
          sql.anyOf(clause, (v, p) => (referenceId(v, 'Patient') ? `e.patient_id = ${p(referenceId(v, 'Patient'))}` : null));
          break;
        case 'status':
          sql.token(clause, (t, p) => (t.code && STATUS[t.code] ? `e.status = ${p(STATUS[t.code])}` : null));
          break;
        case 'class':
          sql.token(clause, (t, p) => (t.code && CLASS[t.code] ? `e.type = ${p(CLASS[t.code])}` : null));
          break;
        case 'date':
          dateCondition(sql, clause, 'e.started_at');
          break;
        case 'service-provider':
          sql.anyOf(clause, (v, p) => (referenceId(v, 'Organization') ? `e.department_id = ${p(referenceId(v, 'Organization'))}` : null));
          break;
      }
    }
    const { rows, total } = await sql.page<EncounterRow>(search, [
      ['e.started_at', 'DESC'],
      ['e.id', 'ASC'],
    ]);
    return { hits: await this.map(rows), total };
  }

  private query(ctx: FhirRequestContext) {
    return this.dataSource
      .createQueryBuilder()
      .select([
        'e.id AS id',
        'e.patient_id AS patient_id',
        'p.full_name AS patient_name',
        'e.type AS type',
        'e.status AS status',
        'e.department_id AS department_id',
        'd.name AS department_name',
        'e.record_number AS record_number',
        'e.attending_doctor_id AS attending_doctor_id',
        'e.reason AS reason',
        'e.started_at AS started_at',
        'e.ended_at AS ended_at',
        `${LAST_UPDATED_SQL} AS last_updated`,
        'e.version AS version',
      ])
      .from('encounters', 'e')
      .innerJoin('patients', 'p', 'p.id = e.patient_id')
      .innerJoin('departments', 'd', 'd.id = e.department_id')
      .where('e.facility_id = :facility', { facility: ctx.facilityId });
  }

  private async map(rows: EncounterRow[]): Promise<FhirHit[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const diagnoses = (await this.dataSource.query(
      `SELECT encounter_id, role, code, title, recorded_at FROM encounter_diagnoses WHERE encounter_id = ANY($1)
        ORDER BY CASE role WHEN 'principal' THEN 0 WHEN 'admission' THEN 1 WHEN 'discharge' THEN 2 ELSE 3 END, recorded_at, id`,
      [ids],
    )) as DiagnosisRow[];
    const movements = (await this.dataSource.query(
      `SELECT encounter_id, bed_id, started_at, ended_at FROM encounter_movements WHERE encounter_id = ANY($1) ORDER BY started_at, id`,
      [ids],
    )) as MovementRow[];
    return rows.map((r) => ({
      resource: toFhirEncounter(
        r,
        diagnoses.filter((d) => d.encounter_id === r.id),
        movements.filter((m) => m.encounter_id === r.id),
      ),
      patientId: r.patient_id,
    }));
  }
}
