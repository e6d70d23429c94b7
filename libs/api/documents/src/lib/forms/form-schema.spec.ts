import type { JsonSchema } from '@benhan/shared/contracts';
import { FormSchemaCompiler, contentErrors } from './form-schema';

const VITALS: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  additionalProperties: false,
  required: ['kham'],
  properties: {
    kham: {
      type: 'object',
      title: 'Khám bệnh',
      additionalProperties: false,
      required: ['mach'],
      properties: {
        mach: { type: 'integer', title: 'Mạch', minimum: 20, maximum: 250, 'x-unit': 'lần/phút' },
        capDo: { type: 'string', title: 'Cấp chăm sóc', oneOf: [{ const: 'I', title: 'Cấp I' }, { const: 'II', title: 'Cấp II' }] },
      },
    },
    dong: { type: 'array', title: 'Dòng', minItems: 1, items: { type: 'object', title: 'Dòng', additionalProperties: false, properties: { ghiChu: { type: 'string', title: 'Ghi chú', maxLength: 5 } } } },
  },
};

describe('FormSchemaCompiler', () => {
  const compiler = new FormSchemaCompiler();

  it('lets a draft leave required fields and rows out, but not a complete form', () => {
    const { draft, complete } = compiler.compiled('T@1', VITALS);
    expect(draft({ kham: {}, dong: [] })).toBe(true);
    expect(complete({ kham: {}, dong: [] })).toBe(false);
    expect(contentErrors(complete.errors)).toEqual(
      expect.arrayContaining([
        { field: '/kham/mach', message: 'is required', code: 'required' },
        { field: '/dong', message: 'must NOT have fewer than 1 items', code: 'minItems' },
      ]),
    );
  });

  it('names the JSON Pointer and rule of each bad value, unknown fields included, in draft mode too', () => {
    const { draft } = compiler.compiled('T@1', VITALS);
    expect(draft({ kham: { mach: 300, capDo: 'IV', tuoi: 3 }, dong: [{ ghiChu: 'quá dài' }] })).toBe(false);
    expect(contentErrors(draft.errors)).toEqual([
      { field: '/kham/tuoi', message: 'is not a field of this form', code: 'additionalProperties' },
      { field: '/kham/mach', message: 'must be <= 250', code: 'maximum' },
      { field: '/kham/capDo', message: 'must be one of the listed values', code: 'oneOf' },
      { field: '/dong/0/ghiChu', message: 'must NOT have more than 5 characters', code: 'maxLength' },
    ]);
  });

  it('refuses schemas the generator cannot render or that leave objects open', () => {
    expect(compiler.lint(VITALS)).toEqual([]);
    const open = { ...VITALS, additionalProperties: true };
    expect(compiler.lint(open)).toEqual([expect.objectContaining({ field: 'schema', code: 'additionalProperties' })]);
    const untitled: JsonSchema = { type: 'object', additionalProperties: false, properties: { a: { type: 'string', maxLength: 3 } } };
    expect(compiler.lint(untitled)).toEqual([expect.objectContaining({ field: 'schema.properties.a', code: 'title' })]);
    const exotic: JsonSchema = { type: 'object', additionalProperties: false, properties: { a: { type: 'string', title: 'A', maxLength: 3, allOf: [] } } };
    expect(compiler.lint(exotic)).toEqual([expect.objectContaining({ field: 'schema.properties.a.allOf', code: 'keyword' })]);
    const unbounded: JsonSchema = { type: 'object', additionalProperties: false, properties: { a: { type: 'string', title: 'A' } } };
    expect(compiler.lint(unbounded)).toEqual([expect.objectContaining({ code: 'maxLength' })]);
    expect(compiler.lint({ type: 'array' })).toEqual([expect.objectContaining({ field: 'schema', code: 'type' })]);
  });

  it('refuses a schema Ajv cannot compile', () => {
    const broken = { type: 'object', additionalProperties: false, properties: { a: { type: 'integer', title: 'A', minimum: 'zero' } } } as unknown as JsonSchema;
    expect(compiler.lint(broken)).toEqual([expect.objectContaining({ field: 'schema', code: 'schema' })]);
  });
});
