import { All, Controller, Get, Header, Param, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal, Public, Requires, type AuthenticatedPrincipal } from '@benhan/api/core';
import { capabilityStatement } from './capability-statement';
import { FhirError } from './fhir.errors';
import type { FhirHit, FhirRequestContext } from './fhir-provider';
import { FhirService } from './fhir.service';
import { FHIR_JSON, type Bundle, type FhirResource } from './fhir.types';
import { OperationOutcomeFilter } from './operation-outcome.filter';

export const FHIR_BASE_PATH = 'fhir/R4';
const STARTED_AT = new Date().toISOString();

/**
 * FHIR R4 REST facade (read-only): metadata, read, vread and search-type for every registered provider.
 * Errors, including the guards' 401/403, are OperationOutcomes (OperationOutcomeFilter).
 */
@ApiExcludeController()
@Controller(FHIR_BASE_PATH)
@UseFilters(OperationOutcomeFilter)
@Requires('doctor', 'nurse', 'records_officer', 'inspector', 'lis', 'pacs')
export class FhirController {
  constructor(private readonly fhir: FhirService) {}

  @Get('metadata')
  @Public()
  @Header('Content-Type', FHIR_JSON)
  metadata(@Req() req: Request): FhirResource {
    acceptJson(req);
    const origin = originOf(req);
    return capabilityStatement(this.fhir.registry, { baseUrl: `${origin}/${FHIR_BASE_PATH}`, tokenUrl: `${origin}/api/auth/token`, date: STARTED_AT, version: '0.0.0' });
  }

  @Get(':type')
  @Header('Content-Type', FHIR_JSON)
  search(@Req() req: Request, @CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('type') type: string): Promise<Bundle> {
    return this.fhir.search(context(req, principal), type, queryOf(req), /handling\s*=\s*lenient/i.test(req.get('prefer') ?? ''));
  }

  @Get(':type/:id')
  @Header('Content-Type', FHIR_JSON)
  async read(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Param('type') type: string,
    @Param('id') id: string,
  ): Promise<FhirResource> {
    return withVersionHeaders(res, await this.fhir.read(context(req, principal), type, id));
  }

  @Get(':type/:id/_history/:versionId')
  @Header('Content-Type', FHIR_JSON)
  async vread(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Param('type') type: string,
    @Param('id') id: string,
    @Param('versionId') versionId: string,
  ): Promise<FhirResource> {
    return withVersionHeaders(res, await this.fhir.read(context(req, principal), type, id, versionId));
  }

  /** Anything else under the base (writes, history, operations) is not served: an OperationOutcome, not a problem+json 404. */
  @All('{*path}')
  @Public()
  unsupported(@Req() req: Request): never {
    if (req.method === 'GET' || req.method === 'HEAD') throw new FhirError('unknown_route', `${req.path} is not an interaction this server supports`, []);
    throw new FhirError('not_supported', `This FHIR server is read-only: ${req.method} is not supported`, []);
  }
}

function context(req: Request, principal: AuthenticatedPrincipal): FhirRequestContext {
  acceptJson(req);
  return { principal, facilityId: principal.facilityId, baseUrl: `${originOf(req)}/${FHIR_BASE_PATH}` };
}

function originOf(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

function queryOf(req: Request): URLSearchParams {
  const q = req.originalUrl.indexOf('?');
  return new URLSearchParams(q < 0 ? '' : req.originalUrl.slice(q + 1));
}

/** JSON only: `application/fhir+json`, `application/json` (or any wildcard); XML and the rest get a 406. */
function acceptJson(req: Request): void {
  const accept = req.get('accept');
  if (!accept) return;
  const ok = accept
    .split(',')
    .map((r) => r.split(';')[0].trim().toLowerCase())
    .some((r) => r === '*/*' || r === 'application/*' || r === 'application/json' || r === 'application/fhir+json' || r === 'application/json+fhir');
  if (!ok) throw new FhirError('unsupported_format', `This server answers in JSON only (application/fhir+json), not "${accept}"`, []);
}

function withVersionHeaders(res: Response, hit: FhirHit): FhirResource {
  const meta = hit.resource.meta;
  if (meta?.versionId) res.setHeader('ETag', `W/"${meta.versionId}"`);
  if (meta?.lastUpdated) res.setHeader('Last-Modified', new Date(meta.lastUpdated).toUTCString());
  return hit.resource;
}
