import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { FhirHit, FhirRequestContext, FhirResourceProvider, FhirSearchResult } from '../fhir-provider';
import { SID } from '../fhir.types';
import { ID_PARAM, LAST_UPDATED_PARAM, dateCondition, idCondition, likeEscape, reference, token } from '../search/common-params';
import { referenceId, type ParsedSearch, type SearchClause, type SearchParamDefinition } from '../search/search-params';
import { SqlSearch } from '../search/sql-search';
import { toFhirLocation, toFhirOrganization, toFhirPractitioner, type LocationRow, type OrganizationRow, type PractitionerRow } from './directory.mappers';

const READERS = ['doctor', 'nurse', 'records_officer', 'inspector'] as const;
const CLINICAL_ROLES = ['doctor', 'nurse'];
const NAME_PARAM: SearchParamDefinition = { name: 'name', type: 'string', documentation: 'Name contains the text (case-insensitive)', modifiers: ['exact'] };

function nameCondition(sql: SqlSearch, clause: SearchClause, column: string): void {
  sql.anyOf(clause, (v, p) => (clause.modifier === 'exact' ? `${column} = ${p(v)}` : `${column} ILIKE ${p(`%${likeEscape(v)}%`)}`));
}

function identifierCondition(sql: SqlSearch, clause: SearchClause, columns: Record<string, string>): void {
  sql.token(clause, (t, p) => {
    if (!t.code) return null;
    const cols = t.system ? [columns[t.system]].filter(Boolean) : Object.values(columns);
    return cols.length ? `(${cols.map((c) => `${c} = ${p(t.code)}`).join(' OR ')})` : null;
  });
}

/** Practitioner: users with a clinical role (doctors, nurses). Directory data: not audited. */
@Injectable()
export class PractitionerProvider implements FhirResourceProvider {
  readonly type = 'Practitioner';
  readonly documentation = 'Doctors and nurses; practising certificate (chứng chỉ hành nghề) as identifier';
  readonly roles = READERS;
  readonly audit = null;
  readonly searchParams: readonly SearchParamDefinition[] = [
    ID_PARAM,
    LAST_UPDATED_PARAM,
    token('identifier', `Practising certificate (${SID.practisingCertificate}) or user name (${SID.username})`),
    NAME_PARAM,
  ];

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async read(ctx: FhirRequestContext, id: string): Promise<FhirHit | null> {
    const row = (await this.query(ctx).andWhere('u.id = :id', { id }).getRawOne()) as PractitionerRow | undefined;
    return row ? { resource: toFhirPractitioner(row), patientId: null } : null;
  }

  async search(ctx: FhirRequestContext, search: ParsedSearch): Promise<FhirSearchResult> {
    const sql = new SqlSearch(this.query(ctx));
    for (const clause of search.clauses) {
      if (clause.name === '_id') idCondition(sql, clause, 'u.id');
      if (clause.name === '_lastUpdated') dateCondition(sql, clause, 'u.updated_at');
      if (clause.name === 'identifier') identifierCondition(sql, clause, { [SID.practisingCertificate]: 'u.practising_certificate_no', [SID.username]: 'u.username' });
      if (clause.name === 'name') nameCondition(sql, clause, 'u.full_name');
    }
    const { rows, total } = await sql.page<PractitionerRow>(search, [
      ['u.username', 'ASC'],
      ['u.id', 'ASC'],
    ]);
    return { hits: rows.map((r) => ({ resource: toFhirPractitioner(r), patientId: null })), total };
  }

  private query(ctx: FhirRequestContext) {
    return this.dataSource
      .createQueryBuilder()
      .select(['u.id AS id', 'u.username AS username', 'u.full_name AS full_name', 'u.roles AS roles', 'u.practising_certificate_no AS practising_certificate_no', 'u.active AS active', 'u.updated_at AS updated_at'])
      .from('users', 'u')
      .where('u.facility_id = :facility AND u.roles && :clinical::text[]', { facility: ctx.facilityId, clinical: CLINICAL_ROLES });
  }
}

/** Organization: the facility and its departments (each partOf the facility). Departments are organisations, wards and beds are Locations. */
@Injectable()
export class OrganizationProvider implements FhirResourceProvider {
  readonly type = 'Organization';
  readonly documentation = 'The facility (type prov) and its departments (type dept, partOf the facility)';
  readonly roles = READERS;
  readonly audit = null;
  readonly searchParams: readonly SearchParamDefinition[] = [
    ID_PARAM,
    token('identifier', `Facility code MA_CSKCB (${SID.facilityCode}) or department code (${SID.departmentCode})`),
    NAME_PARAM,
    reference('partof', 'The facility a department belongs to (Organization/<id>)'),
    token('type', 'prov (the facility) | dept (a department)'),
  ];

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async read(ctx: FhirRequestContext, id: string): Promise<FhirHit | null> {
    const row = (await this.query(ctx).andWhere('o.id = :id', { id }).getRawOne()) as OrganizationRow | undefined;
    return row ? { resource: toFhirOrganization(row), patientId: null } : null;
  }

