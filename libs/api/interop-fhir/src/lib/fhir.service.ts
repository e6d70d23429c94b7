import { Inject, Injectable } from '@nestjs/common';
import { AuditLog } from '@benhan/api/audit';
import { PatientAccessService } from '@benhan/api/identity';
import { FhirError } from './fhir.errors';
import type { FhirHit, FhirRequestContext, FhirResourceProvider } from './fhir-provider';
import { FhirRegistry } from './fhir-registry';
import type { Bundle, BundleLink } from './fhir.types';
import { isUuid, parseSearch, type ParsedSearch } from './search/search-params';

/** The SMART scopes that let a system client read a type (SMART v1 `.read` and v2 `.rs`, per type or `*`). */
export function scopesGranting(type: string): string[] {
  return [`system/${type}.read`, `system/${type}.rs`, `system/${type}.*`, 'system/*.read', 'system/*.rs', 'system/*.*'];
}

/**
 * The FHIR use cases: check who may read a type, route to its provider, check patient access on reads,
 * audit every read and search, and wrap searches in a searchset Bundle with paging links.
 */
@Injectable()
export class FhirService {
  constructor(
    @Inject(FhirRegistry) readonly registry: FhirRegistry,
    private readonly access: PatientAccessService,
    private readonly audit: AuditLog,
  ) {}

  async read(ctx: FhirRequestContext, type: string, id: string, versionId?: string): Promise<FhirHit> {
    const provider = await this.authorize(ctx, type);
    const expression = [versionId ? `${type}/${id}/_history/${versionId}` : `${type}/${id}`];
    const notFound = () => new FhirError('not_found', `${type}/${id}${versionId ? `/_history/${versionId}` : ''} is not known`, expression);
    const custom = provider.isId?.bind(provider);
    if (custom ? !custom(id) : !isUuid(id)) throw notFound();
    const key = custom ? id : id.toLowerCase();
    let hit = await provider.read(ctx, key);
    if (!hit) throw notFound();
    if (hit.patientId) await this.access.requirePatientAccess(ctx.principal, hit.patientId);
    if (versionId !== undefined && versionId !== hit.resource.meta?.versionId) {
      hit = /^\d{1,9}$/.test(versionId) && provider.readVersion ? await provider.readVersion(ctx, key, versionId) : null;
      if (!hit) throw notFound();
    }
    await this.record(provider, [hit], versionId === undefined ? 'read' : 'vread', { id });
    return hit;
  }

  async search(ctx: FhirRequestContext, type: string, query: URLSearchParams, lenient: boolean): Promise<Bundle> {
    const provider = await this.authorize(ctx, type);
    const search = parseSearch(query, provider.searchParams, lenient);
    const result = await provider.search(ctx, search);
    await this.record(provider, result.hits, 'search', { total: result.total, params: search.echo.map(([k]) => k) });
    return {
      resourceType: 'Bundle',
      type: 'searchset',
      total: result.total,
      link: pagingLinks(`${ctx.baseUrl}/${type}`, search, result.total),
      ...(result.hits.length
        ? { entry: result.hits.map((h) => ({ fullUrl: `${ctx.baseUrl}/${type}/${h.resource.id}`, resource: h.resource, search: { mode: 'match' as const } })) }
        : {}),
    };
  }

  /** Staff need one of the type's roles; system clients a SMART system scope for it. A refusal is audited. */
  private async authorize(ctx: FhirRequestContext, type: string): Promise<FhirResourceProvider> {
    const provider = this.registry.get(type);
    const { principal } = ctx;
    const allowed =
      principal.kind === 'client' ? scopesGranting(type).some((s) => principal.scopes.includes(s)) : principal.roles.some((r) => provider.roles.includes(r));
    if (!allowed) {
      await this.audit.recordNow({ action: 'access_denied', outcome: 'failure', actor: principal, detail: { fhir: type, code: principal.kind === 'client' ? 'scope_missing' : 'role' } });
      throw new FhirError(
        'scope_missing',
        principal.kind === 'client' ? `This client holds no scope to read ${type} (needs system/${type}.read or system/*.read)` : `Your role may not read ${type}`,
        [type],
      );
    }
    return provider;
  }

  /** One audit event per patient whose data was disclosed (one without a patient when there is none). */
  private async record(provider: FhirResourceProvider, hits: FhirHit[], interaction: 'read' | 'vread' | 'search', extra: Record<string, unknown>): Promise<void> {
    if (!provider.audit) return;
    const { action, resourceType } = provider.audit;
    const byPatient = new Map<string | null, FhirHit[]>();
    for (const hit of hits) byPatient.set(hit.patientId, [...(byPatient.get(hit.patientId) ?? []), hit]);
    if (!byPatient.size) byPatient.set(null, []);
    for (const [patientId, group] of byPatient) {
      const single = interaction !== 'search' ? group[0] : undefined;
      const version = Number(single?.resource.meta?.versionId);
      await this.audit.recordNow({
        action,
        resource: single?.resource.id ? { type: resourceType, id: single.resource.id, version: Number.isInteger(version) ? version : null } : null,
        patientId,
        detail: { fhir: provider.type, interaction, ...(interaction === 'search' ? { ids: group.map((h) => h.resource.id) } : {}), ...extra },
      });
    }
  }
}

function pagingLinks(url: string, search: ParsedSearch, total: number): BundleLink[] {
  const link = (offset: number) => {
    const q = new URLSearchParams(search.echo);
    q.set('_count', String(search.count));
    if (offset) q.set('_offset', String(offset));
    return `${url}?${q.toString()}`;
  };
  const links: BundleLink[] = [{ relation: 'self', url: link(search.offset) }];
  if (search.count > 0 && search.offset + search.count < total) links.push({ relation: 'next', url: link(search.offset + search.count) });
  if (search.offset > 0) links.push({ relation: 'previous', url: link(Math.max(0, search.offset - Math.max(search.count, 1))) });
  return links;
}
