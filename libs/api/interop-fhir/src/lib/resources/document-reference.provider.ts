import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PatientAccessService } from '@benhan/api/identity';
import type { FhirHit, FhirRequestContext, FhirResourceProvider, FhirSearchResult } from '../fhir-provider';
import { SID } from '../fhir.types';
import { ID_PARAM, LAST_UPDATED_PARAM, date, dateCondition, idCondition, reference, token } from '../search/common-params';
import { referenceId, type ParsedSearch, type SearchParamDefinition } from '../search/search-params';
import { SqlSearch } from '../search/sql-search';
import { toFhirDocumentReference, type DocumentVersionRow } from './document-reference.mapper';

/** The API base of the REST routes the attachments point to (…/fhir/R4 → …/api). */
export function apiBaseOf(ctx: FhirRequestContext): string {
  return ctx.baseUrl.replace(/\/fhir\/R4$/, '/api');
}

/** DocumentReference over signed document versions (documents domain), department-scoped. Drafts are not shown. */
@Injectable()
export class DocumentReferenceProvider implements FhirResourceProvider {
  readonly type = 'DocumentReference';
  readonly documentation = 'Signed clinical documents: id = document, versionId = version number; search returns current versions, vread the superseded ones';
  readonly roles = ['doctor', 'nurse', 'records_officer', 'inspector'] as const;
  readonly audit = { action: 'document_read', resourceType: 'document' } as const;
  readonly searchParams: readonly SearchParamDefinition[] = [
    ID_PARAM,
    LAST_UPDATED_PARAM,
    reference('patient', 'The patient (Patient/<id>)'),
    reference('subject', 'The patient (Patient/<id>)'),
    reference('encounter', 'The encounter (Encounter/<id>)'),
    token('type', `Form code (${SID.formCode}), e.g. 01/BV1`),
    date('date', 'When the version was signed'),
    token('status', 'current (search shows each document’s current version)'),
    token('identifier', `SHA-256 of the canonical content (${SID.contentSha256}) or urn:uuid:<version id>`),
  ];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
  ) {}

  async read(ctx: FhirRequestContext, id: string): Promise<FhirHit | null> {
    return this.one(ctx, this.query(ctx).andWhere('v.id = :id AND v.is_current', { id }));
  }

  async readVersion(ctx: FhirRequestContext, id: string, versionId: string): Promise<FhirHit | null> {
    return this.one(ctx, this.query(ctx).andWhere('v.id = :id AND v.number = :n', { id, n: Number(versionId) }));
  }

  async search(ctx: FhirRequestContext, search: ParsedSearch): Promise<FhirSearchResult> {
    const sql = new SqlSearch(this.access.applyScope(this.query(ctx), 'v.patient_id', ctx.principal).andWhere('v.is_current'));
    for (const clause of search.clauses) {
      switch (clause.name) {
        case '_id':
          idCondition(sql, clause, 'v.id');
          break;
        case '_lastUpdated':
        case 'date':
          dateCondition(sql, clause, 'v.signed_at');
          break;
        case 'patient':
        case 'subject':
          sql.anyOf(clause, (v, p) => (referenceId(v, 'Patient') ? `v.patient_id = ${p(referenceId(v, 'Patient'))}` : null));
          break;
        case 'encounter':
          sql.anyOf(clause, (v, p) => (referenceId(v, 'Encounter') ? `v.encounter_id = ${p(referenceId(v, 'Encounter'))}` : null));
          break;
        case 'type':
          sql.token(clause, (t, p) => (t.code && (t.system === undefined || t.system === SID.formCode) ? `v.form_code = ${p(t.code)}` : null));
          break;
        case 'status':
          sql.token(clause, (t) => (t.code === 'current' ? 'true' : null));
          break;
        case 'identifier':
          sql.token(clause, (t, p) => {
            if (!t.code) return null;
            if (t.system === SID.contentSha256 || (t.system === undefined && /^[0-9a-f]{64}$/.test(t.code))) return `v.content_hash = ${p(t.code)}`;
            const uuid = /^urn:uuid:([0-9a-f-]{36})$/i.exec(t.code);
            return uuid && (t.system === undefined || t.system === 'urn:ietf:rfc:3986') ? `v.version_id::text = ${p(uuid[1].toLowerCase())}` : null;
          });
          break;
      }
    }
    const { rows, total } = await sql.page<DocumentVersionRow>(search, [
      ['v.signed_at', 'DESC'],
      ['v.id', 'ASC'],
    ]);
    return { hits: rows.map((r) => ({ resource: toFhirDocumentReference(r, apiBaseOf(ctx)), patientId: r.patient_id })), total };
  }

  private async one(ctx: FhirRequestContext, qb: ReturnType<DocumentReferenceProvider['query']>): Promise<FhirHit | null> {
    const row = (await qb.getRawOne()) as DocumentVersionRow | undefined;
    return row ? { resource: toFhirDocumentReference(row, apiBaseOf(ctx)), patientId: row.patient_id } : null;
  }

  private query(ctx: FhirRequestContext) {
    const view = `(SELECT d.id, v.id AS version_id, v.number, v.form_code, d.title, v.author_id, u.full_name AS author_name, v.reason, v.content_hash,
                          v.effective_at, v.signed_at, d.encounter_id, d.patient_id,
                          v.number = max(v.number) OVER (PARTITION BY v.document_id) AS is_current
                     FROM document_versions v
                     JOIN documents d ON d.id = v.document_id
                     LEFT JOIN users u ON u.id = v.author_id
                    WHERE v.facility_id = :facility AND v.status = 'signed')`;
    return this.dataSource.createQueryBuilder().select('v.*').from(view, 'v').setParameter('facility', ctx.facilityId);
  }
}
