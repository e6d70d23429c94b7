import { All, Controller, Get, Header, HttpCode, Param, Patch, Post, Put, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal, nulPathIn, Public, Requires, type AuthenticatedPrincipal } from '@benhan/api/core';
import { capabilityStatement } from './capability-statement';
import { FhirError } from './fhir.errors';
import type { FhirHit, FhirRequestContext } from './fhir-provider';
import { FhirService } from './fhir.service';
import { FhirFulfilmentWriteService } from './fhir-fulfilment-write.service';
import { FhirWriteService } from './fhir-write.service';
import { FHIR_JSON, type Bundle, type FhirResource } from './fhir.types';
import { OperationOutcomeFilter } from './operation-outcome.filter';

export const FHIR_BASE_PATH = 'fhir/R4';
const STARTED_AT = new Date().toISOString();

/**
 * FHIR R4 REST facade: metadata, read, vread and search-type for every registered provider; transaction Bundles and creates of results
 * (FhirWriteService); creates and updates of specimens and studies, and the status of ServiceRequests (FhirFulfilmentWriteService).
 * Errors, including the guards' 401/403, are OperationOutcomes (OperationOutcomeFilter).
 */
@ApiExcludeController()
@Controller(FHIR_BASE_PATH)
@UseFilters(OperationOutcomeFilter)
@Requires('doctor', 'nurse', 'records_officer', 'inspector', 'lis', 'pacs')
export class FhirController {
  constructor(
    private readonly fhir: FhirService,
    private readonly writes: FhirWriteService,
    private readonly fulfilment: FhirFulfilmentWriteService,
  ) {}

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

  /** A transaction Bundle (a DiagnosticReport with its Observations and optionally its ImagingStudy): all or nothing. */
  @Post()
  @HttpCode(200)
  @Header('Content-Type', FHIR_JSON)
  async transaction(@Req() req: Request, @CurrentPrincipal() principal: AuthenticatedPrincipal): Promise<FhirResource> {
    return this.writes.transaction(context(req, principal), await bodyOf(req));
  }

  /** Create a DiagnosticReport (Observations contained), an Observation, a Specimen or an ImagingStudy; `If-None-Exist: identifier=…` is honoured. */
  @Post(':type')
  @Header('Content-Type', FHIR_JSON)
  async create(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Param('type') type: string,
  ): Promise<FhirResource> {
    const ctx = context(req, principal);
    const ifNoneExist = req.get('if-none-exist') ?? undefined;
    let id: string;
    let created: boolean;
    if (type === 'Specimen' || type === 'ImagingStudy') ({ id, created } = await this.fulfilment.create(ctx, type, await bodyOf(req), ifNoneExist));
    else {
      const written = await this.writes.create(ctx, type, await bodyOf(req), ifNoneExist);
      ({ id } = written);
      created = written.outcome.created;
    }
    res.status(created ? 201 : 200);
    return withLocation(res, ctx, type, await this.fhir.readOwn(ctx, type, id));
  }

  /**
   * Update a Specimen or an ImagingStudy, the status of a ServiceRequest, or correct a DiagnosticReport or a lab Observation (a new
   * version); `If-Match: W/"<versionId>"` is checked (412 when stale).
   */
  @Put(':type/:id')
  @Header('Content-Type', FHIR_JSON)
  async update(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Param('type') type: string,
    @Param('id') id: string,
  ): Promise<FhirResource> {
    const ctx = context(req, principal);
    this.fhir.registry.get(type);
    const key = id.toLowerCase();
    if (type === 'DiagnosticReport' || type === 'Observation') await this.writes.update(ctx, type, key, await bodyOf(req), ifMatchOf(req));
    else await this.fulfilment.update(ctx, type, key, await bodyOf(req), ifMatchOf(req));
    return withLocation(res, ctx, type, await this.fhir.readOwn(ctx, type, key));
  }

  /** A JSON Patch (application/json-patch+json) of a ServiceRequest's status and notes. */
  @Patch(':type/:id')
  @Header('Content-Type', FHIR_JSON)
  async patch(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Param('type') type: string,
    @Param('id') id: string,
  ): Promise<FhirResource> {
    const ctx = context(req, principal);
    this.fhir.registry.get(type);
    await this.fulfilment.patch(ctx, type, id.toLowerCase(), await bodyOf(req, PATCH_TYPES), ifMatchOf(req));
    return withLocation(res, ctx, type, await this.fhir.readOwn(ctx, type, id.toLowerCase()));
  }

  /** Anything else under the base (writes, history, operations) is not served: an OperationOutcome, not a problem+json 404. */
  @All('{*path}')
  @Public()
  unsupported(@Req() req: Request): never {
    if (req.method === 'GET' || req.method === 'HEAD') throw new FhirError('unknown_route', `${req.path} is not an interaction this server supports`, []);
    throw new FhirError('not_supported', `${req.method} ${req.path} is not supported (see /metadata for the interactions of each type)`, []);
  }
}

function context(req: Request, principal: AuthenticatedPrincipal): FhirRequestContext {
  acceptJson(req);
  return { principal, facilityId: principal.facilityId, baseUrl: `${originOf(req)}/${FHIR_BASE_PATH}` };
}

const RESOURCE_TYPES = ['application/fhir+json', 'application/json', 'application/json+fhir'];
const PATCH_TYPES = ['application/json-patch+json'];

/** The JSON body: Express parsed application/json already; application/fhir+json (or a JSON Patch) is read here (at most 5 MB). */
async function bodyOf(req: Request, accepted: readonly string[] = RESOURCE_TYPES): Promise<unknown> {
  const type = (req.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (!accepted.includes(type)) throw new FhirError('unsupported_media_type', `Send the body as ${accepted[0]}, not "${type || 'nothing'}"`, []);
  if ((req.body && typeof req.body === 'object' && Object.keys(req.body as object).length) || req.readableEnded) return req.body;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 5_000_000) throw new FhirError('too_large', 'The body is larger than 5 MB', []);
    chunks.push(chunk);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new FhirError('invalid_resource', 'The body is not valid JSON', []);
  }
  const nul = nulPathIn(body, '');
  if (nul !== null) throw new FhirError('invalid_resource', `${nul} contains the NUL character (U+0000), which no text may hold`, [nul]);
  return body;
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

/** `If-Match: W/"3"` (or `"3"`) → 3; absent → undefined (the update is not version-checked). */
function ifMatchOf(req: Request): number | undefined {
  const header = req.get('if-match');
  if (header === undefined) return undefined;
  const m = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(header);
  if (!m) throw new FhirError('invalid_resource', `If-Match must be a version ETag like W/"3", not ${header}`, ['If-Match']);
  return Number(m[1]);
}

/** A written resource's response headers: ETag, Last-Modified and the Location of this version. */
function withLocation(res: Response, ctx: FhirRequestContext, type: string, hit: FhirHit): FhirResource {
  res.setHeader('Location', `${ctx.baseUrl}/${type}/${hit.resource.id}/_history/${hit.resource.meta?.versionId ?? '1'}`);
  return withVersionHeaders(res, hit);
}

function withVersionHeaders(res: Response, hit: FhirHit): FhirResource {
  const meta = hit.resource.meta;
  if (meta?.versionId) res.setHeader('ETag', `W/"${meta.versionId}"`);
  if (meta?.lastUpdated) res.setHeader('Last-Modified', new Date(meta.lastUpdated).toUTCString());
  return hit.resource;
}
