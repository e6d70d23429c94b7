import { BadRequestException } from '@nestjs/common';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { createValidationPipe } from '@benhan/api/core';
import type { UserPrincipal } from '@benhan/api/core';
import type { FieldError } from '@benhan/shared/contracts';
import { shippedFormSamples } from '../../testing/form-samples';
import { DocumentError } from '../documents.errors';
import { UploadFormDto } from '../dto/document.dto';
import type { FormVersionEntity } from '../entities/form-version.entity';
import { codedValues } from './coded-fields';
import { FormSchemaCompiler } from './form-schema';
import { FormsService } from './forms.service';

// Property-based tests (fast-check): a failure prints its seed and path; rerun it with FC_SEED=<seed> (see README "Tests").
const seed = process.env['FC_SEED'] === undefined ? {} : { seed: Number(process.env['FC_SEED']) };

const samples = shippedFormSamples();
const forms = samples.map((s) => ({ code: s.definition.code, version: 1, schema: s.definition.schema }) as FormVersionEntity);
/** Stored: the definition passed every check (nothing to store into here). */
class Stored extends Error {}
const service = new FormsService({ transaction: async () => Promise.reject(new Stored()) } as unknown as DataSource, undefined as never, undefined as never);
const admin = { kind: 'user', userId: 'u', username: 'admin', roles: ['admin'], departmentIds: [], facilityId: 'f', sessionId: 's' } as UserPrincipal;

/** What a client may send where a form's value goes: any JSON, or values shaped to trip careless code. */
const hostile = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom('{"toString":0}', '{"__proto__":{"a":1}}', '"__proto__"', '"constructor"', '[[[[[]]]]]', '"2025-02-30"', '"2025-11-21T25:00:00+07:00"', '"99:99"', '1e400', '-0', '"\\u0000"', '"A00.0"', '"Nguyễn Văn A"').map((t) => JSON.parse(t)),
  fc.string({ unit: 'binary', maxLength: 300 }),
);

/** A copy of `value` in which each node, at any depth, is kept (and its children walked) or replaced by the next hostile value. */
function mutate(value: unknown, draws: Iterator<[boolean, unknown, string]>): unknown {
  const [replace, other, extraKey] = draws.next().value as [boolean, unknown, string];
  if (replace) return structuredClone(other);
  if (Array.isArray(value)) return value.map((item) => mutate(item, draws));
  if (value === null || typeof value !== 'object') return value;
  const copy = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mutate(v, draws)]));
  return extraKey ? { ...copy, [extraKey]: other } : copy;
}
const draws = fc.infiniteStream(fc.tuple(fc.nat({ max: 9 }).map((n) => n === 0), hostile, fc.constantFrom('', '', '', 'x', '__proto__', 'toString')));

/** Field errors as the API returns them: a JSON Pointer, a message and the failing keyword. */
function expectFieldErrors(errors: FieldError[]): void {
  for (const e of errors) expect([typeof e.field, e.field.startsWith('/'), typeof e.message, typeof e.code]).toEqual(['string', true, 'string', 'string']);
}

describe('form content validation (property-based)', () => {
  it('finds each shipped form valid for its sample', () => {
    samples.forEach((s, i) => expect(service.validateContent(forms[i], s.valid, 'complete')).toEqual([]));
  });

  it('answers any content with field errors or valid, for every shipped form, in both modes', () => {
    fc.assert(
      fc.property(fc.nat({ max: forms.length - 1 }), fc.oneof(hostile, fc.anything({ stringUnit: 'binary' })), fc.boolean(), (i, content, draft) => {
        expectFieldErrors(service.validateContent(forms[i], content, draft ? 'draft' : 'complete'));
        expect(Array.isArray(codedValues(forms[i].schema, content))).toBe(true);
      }),
      { numRuns: 500, ...seed },
    );
  });

  it('answers mutated copies of the valid samples with field errors that point into the content, or valid', () => {
    fc.assert(
      fc.property(fc.nat({ max: forms.length - 1 }), draws, fc.boolean(), (i, stream, draft) => {
        const content = mutate(samples[i].valid, stream[Symbol.iterator]());
        const errors = service.validateContent(forms[i], content, draft ? 'draft' : 'complete');
        expectFieldErrors(errors);
        for (const value of codedValues(forms[i].schema, content)) expect([typeof value.code, value.pointer.startsWith('/')]).toEqual(['string', true]);
      }),
      { numRuns: 1000, ...seed },
    );
  });

  it('refuses any uploaded form schema with field errors, never a crash', () => {
    const compiler = new FormSchemaCompiler();
    fc.assert(
      fc.property(fc.oneof(hostile, fc.nat({ max: forms.length - 1 }).chain((i) => draws.map((d) => mutate(forms[i].schema, d[Symbol.iterator]())))), (schema) => {
        const problems = compiler.lint(schema);
        for (const p of problems) expect([typeof p.field, typeof p.message]).toEqual(['string', 'string']);
      }),
      { numRuns: 300, ...seed },
    );
  });

  it('lets each shipped definition through the request validation and its checks as an upload', async () => {
    const pipe = createValidationPipe();
    for (const { definition } of samples) await expect(service.upload(admin, await pipe.transform(structuredClone(definition), { type: 'body', metatype: UploadFormDto }))).rejects.toBeInstanceOf(Stored);
  });

  it('answers any form upload that passes the request validation with DocumentError or stores it, never a crash', async () => {
    const pipe = createValidationPipe();
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: samples.length - 1 }), draws, async (i, stream) => {
        const body = mutate(samples[i].definition, stream[Symbol.iterator]());
        try {
          const dto = (await pipe.transform(body, { type: 'body', metatype: UploadFormDto })) as UploadFormDto;
          await service.upload(admin, dto);
        } catch (error) {
          if (error instanceof BadRequestException || error instanceof DocumentError || error instanceof Stored) return;
          throw error;
        }
      }),
      { numRuns: 300, ...seed },
    );
  });
});
