import { BadRequestException, NotFoundException } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';
import { toProblem } from './problem-details.filter';

class TestError extends DomainError<'thing_locked'> {
  readonly status = 423;
  constructor() {
    super('thing_locked', 'The thing is locked', { lockedUntil: '2026-11-27T10:00:00.000Z' }, [{ field: 'thing', message: 'is locked' }]);
  }
}

describe(toProblem.name, () => {
  it('maps a domain error to its code, status, extensions and field errors', () => {
    expect(toProblem(new TestError())).toEqual({
      type: 'https://benhan.dev/problems/thing_locked',
      title: 'Locked',
      status: 423,
      detail: 'The thing is locked',
      lockedUntil: '2026-11-27T10:00:00.000Z',
      errors: [{ field: 'thing', message: 'is locked' }],
    });
  });

  it('keeps validation field errors from a 400', () => {
    const problem = toProblem(new BadRequestException({ message: 'Invalid request: name', errors: [{ field: 'name', message: 'name should not be empty' }] }));
    expect(problem).toEqual(expect.objectContaining({ status: 400, title: 'Bad request', errors: [{ field: 'name', message: 'name should not be empty' }] }));
  });

  it('maps HTTP exceptions by status', () => {
    expect(toProblem(new NotFoundException())).toEqual(expect.objectContaining({ status: 404, type: 'https://benhan.dev/problems/not-found' }));
  });

  it('passes on what Express’s body parser says is the client’s fault: too large, malformed', () => {
    const tooLarge = Object.assign(new Error('request entity too large'), { status: 413, statusCode: 413, expose: true, type: 'entity.too.large' });
    expect(toProblem(tooLarge)).toEqual({
      type: 'https://benhan.dev/problems/entity-too-large',
      title: 'Payload too large',
      status: 413,
      detail: 'The request body is larger than this server accepts',
    });
    const malformed = Object.assign(new SyntaxError('Unexpected token } in JSON at position 9'), { status: 400, expose: true, type: 'entity.parse.failed' });
    expect(toProblem(malformed)).toEqual(expect.objectContaining({ status: 400, type: 'https://benhan.dev/problems/entity-parse-failed' }));
    // A 5xx or an unexposed error stays hidden.
    expect(toProblem(Object.assign(new Error('db down'), { status: 503, expose: false })).status).toBe(500);
    expect(toProblem(Object.assign(new Error('x'), { status: 400 })).status).toBe(500);
  });

  it('answers 503 with Retry-After when the database is gone (restarting, unreachable), never 500', () => {
    const shutdown = Object.assign(new Error('terminating connection due to administrator command'), { driverError: { code: '57P01' } });
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const terminated = new Error('Connection terminated unexpectedly');
    const released = Object.assign(new Error('Query runner already released. Cannot run queries anymore.'), { name: 'QueryRunnerAlreadyReleasedError' });
    for (const error of [shutdown, refused, terminated, released]) {
      expect(toProblem(error)).toEqual(expect.objectContaining({ status: 503, type: 'https://benhan.dev/problems/database_unavailable', retryAfterSeconds: 5 }));
    }
    expect(toProblem(Object.assign(new Error('duplicate key'), { driverError: { code: '23505' } })).status).toBe(500);
  });

  it('hides the details of an unexpected error', () => {
    const problem = toProblem(new Error('connection string postgres://secret@db'));
    expect(problem.status).toBe(500);
    expect(JSON.stringify(problem)).not.toContain('secret');
  });
});
