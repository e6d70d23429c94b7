import { Inject, Injectable } from '@nestjs/common';
import { AuditLog } from '@benhan/api/audit';
import { PatientAccessService } from '@benhan/api/identity';
import { FhirError } from './fhir.errors';
import type { FhirHit, FhirRequestContext, FhirResourceProvider, FhirSearchResult } from './fhir-provider';
import { FhirRegistry } from './fhir-registry';
import type { Bundle, BundleLink } from './fhir.types';
import { MAX_COUNT, isUuid, parseSearch, type ParsedSearch } from './search/search-params';

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

  /** A resource the caller has just written, read back for the response (no access check or read audit: it is the sender's own). */
  async readOwn(ctx: FhirRequestContext, type: string, id: string): Promise<FhirHit> {
    const hit = await this.registry.get(type).read(ctx, id);
    if (!hit) throw new FhirError('not_found', `${type}/${id} is not known`, [`${type}/${id}`]);
    return hit;
  }

  async search(ctx: FhirRequestContext, type: string, query: URLSearchParams, lenient: boolean): Promise<Bundle> {
    const provider = await this.authorize(ctx, type);
    const { rest, include, revinclude } = includesOf(query, provider);
    const search = parseSearch(rest, provider.searchParams, lenient);
    const result = pageOf(search, await provider.search(ctx, search));
    await this.record(provider, result.hits, 'search', { total: result.total, params: search.echo.map(([k]) => k) });
    const included = await this.included(ctx, type, result.hits, include, revinclude);
    search.echo.push(...include.map((v): [string, string] => ['_include', v]), ...revinclude.map((v): [string, string] => ['_revinclude', v]));
    const entry = [
      ...result.hits.map((h) => ({ fullUrl: `${ctx.baseUrl}/${type}/${h.resource.id}`, resource: h.resource, search: { mode: 'match' as const } })),
      ...included.map((h) => ({ fullUrl: `${ctx.baseUrl}/${h.resource.resourceType}/${h.resource.id}`, resource: h.resource, search: { mode: 'include' as const } })),
    ];
    return {
      resourceType: 'Bundle',
      type: 'searchset',
      // Bundle.total is optional in a searchset: left out when it is unknown (see pageOf) or the client said _total=none.
      ...(result.total !== undefined && search.totalMode !== 'none' ? { total: result.total } : {}),
      link: pagingLinks(`${ctx.baseUrl}/${type}`, search, result),
      ...(entry.length ? { entry } : {}),
    };
  }

  /**
   * `_revinclude=DiagnosticReport:based-on` (the reports of matched ServiceRequests) and `_include=DiagnosticReport:result`
   * (the Observations of matched or revincluded reports). Each included type is authorised and audited like a search of it.
   */
  private async included(ctx: FhirRequestContext, type: string, hits: FhirHit[], include: string[], revinclude: string[]): Promise<FhirHit[]> {
    if (!hits.length || (!include.length && !revinclude.length)) return [];
    const out: FhirHit[] = [];
    let reports = type === 'DiagnosticReport' ? hits : [];
    if (revinclude.includes('DiagnosticReport:based-on')) {
      reports = await this.searchBy(ctx, 'DiagnosticReport', 'based-on', hits.map((h) => `ServiceRequest/${h.resource.id}`));
      out.push(...reports);
    }
    if (include.includes('DiagnosticReport:result')) {
      const ids = reports.flatMap((r) => ((r.resource['result'] as { reference?: string }[] | undefined) ?? []).map((ref) => ref.reference?.split('/')[1] ?? '')).filter(isUuid);
      out.push(...(await this.searchBy(ctx, 'Observation', '_id', ids)));
    }
    return out;
  }

  private async searchBy(ctx: FhirRequestContext, type: string, name: string, values: string[]): Promise<FhirHit[]> {
    if (!values.length) return [];
    const provider = await this.authorize(ctx, type);
    const hits: FhirHit[] = [];
    for (let i = 0; i < values.length; i += 100) {
      const chunk = values.slice(i, i + 100);
      const search: ParsedSearch = { clauses: [{ name, modifier: null, values: chunk }], count: MAX_COUNT, offset: 0, ignored: [], echo: [] };
      for (let offset = 0; ; offset += MAX_COUNT) {
        const page = pageOf({ ...search, offset }, await provider.search(ctx, { ...search, offset }));
        hits.push(...page.hits);
        if (!page.more) break;
      }
    }
    await this.record(provider, hits, 'search', { total: hits.length, params: [name], included: true });
    return hits;
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

/** Split `_include` / `_revinclude` (and `_include:iterate`) off the query; a value the type does not support is a 400 naming it. */
function includesOf(query: URLSearchParams, provider: FhirResourceProvider): { rest: URLSearchParams; include: string[]; revinclude: string[] } {
  const rest = new URLSearchParams();
  const include: string[] = [];
  const revinclude: string[] = [];
  for (const [key, value] of query) {
    const [name, modifier] = key.split(':', 2);
    if (name !== '_include' && name !== '_revinclude') {
      rest.append(key, value);
      continue;
    }
    const allowed = (name === '_include' ? provider.includes : provider.revIncludes) ?? [];
    if ((modifier && modifier !== 'iterate') || !allowed.includes(value)) {
      throw new FhirError('unknown_search_parameter', `${key}=${value} is not supported on ${provider.type}${allowed.length ? ` (supported: ${allowed.join(', ')})` : ''}`, [key]);
    }
    (name === '_include' ? include : revinclude).push(value);
  }
  return { rest, include, revinclude };
}

/**
 * A provider's page as the Bundle shows it: at most `count` hits, whether more follow (the look-ahead hit, or a counted
 * total), the next page's cursor when the provider pages by key, and the total when known — counted, or implied by a page
 * that holds the last match (offset + hits; not by an empty page past the first, which only says the offset overshot, nor
 * by a cursor page, whose offset is unknown).
 */
export function pageOf(search: ParsedSearch, result: FhirSearchResult): { hits: FhirHit[]; more: boolean; next?: string; total?: number } {
  const hits = result.hits.slice(0, search.count);
  const counted = result.total !== undefined && !search.cursor && search.count > 0 && search.offset + search.count < result.total;
  const more = result.hits.length > search.count || counted;
  const total = result.total ?? (!more && !search.cursor && (hits.length > 0 || search.offset === 0) ? search.offset + hits.length : undefined);
  return { hits, more, ...(more && result.next ? { next: result.next } : {}), ...(total !== undefined ? { total } : {}) };
}

/** self, next and previous; a provider that pages by key gets a `_cursor` next link (and no previous one from a cursor page). */
function pagingLinks(url: string, search: ParsedSearch, page: { more: boolean; next?: string }): BundleLink[] {
  const link = (at: { offset: number } | { cursor: string }) => {
    const q = new URLSearchParams(search.echo);
    q.set('_count', String(search.count));
    if (search.totalMode) q.set('_total', search.totalMode);
    if ('cursor' in at) q.set('_cursor', at.cursor);
    else if (at.offset) q.set('_offset', String(at.offset));
    return `${url}?${q.toString()}`;
  };
  const links: BundleLink[] = [{ relation: 'self', url: link(search.cursor ? { cursor: search.cursor.token } : { offset: search.offset }) }];
  if (page.more) links.push({ relation: 'next', url: link(page.next ? { cursor: page.next } : { offset: search.offset + search.count }) });
  if (search.offset > 0) links.push({ relation: 'previous', url: link({ offset: Math.max(0, search.offset - Math.max(search.count, 1)) }) });
  return links;
}