  async search(ctx: FhirRequestContext, search: ParsedSearch): Promise<FhirSearchResult> {
    const sql = new SqlSearch(this.query(ctx));
    for (const clause of search.clauses) {
      if (clause.name === '_id') idCondition(sql, clause, 'o.id');
      if (clause.name === 'identifier') identifierCondition(sql, clause, { [SID.facilityCode]: `CASE WHEN o.kind = 'facility' THEN o.code END`, [SID.departmentCode]: `CASE WHEN o.kind = 'department' THEN o.code END` });
      if (clause.name === 'name') nameCondition(sql, clause, 'o.name');
      if (clause.name === 'partof') sql.anyOf(clause, (v, p) => (referenceId(v, 'Organization') ? `o.part_of = ${p(referenceId(v, 'Organization'))}` : null));
      if (clause.name === 'type') sql.token(clause, (t) => (t.code === 'prov' ? `o.kind = 'facility'` : t.code === 'dept' ? `o.kind = 'department'` : null));
    }
    const { rows, total } = await sql.page<OrganizationRow>(search, [
      ['o.sort_key', 'ASC'],
      ['o.id', 'ASC'],
    ]);
    return { hits: rows.map((r) => ({ resource: toFhirOrganization(r), patientId: null })), total };
  }

  private query(ctx: FhirRequestContext) {
    const union = `(SELECT f.id, f.code, f.name, NULL::text AS name_en, NULL::uuid AS part_of, true AS active, 'facility' AS kind, f.created_at, '0' AS sort_key
                      FROM facilities f WHERE f.id = :facility
                    UNION ALL
                    SELECT d.id, d.code, d.name, d.name_en, d.facility_id, d.active, 'department', d.created_at, '1' || d.code
                      FROM departments d WHERE d.facility_id = :facility)`;
    return this.dataSource.createQueryBuilder().select('o.*').from(union, 'o').setParameter('facility', ctx.facilityId);
  }
}

/** Location: wards (buồng bệnh) and beds (giường), managed by their department. */
@Injectable()
export class LocationProvider implements FhirResourceProvider {
  readonly type = 'Location';
  readonly documentation = 'Wards (physicalType wa) and beds (bd, partOf their ward), managingOrganization the department';
  readonly roles = READERS;
  readonly audit = null;
  readonly searchParams: readonly SearchParamDefinition[] = [
    ID_PARAM,
    token('identifier', `Ward code (${SID.wardCode}) or bed code (${SID.bedCode})`),
    NAME_PARAM,
    reference('organization', 'The department managing it (Organization/<id>)'),
    reference('partof', 'The ward a bed belongs to (Location/<id>)'),
  ];

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async read(ctx: FhirRequestContext, id: string): Promise<FhirHit | null> {
    const row = (await this.query(ctx).andWhere('l.id = :id', { id }).getRawOne()) as LocationRow | undefined;
    return row ? { resource: toFhirLocation(row), patientId: null } : null;
  }

  async search(ctx: FhirRequestContext, search: ParsedSearch): Promise<FhirSearchResult> {
    const sql = new SqlSearch(this.query(ctx));
    for (const clause of search.clauses) {
      if (clause.name === '_id') idCondition(sql, clause, 'l.id');
      if (clause.name === 'identifier') identifierCondition(sql, clause, { [SID.wardCode]: `CASE WHEN l.kind = 'ward' THEN l.code END`, [SID.bedCode]: `CASE WHEN l.kind = 'bed' THEN l.code END` });
      if (clause.name === 'name') nameCondition(sql, clause, 'l.name');
      if (clause.name === 'organization') sql.anyOf(clause, (v, p) => (referenceId(v, 'Organization') ? `l.department_id = ${p(referenceId(v, 'Organization'))}` : null));
      if (clause.name === 'partof') sql.anyOf(clause, (v, p) => (referenceId(v, 'Location') ? `l.part_of = ${p(referenceId(v, 'Location'))}` : null));
    }
    const { rows, total } = await sql.page<LocationRow>(search, [
      ['l.sort_key', 'ASC'],
      ['l.id', 'ASC'],
    ]);
    return { hits: rows.map((r) => ({ resource: toFhirLocation(r), patientId: null })), total };
  }

  private query(ctx: FhirRequestContext) {
    const union = `(SELECT w.id, w.code, w.name, 'ward' AS kind, w.department_id, NULL::uuid AS part_of, true AS active, w.code AS sort_key
                      FROM wards w WHERE w.facility_id = :facility
                    UNION ALL
                    SELECT b.id, b.code, w.name || ' – ' || b.code, 'bed', w.department_id, b.ward_id, b.active, w.code || '/' || b.code
                      FROM beds b JOIN wards w ON w.id = b.ward_id WHERE b.facility_id = :facility)`;
    return this.dataSource.createQueryBuilder().select('l.*').from(union, 'l').setParameter('facility', ctx.facilityId);
  }
}
