import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '@benhan/api/core';
import { FhirError } from './fhir.errors';
import { FHIR_JSON, type IssueType, type OperationOutcome } from './fhir.types';

/**
 * Every error under /fhir/R4 (including 401/403 from the global guards, which run inside the route's
 * filters) becomes an OperationOutcome instead of RFC 9457 problem details. Applied with @UseFilters on the
 * FHIR controller only: the rest of the API keeps the ProblemDetailsFilter.
 */
@Catch()
export class OperationOutcomeFilter implements ExceptionFilter {
  private readonly logger = new Logger(OperationOutcomeFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<{ id?: unknown }>();
    const res = host.switchToHttp().getResponse<Response>();
    const { status, outcome } = toOperationOutcome(exception);
    if (status >= 500) this.logger.error({ err: exception, requestId: req.id }, 'Unhandled FHIR error');
    if (res.headersSent) return;
    if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
    res.status(status).setHeader('Content-Type', FHIR_JSON);
    res.send(JSON.stringify(outcome));
  }
}

export function toOperationOutcome(exception: unknown): { status: number; outcome: OperationOutcome } {
  if (exception instanceof FhirError) {
    return {
      status: exception.status,
      outcome: outcomeOf(exception.issueType, exception.message, exception.expression),
    };
  }
  if (exception instanceof DomainError) {
    return { status: exception.status, outcome: outcomeOf(issueTypeOf(exception.status), exception.message) };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
    const text = typeof message === 'string' ? message : Array.isArray(message) ? message.join('; ') : exception.message;
    return { status, outcome: outcomeOf(issueTypeOf(status), text) };
  }
  return {
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    outcome: outcomeOf('exception', 'An unexpected error occurred; it has been logged with the request id.'),
  };
}

export function outcomeOf(code: IssueType, diagnostics: string, expression: string[] = []): OperationOutcome {
  return {
    resourceType: 'OperationOutcome',
    issue: [{ severity: 'error', code, diagnostics, ...(expression.length ? { expression } : {}) }],
  };
}

function issueTypeOf(status: number): IssueType {
  if (status === 401) return 'login';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 405 || status === 406 || status === 415) return 'not-supported';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 429) return 'throttled';
  if (status >= 400 && status < 500) return 'invalid';
  return 'exception';
}
