import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PatientAccessService } from '@benhan/api/identity';
import { foldVietnamese } from '@benhan/shared/validation';
import type { FhirHit, FhirRequestContext, FhirResourceProvider, FhirSearchResult } from '../fhir-provider';
import { SID } from '../fhir.types';
import { ID_PARAM, LAST_UPDATED_PARAM, dateCondition, idCondition, likeEscape, token } from '../search/common-params';
import type { ParsedSearch, SearchParamDefinition } from '../search/search-params';
import { SqlSearch } from '../search/sql-search';
import { toFhirPatient, type PatientRow } from './patient.mapper';

const IDENTIFIER_COLUMNS: Record<string, string> = {
  [SID.patientCode]: 'p.patient_code',
  [SID.citizenId]: 'p.citizen_id',
  [SID.insuranceCard]: 'trim(p.insurance_card_number)',
};

/** Patient over the `patients` registry (the patients domain's table), department-scoped. */
@Injectable()
export class PatientProvider implements FhirResourceProvider {
  readonly type = 'Patient';
  readonly documentation = 'Patient registry: patient code, CCCD and BHYT card as identifiers';
  readonly roles = ['doctor', 'nurse', 'records_officer', 'inspector'] as const;
  readonly audit = { action: 'patient_read', resourceType: 'patient' } as const;
  readonly searchParams: readonly SearchParamDefinition[] = [
    ID_PARAM,
    LAST_UPDATED_PARAM,
    token('identifier', `Patient code (${SID.patientCode}), CCCD (${SID.citizenId}) or BHYT number (${SID.insuranceCard}); system|value or value`),
    { name: 'name', type: 'string', documentation: 'Name; accents optional ("nguyen thi" finds Nguyễn Thị); default starts-with a word', modifiers: ['exact', 'contains'] },
    { name: 'birthdate', type: 'date', documentation: 'Date of birth' },
    token('gender', 'male | female | other | unknown'),
  ];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
  ) {}

  async read(ctx: FhirRequestContext, id: string): Promise<FhirHit | null> {
    const row = (await this.query(ctx).andWhere('p.id = :id', { id }).getRawOne()) as PatientRow | undefined;
    return row ? { resource: toFhirPatient(row), patientId: row.id } : null;
  }

  async search(ctx: FhirRequestContext, search: ParsedSearch): Promise<FhirSearchResult> {
    const sql = new SqlSearch(this.access.applyScope(this.query(ctx), 'p.id', ctx.principal));
    for (const clause of search.clauses) {
      switch (clause.name) {
        case '_id':
          idCondition(sql, clause, 'p.id');
          break;
        case '_lastUpdated':
          dateCondition(sql, clause, 'p.updated_at');
          break;
        case 'birthdate':
          dateCondition(sql, clause, 'p.birth_date', 'date');
          break;
        case 'gender':
          sql.token(clause, (t, p) => (t.code && t.system !== null ? `p.sex = ${p(t.code)}` : null));
          break;
        case 'identifier':
          sql.token(clause, (t, p) => {
            if (!t.code) return null;
            const columns = t.system ? [IDENTIFIER_COLUMNS[t.system]].filter(Boolean) : Object.values(IDENTIFIER_COLUMNS);
            return columns.length ? `(${columns.map((c) => `${c} = ${p(t.code)}`).join(' OR ')})` : null;
          });
          break;
        case 'name':
          sql.anyOf(clause, (v, p) => {
            if (clause.modifier === 'exact') return `p.full_name = ${p(v)}`;
            const folded = likeEscape(foldVietnamese(v));
            if (clause.modifier === 'contains') return `p.search_name LIKE ${p(`%${folded}%`)}`;
            return `(p.search_name LIKE ${p(`${folded}%`)} OR p.search_name LIKE ${p(`% ${folded}%`)})`;
          });
          break;
      }
    }
    const { rows, total } = await sql.page<PatientRow>(search, [
      ['p.patient_code', 'ASC'],
      ['p.id', 'ASC'],
    ]);
    return { hits: rows.map((r) => ({ resource: toFhirPatient(r), patientId: r.id })), total };
  }

  private query(ctx: FhirRequestContext) {
    return this.dataSource.createQueryBuilder().select('p.*').from('patients', 'p').where('p.facility_id = :facility', { facility: ctx.facilityId });
  }
}
