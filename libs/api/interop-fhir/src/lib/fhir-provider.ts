import type { AuthenticatedPrincipal } from '@benhan/api/core';
import type { AuditAction, AuditResourceType, UserRole } from '@benhan/shared/contracts';
import type { FhirResource } from './fhir.types';
import type { ParsedSearch, SearchParamDefinition } from './search/search-params';

/** Who is asking and where the server is reachable (for absolute URLs). */
export interface FhirRequestContext {
  principal: AuthenticatedPrincipal;
  facilityId: string;
  baseUrl: string;
}

/** A mapped resource and the patient whose data it is (for access checks and the audit trail). */
export interface FhirHit {
  resource: FhirResource;
  patientId: string | null;
}

/**
 * One page of a search: the page's hits plus one past it when more matches follow (the service drops that one and links
 * to the next page); `total` when the search needs a count (see SqlSearch.page), and a provider that counts anyway may
 * return just the page. `next`: the `_cursor` of the next page, from a provider that pages by key (CURSOR_PARAM).
 */
export interface FhirSearchResult {
  hits: FhirHit[];
  total?: number;
  next?: string;
}

/**
 * One FHIR resource type served over existing tables (reads; results types also take creates, see FhirWriteService). The registry routes reads and searches
 * to it and the CapabilityStatement is generated from these declarations, so the two cannot drift. To
 * serve a new type (ServiceRequest, DiagnosticReport…), write a provider and add it to FHIR_PROVIDERS.
 */
export interface FhirResourceProvider {
  readonly type: string;
  /** One line for the CapabilityStatement. */
  readonly documentation: string;
  /** Profiles the resources claim (e.g. vital-signs), published as supportedProfile. */
  readonly profiles?: readonly string[];
  readonly searchParams: readonly SearchParamDefinition[];
  /** Staff roles that may read this type (with department scoping where it is patient data). System clients need `system/<type>.read`. */
  readonly roles: readonly UserRole[];
  /** How a read or search is audited; null for directory data (practitioners, organisations, locations). */
  readonly audit: { action: AuditAction; resourceType: AuditResourceType } | null;
  /** `_include` values a search of this type honours (e.g. `DiagnosticReport:result`), published as searchInclude. */
  readonly includes?: readonly string[];
  /** `_revinclude` values (e.g. `DiagnosticReport:based-on`), published as searchRevInclude. */
  readonly revIncludes?: readonly string[];
  /** Whether the LIS/PACS may create this type (POST [type], and in a transaction Bundle); listed as `create` in the CapabilityStatement. */
  readonly creatable?: boolean;
  /** Whether the LIS/PACS may update it (PUT [type]/[id], honouring If-Match); listed as `update`. */
  readonly updatable?: boolean;
  /** Whether it takes a JSON Patch (PATCH [type]/[id]); listed as `patch`. */
  readonly patchable?: boolean;
  /** Whether a logical id can be one of this type's (default: a UUID, compared in lower case). */
  isId?(id: string): boolean;
  /** The current version, or null if there is none the caller's facility owns. Access is checked by the caller. */
  read(ctx: FhirRequestContext, id: string): Promise<FhirHit | null>;
  /** A past version, when the type keeps them (document versions); otherwise omit and vread serves only the current one. */
  readVersion?(ctx: FhirRequestContext, id: string, versionId: string): Promise<FhirHit | null>;
  /** Matches the caller may see (department scoping applied in SQL), one page. */
  search(ctx: FhirRequestContext, search: ParsedSearch): Promise<FhirSearchResult>;
}
