import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { FieldError, ProblemDetails } from '@benhan/shared/contracts';
import { DomainError } from '../errors/domain-error';

const PROBLEM_BASE = 'https://benhan.dev/problems/';

/** The single mapper from any thrown error to an RFC 9457 problem-details response. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request & { id?: unknown }>();
    const res = http.getResponse<Response>();
    const problem = toProblem(exception);
    problem.instance = req.originalUrl;
    if (req.id != null) problem.requestId = String(req.id);

    if (problem.status >= 500) this.logger.error({ err: exception, requestId: problem.requestId }, 'Unhandled error');
    if (res.headersSent) return;
    if (problem['retryAfterSeconds'] !== undefined) res.setHeader('Retry-After', String(problem['retryAfterSeconds']));
    res.status(problem.status).type('application/problem+json').json(problem);
  }
}

export function toProblem(exception: unknown): ProblemDetails {
  if (exception instanceof DomainError) {
    return {
      type: PROBLEM_BASE + exception.code,
      title: titleFor(exception.status),
      status: exception.status,
      detail: exception.message,
      ...(exception.fieldErrors.length ? { errors: exception.fieldErrors } : {}),
      ...exception.extensions,
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    const errors = typeof body === 'object' && body !== null ? (body as { errors?: FieldError[] }).errors : undefined;
    const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
    return {
      type: PROBLEM_BASE + slug(status),
      title: titleFor(status),
      status,
      detail: typeof message === 'string' ? message : Array.isArray(message) ? message.join('; ') : exception.message,
      ...(errors?.length ? { errors } : {}),
    };
  }
  if (isDatabaseUnavailable(exception)) {
    return {
      type: PROBLEM_BASE + 'database_unavailable',
      title: titleFor(HttpStatus.SERVICE_UNAVAILABLE),
      status: HttpStatus.SERVICE_UNAVAILABLE,
      detail: 'The database cannot be reached just now. Try again in a moment.',
      retryAfterSeconds: 5,
    };
  }
  const client = clientErrorOf(exception);
  if (client) return { type: PROBLEM_BASE + client.type, title: titleFor(client.status), status: client.status, detail: client.detail };
  return {
    type: PROBLEM_BASE + 'internal-error',
    title: titleFor(HttpStatus.INTERNAL_SERVER_ERROR),
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    detail: 'An unexpected error occurred; it has been logged with the request id.',
  };
}

/** PostgreSQL's connection-loss and shutdown codes (classes 08 and 57P), and the driver's own lost-connection errors. */
const UNAVAILABLE_CODES = new Set(['08000', '08001', '08003', '08004', '08006', '57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);
const UNAVAILABLE_MESSAGE = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|is not currently accepting connections|the database system is (starting up|shutting down|in recovery mode)/i;

/**
 * The database went away (restarting, failed over, network cut): the request failed before anything was committed,
 * so it is a 503 the client may retry, not a server fault.
 */
function isDatabaseUnavailable(exception: unknown): boolean {
  // TypeORM's own word for a transaction whose connection died under it (its rollback finds the connection gone).
  if (exception instanceof Error && exception.name === 'QueryRunnerAlreadyReleasedError') return true;
  for (let error = exception as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown } | undefined, depth = 0; error && depth < 4; depth++) {
    if (typeof error.code === 'string' && UNAVAILABLE_CODES.has(error.code)) return true;
    if (typeof error.message === 'string' && UNAVAILABLE_MESSAGE.test(error.message)) return true;
    error = (error.driverError ?? error.cause) as typeof error;
  }
  return false;
}

/**
 * The request's own fault reported by Express's middleware (body-parser: body too large, malformed JSON, unsupported
 * charset), as `http-errors` with `expose`: its status and message are meant for the client.
 */
function clientErrorOf(exception: unknown): { status: number; type: string; detail: string } | null {
  if (typeof exception !== 'object' || exception === null) return null;
  const { status, expose, type, message } = exception as { status?: unknown; expose?: unknown; type?: unknown; message?: unknown };
  if (typeof status !== 'number' || status < 400 || status > 499 || expose !== true) return null;
  const detail = status === 413 ? 'The request body is larger than this server accepts' : typeof message === 'string' ? message : titleFor(status);
  return { status, type: typeof type === 'string' && /^[a-z.]+$/.test(type) ? type.replace(/\./g, '-') : slug(status), detail };
}

function titleFor(status: number): string {
  const name = HttpStatus[status];
  return name ? name.charAt(0) + name.slice(1).toLowerCase().replace(/_/g, ' ') : 'Error';
}

function slug(status: number): string {
  return (HttpStatus[status] ?? 'error').toLowerCase().replace(/_/g, '-');
}
