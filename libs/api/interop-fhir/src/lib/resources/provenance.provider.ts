import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PatientAccessService } from '@benhan/api/identity';
import { SignatureQueries } from '@benhan/api/signatures';
import type { FhirHit, FhirRequestContext, FhirResourceProvider, FhirSearchResult } from '../fhir-provider';
import { ID_PARAM, idCondition, reference } from '../search/common-params';
import { isUuid, referenceId, type ParsedSearch, type SearchParamDefinition } from '../search/search-params';
import { SqlSearch } from '../search/sql-search';
import { toFhirProvenance } from './provenance.mapper';

/** Provenance over signatures (signatures domain, through SignatureQueries), department-scoped by the document's patient. */
@Injectable()
export class ProvenanceProvider implements FhirResourceProvider {
  readonly type = 'Provenance';
  readonly documentation = 'Signatures of document versions: target the DocumentReference version, signature.data the CMS (application/pkcs7-signature)';
  readonly roles = ['doctor', 'nurse', 'records_officer', 'inspector'] as const;
  readonly audit = { action: 'document_read', resourceType: 'signature' } as const;
  readonly searchParams: readonly SearchParamDefinition[] = [
    ID_PARAM,
    reference('target', 'The signed document (DocumentReference/<id> or DocumentReference/<id>/_history/<n>)'),
    reference('patient', 'The patient whose document was signed (Patient/<id>)'),
    reference('agent', 'The signer (Practitioner/<id>)'),
  ];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
    private readonly signatures: SignatureQueries,
  ) {}

  async read(ctx: FhirRequestContext, id: string): Promise<FhirHit | null> {
    return (await this.map(ctx, [id]))[0] ?? null;
  }

  async search(ctx: FhirRequestContext, search: ParsedSearch): Promise<FhirSearchResult> {
    const qb = this.dataSource
      .createQueryBuilder()
      .select(['s.id AS id', 's.signing_time AS signing_time', 's.step AS step'])
      .from('signatures', 's')
      .innerJoin('document_versions', 'v', 'v.id = s.version_id')
      .innerJoin('documents', 'd', 'd.id = v.document_id')
      .where('s.facility_id = :facility', { facility: ctx.facilityId });
    const sql = new SqlSearch(this.access.applyScope(qb, 'd.patient_id', ctx.principal));
    for (const clause of search.clauses) {
      switch (clause.name) {
        case '_id':
          idCondition(sql, clause, 's.id');
          break;
        case 'target':
          sql.anyOf(clause, (value, p) => {
            const m = /^(?:.*\/)?DocumentReference\/([^/]+)(?:\/_history\/(\d{1,9}))?$/.exec(value) ?? /^()([^/]+)$/.exec(value);
            const id = m?.[1] || m?.[2];
            if (!id || !isUuid(id)) return null;
            return m?.[2] && m[1] ? `(d.id = ${p(id.toLowerCase())} AND v.number = ${p(Number(m[2]))})` : `d.id = ${p(id.toLowerCase())}`;
          });
          break;
        case 'patient':
          sql.anyOf(clause, (v, p) => (referenceId(v, 'Patient') ? `d.patient_id = ${p(referenceId(v, 'Patient'))}` : null));
          break;
        case 'agent':
          sql.anyOf(clause, (v, p) => (referenceId(v, 'Practitioner') ? `s.signer_id = ${p(referenceId(v, 'Practitioner'))}` : null));
          break;
      }
    }
    const { rows, total } = await sql.page<{ id: string }>(search, [
      ['s.signing_time', 'DESC'],
      ['s.step', 'DESC'],
      ['s.id', 'ASC'],
    ]);
    return { hits: await this.map(ctx, rows.map((r) => r.id)), total };
  }

  /** Summaries through the signatures domain, the CMS bytes from its table; in the order of `ids`. */
  private async map(ctx: FhirRequestContext, ids: string[]): Promise<FhirHit[]> {
    if (!ids.length) return [];
    const summaries = (await Promise.all(ids.map((id) => this.signatures.list(ctx.facilityId, { signatureId: id }, 1)))).flat();
    const cms = (await this.dataSource.query(`SELECT id, cms_der FROM signatures WHERE id = ANY($1) AND facility_id = $2`, [ids, ctx.facilityId])) as { id: string; cms_der: Buffer }[];
    const der = new Map(cms.map((c) => [c.id, c.cms_der]));
    return summaries.filter((s) => der.has(s.id)).map((s) => ({ resource: toFhirProvenance(s, der.get(s.id) as Buffer), patientId: s.patientId }));
  }
}
