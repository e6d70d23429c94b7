import type { JsonSchema } from '@benhan/shared/contracts';
import { codedValues } from './coded-fields';

const ICD: JsonSchema = { type: 'string', title: 'Mã', maxLength: 7, 'x-code-system': 'icd10' };

describe('codedValues', () => {
  it('finds filled code fields at any depth, rows included, by JSON Pointer', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        chanDoan: { type: 'object', title: 'Chẩn đoán', properties: { ma: ICD, ten: { type: 'string', title: 'Tên', maxLength: 50 } } },
        benhKem: { type: 'array', title: 'Bệnh kèm', items: { type: 'object', title: 'Bệnh', properties: { ma: ICD } } },
      },
    };
    const content = { chanDoan: { ma: 'J18.9', ten: 'Viêm phổi' }, benhKem: [{ ma: 'E11' }, { ma: '' }, {}, { ma: ' I10 ' }] };
    expect(codedValues(schema, content)).toEqual([
      { pointer: '/chanDoan/ma', system: 'icd10', code: 'J18.9' },
      { pointer: '/benhKem/0/ma', system: 'icd10', code: 'E11' },
      { pointer: '/benhKem/3/ma', system: 'icd10', code: 'I10' },
    ]);
    expect(codedValues(schema, {})).toEqual([]);
  });
});
