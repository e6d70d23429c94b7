import { BadRequestException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { nulPathIn, refuseNulCharacters } from './nul-characters';

describe(refuseNulCharacters.name, () => {
  const run = (originalUrl: string, body: unknown = {}) => {
    let passed: unknown = 'not called';
    refuseNulCharacters({ originalUrl, body } as Request, {} as Response, (error?: unknown) => (passed = error));
    return passed as BadRequestException | undefined;
  };
  const fieldOf = (error: BadRequestException | undefined) => (error?.getResponse() as { errors: { field: string }[] }).errors[0].field;

  it('lets ordinary requests through, Vietnamese and percent-escapes included', () => {
    expect(run('/api/patients?q=Nguy%E1%BB%85n%20V%C4%83n', { fullName: 'Nguyễn Văn An', notes: ['a', { b: 1 }] })).toBeUndefined();
  });

  it('refuses a NUL in a query parameter, the path or the body, naming where', () => {
    expect(fieldOf(run('/api/patients?limit=5&q=abc%00'))).toBe('q');
    expect(fieldOf(run('/api/forms/%00'))).toBe('path');
    expect(fieldOf(run('/api/patients', { address: { line: ['12 Phố Huế', 'x\u0000y'] } }))).toBe('address.line[1]');
    expect(fieldOf(run('/api/patients', { ['k\u0000']: 1 }))).toBe('k\u0000');
    expect(run('/api/x?q=%00')).toBeInstanceOf(BadRequestException);
  });

  it('finds the path of the first NUL in any JSON value', () => {
    expect(nulPathIn('\u0000', '')).toBe('body');
    expect(nulPathIn([{ a: 'ok' }, { b: ['\u0000'] }], '')).toBe('[1].b[0]');
    expect(nulPathIn({ a: 1, b: null, c: true }, '')).toBeNull();
  });
});
