import { FormVersionEntity } from '../entities/form-version.entity';
import { shippedFormSamples } from '../../testing/form-samples';
import { FormSchemaCompiler } from './form-schema';

/** Each shipped form: its schema is a valid form schema, its sample passes, each invalid case fails where it says. */
describe('shipped forms', () => {
  const compiler = new FormSchemaCompiler();
  const samples = shippedFormSamples();

  it('ship at least the sixteen forms the record needs, with unique codes and a named source', () => {
    expect(samples.length).toBeGreaterThanOrEqual(16);
    expect(new Set(samples.map((s) => s.definition.code)).size).toBe(samples.length);
    for (const { definition } of samples) expect(definition.source).toMatch(/TT|QĐ|Thông tư|Quyết định/);
  });

  describe.each(samples.map((s) => [s.definition.code, s] as const))('%s', (_code, sample) => {
    const form = { code: sample.definition.code, version: 1, schema: sample.definition.schema } as FormVersionEntity;

    it('is a valid form schema', () => {
      expect(compiler.lint(sample.definition.schema)).toEqual([]);
    });

    it('accepts its complete sample, as a draft and as complete', () => {
      const compiled = compiler.compiled(`${form.code}@test`, form.schema);
      expect(compiled.complete(sample.valid) ? [] : compiled.complete.errors).toEqual([]);
      expect(compiled.draft(sample.valid)).toBe(true);
    });

    it('accepts an empty draft but not an empty complete form', () => {
      const compiled = compiler.compiled(`${form.code}@test`, form.schema);
      expect(compiled.draft({})).toBe(true);
      if (sample.definition.schema.required?.length) expect(compiled.complete({})).toBe(false);
    });

    it.each(sample.invalid.map((c) => [c.name, c] as const))('refuses: %s', (_name, invalid) => {
      const compiled = compiler.compiled(`${form.code}@test`, form.schema);
      const validate = invalid.keyword === 'required' || invalid.keyword === 'minItems' ? compiled.complete : compiled.draft;
      expect(validate(invalid.content)).toBe(false);
      const errors = (validate.errors ?? []).map((e) => ({ keyword: e.keyword, path: e.keyword === 'additionalProperties' ? `${e.instancePath}/${(e.params as { additionalProperty: string }).additionalProperty}` : e.instancePath }));
      expect(errors).toEqual(expect.arrayContaining([expect.objectContaining({ keyword: invalid.keyword })]));
      const paths = errors.map((e) => e.path);
      expect(paths.some((p) => p === invalid.path || p.startsWith(`${invalid.path}/`) || invalid.path.startsWith(`${p}/`) || p === invalid.path.replace(/\/[^/]+$/, ''))).toBe(true);
    });
  });
});
