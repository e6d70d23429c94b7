import { FormArray, FormControl, FormGroup } from '@angular/forms';
import {
  applyServerErrors,
  buildControl,
  buildItem,
  controlAt,
  describeSchema,
  displayValue,
  type FieldNode,
  fieldId,
  formContent,
  hasBlockingErrors,
  labelOfPointer,
  type LeafNode,
  messagesOf,
  nodeOf,
  parsePointer,
} from './schema-model';
import { SAMPLE_SCHEMA } from './testing/sample-schema';

function leaf(node: FieldNode, ...path: string[]): LeafNode {
  let current: FieldNode | undefined = node;
  for (const key of path) {
    if (current?.kind === 'group') current = current.children.find((c) => c.key === key);
    else if (current?.kind === 'array') current = current.item.kind === 'group' ? current.item.children.find((c) => c.key === key) : current.item;
  }
  if (current?.kind !== 'leaf') throw new Error(`no leaf at ${path.join('/')}`);
  return current;
}

const CONTENT = {
  reason: { text: 'Sốt 3 ngày', dayOfIllness: 3 },
  examination: { consciousness: 'alert', vitals: { pulse: 88, temperature: 38.5 }, examinedOn: '2026-11-27', allergy: true },
  diagnosis: { principal: 'J18.9', stage: 'II' },
  orders: [
    { drug: 'Paracetamol', doses: [{ time: '08:00', amount: 500 }, { time: '20:00', amount: 500 }] },
    { drug: 'Ceftriaxone', doses: [{ amount: 1000 }] },
  ],
};

describe('schema → form model', () => {
  const root = describeSchema(SAMPLE_SCHEMA);

  it('makes each top-level property a section, keeping the schema order and titles', () => {
    expect(root.children.map((s) => [s.key, s.kind, s.title])).toEqual([
      ['reason', 'group', 'Lý do vào viện'],
      ['examination', 'group', 'Khám bệnh'],
      ['diagnosis', 'group', 'Chẩn đoán'],
      ['orders', 'array', 'Y lệnh'],
    ]);
    expect(root.children[0].titleEn).toBe('Reason for admission');
  });

  it('chooses the input of each field from type, format, enum, x-multiline and x-code-system', () => {
    expect(leaf(root, 'reason', 'text').input).toBe('textarea');
    expect(leaf(root, 'reason', 'dayOfIllness').input).toBe('integer');
    expect(leaf(root, 'examination', 'vitals', 'temperature').input).toBe('number');
    expect(leaf(root, 'examination', 'consciousness').input).toBe('select');
    expect(leaf(root, 'examination', 'examinedOn').input).toBe('date');
    expect(leaf(root, 'examination', 'allergy').input).toBe('checkbox');
    expect(leaf(root, 'diagnosis', 'principal')).toMatchObject({ input: 'code', codeSystem: 'icd10' });
    expect(leaf(root, 'diagnosis', 'insuranceCode').input).toBe('text');
    expect(leaf(root, 'orders', 'doses', 'time').input).toBe('time');
  });

  it('reads labelled enums (oneOf const/title) and plain enums as options', () => {
    expect(leaf(root, 'examination', 'consciousness').options).toEqual([
      { value: 'alert', label: 'Tỉnh táo', labelEn: 'Alert' },
      { value: 'drowsy', label: 'Lơ mơ', labelEn: null },
    ]);
    expect(leaf(root, 'diagnosis', 'stage').options.map((o) => o.label)).toEqual(['I', 'II', 'III']);
  });

  it('keeps limits, units and required, and gives item templates a `-` pointer', () => {
    expect(leaf(root, 'examination', 'vitals', 'pulse')).toMatchObject({
      minimum: 20,
      maximum: 250,
      unit: 'lần/phút',
      pointer: '/examination/vitals/pulse',
    });
    expect(leaf(root, 'reason', 'text')).toMatchObject({ required: true, maxLength: 20 });
    expect(leaf(root, 'reason', 'dayOfIllness').required).toBe(false);
    expect(leaf(root, 'orders', 'doses', 'amount').pointer).toBe('/orders/-/doses/-/amount');
  });

  it('orders fields by x-order when given', () => {
    const ordered = describeSchema({
      type: 'object',
      properties: { b: { type: 'string', 'x-order': 2 }, a: { type: 'string', 'x-order': 1 }, c: { type: 'string' } },
    });
    expect(ordered.children.map((c) => c.key)).toEqual(['a', 'b', 'c']);
  });

  it('builds groups, arrays (one control per row, nested) and leaves filled with the content', () => {
    const form = buildControl(root, CONTENT) as FormGroup;
    const orders = form.get('orders') as FormArray;
    expect(orders).toBeInstanceOf(FormArray);
    expect(orders.length).toBe(2);
    expect((orders.at(0).get('doses') as FormArray).length).toBe(2);
    expect(form.get(['examination', 'vitals', 'pulse'])?.value).toBe(88);
    // Dates are Date objects for the date picker, at local midnight.
    const examinedOn = form.get(['examination', 'examinedOn'])?.value as Date;
    expect([examinedOn.getFullYear(), examinedOn.getMonth(), examinedOn.getDate()]).toEqual([2026, 10, 27]);
    expect(nodeOf(form.get(['examination', 'vitals', 'pulse']) as FormControl)?.pointer).toBe('/examination/vitals/pulse');
  });

  it('gives back exactly the content it was filled with', () => {
    expect(formContent(buildControl(root, CONTENT))).toEqual(CONTENT);
  });

  it('leaves empty values, untouched sections and empty rows out of the content', () => {
    const form = buildControl(root, {}) as FormGroup;
    expect(formContent(form)).toEqual({});
    form.get(['reason', 'text'])?.setValue('   ');
    form.get(['examination', 'vitals', 'pulse'])?.setValue(72);
    (form.get('orders') as FormArray).push(buildItem(root.children[3] as never));
    expect(formContent(form)).toEqual({ examination: { vitals: { pulse: 72 } } });
  });

  it('stores a picked date as YYYY-MM-DD and trims text', () => {
    const form = buildControl(root, {}) as FormGroup;
    form.get(['examination', 'examinedOn'])?.setValue(new Date(2026, 0, 5));
    form.get(['diagnosis', 'insuranceCode'])?.setValue(' 01001 ');
    expect(formContent(form)).toEqual({ examination: { examinedOn: '2026-01-05' }, diagnosis: { insuranceCode: '01001' } });
  });
});

describe('validation from the schema', () => {
  const root = describeSchema(SAMPLE_SCHEMA);

  function errorsAt(value: unknown, ...path: (string | number)[]) {
    const form = buildControl(root, {}) as FormGroup;
    const control = form.get(path) as FormControl;
    control.setValue(value);
    return { errors: control.errors, messages: messagesOf(control.errors, nodeOf(control)) };
  }

  it('rejects a value above the maximum, naming the limit with its unit', () => {
    const { errors, messages } = errorsAt(300, 'examination', 'vitals', 'pulse');
    expect(errors).toEqual({ max: { max: 250, actual: 300 } });
    expect(messages).toEqual([{ key: 'schemaForm.error.max', params: { limit: '250', unit: ' lần/phút' } }]);
  });

  it('rejects a value below the minimum', () => {
    expect(errorsAt(25, 'examination', 'vitals', 'temperature').messages).toEqual([
      { key: 'schemaForm.error.min', params: { limit: '30', unit: ' °C' } },
    ]);
  });

  it('accepts the limits themselves', () => {
    expect(errorsAt(250, 'examination', 'vitals', 'pulse').errors).toBeNull();
    expect(errorsAt(20, 'examination', 'vitals', 'pulse').errors).toBeNull();
  });

  it('rejects a fraction in an integer field', () => {
    expect(errorsAt(88.5, 'examination', 'vitals', 'pulse').messages.map((m) => m.key)).toEqual(['schemaForm.error.integer']);
  });

  it('rejects text longer than maxLength', () => {
    expect(errorsAt('x'.repeat(21), 'reason', 'text').messages).toEqual([
      { key: 'schemaForm.error.maxLength', params: { limit: 20, actual: 21 } },
    ]);
  });

  it('checks the pattern unanchored, as JSON Schema does', () => {
    expect(errorsAt('0100', 'diagnosis', 'insuranceCode').messages.map((m) => m.key)).toEqual(['schemaForm.error.pattern']);
    expect(errorsAt('01001', 'diagnosis', 'insuranceCode').errors).toBeNull();
  });

  it('lets a draft leave required fields empty, but checks them when asked to (for signing)', () => {
    const draft = buildControl(root, {}) as FormGroup;
    expect(draft.get(['reason', 'text'])?.errors).toBeNull();
    const signing = buildControl(root, {}, { enforceRequired: true }) as FormGroup;
    expect(messagesOf(signing.get(['reason', 'text'])?.errors ?? null, null)).toEqual([{ key: 'schemaForm.error.required', params: {} }]);
    expect(hasBlockingErrors(signing)).toBe(false);
    signing.get(['examination', 'vitals', 'pulse'])?.setValue(300);
    expect(hasBlockingErrors(signing)).toBe(true);
  });
});

describe('server errors by JSON Pointer', () => {
  const root = describeSchema(SAMPLE_SCHEMA);

  it('parses RFC 6901 pointers, unescaping ~1 and ~0, and dotted paths', () => {
    expect(parsePointer('/a~1b/c~0d/0')).toEqual(['a/b', 'c~d', '0']);
    expect(parsePointer('')).toEqual([]);
    expect(parsePointer('examination.vitals.pulse')).toEqual(['examination', 'vitals', 'pulse']);
  });

  it('finds the control of a pointer through groups and array rows', () => {
    const form = buildControl(root, CONTENT);
    const { control, exact } = controlAt(form, '/orders/1/doses/0/amount');
    expect(exact).toBe(true);
    expect(control.value).toBe(1000);
    expect(controlAt(form, '/orders/5/drug').exact).toBe(false);
  });

  it('puts each message on its field, and returns those naming no field', () => {
    const form = buildControl(root, CONTENT);
    const unplaced = applyServerErrors(form, [
      { field: '/examination/vitals/pulse', message: 'must be <= 250' },
      { field: '/orders/0/doses/1/amount', message: 'must be <= 1000' },
      { field: '/orders/0/doses/1/amount', message: 'second problem' },
      { field: '/unknownSection/x', message: 'must NOT have additional properties' },
      { field: '', message: 'whole document' },
    ]);
    expect(form.get(['examination', 'vitals', 'pulse'])?.errors).toEqual({ server: ['must be <= 250'] });
    expect(form.get(['orders', 0, 'doses', 1, 'amount'])?.errors).toEqual({ server: ['must be <= 1000', 'second problem'] });
    expect(form.get(['orders', 0, 'doses', 1, 'amount'])?.touched).toBe(true);
    expect(unplaced.map((e) => e.field)).toEqual(['/unknownSection/x', '']);
    expect(form.valid).toBe(false);
    expect(messagesOf(form.get(['examination', 'vitals', 'pulse'])?.errors ?? null, null)).toEqual([
      { key: 'schemaForm.error.server', params: { message: 'must be <= 250' } },
    ]);
  });

  it('puts a group-level error (a missing required property) on the group', () => {
    const form = buildControl(root, {});
    expect(applyServerErrors(form, [{ field: '/reason', message: "must have required property 'text'" }])).toEqual([]);
    expect(form.get('reason')?.errors).toEqual({ server: ["must have required property 'text'"] });
  });

  it('drops a server message at the next edit of its field, and replaces the old ones on the next save', () => {
    const form = buildControl(root, CONTENT);
    applyServerErrors(form, [
      { field: '/examination/vitals/pulse', message: 'too high' },
      { field: '/reason/text', message: 'bad' },
    ]);
    form.get(['examination', 'vitals', 'pulse'])?.setValue(90);
    expect(form.get(['examination', 'vitals', 'pulse'])?.errors).toBeNull();
    applyServerErrors(form, []);
    expect(form.get(['reason', 'text'])?.errors).toBeNull();
    expect(form.valid).toBe(true);
  });
});

describe('labels of pointers', () => {
  const root = describeSchema(SAMPLE_SCHEMA);

  it('names a pointer by the titles on its way, with 1-based row numbers', () => {
    expect(labelOfPointer(root, '/orders/1/doses/0/amount')).toMatchObject({ titles: ['Y lệnh', 'Liều', 'Lượng'], rows: [2, 1] });
    expect(labelOfPointer(root, '/examination/vitals/pulse').titles).toEqual(['Khám bệnh', 'Dấu hiệu sinh tồn', 'Mạch']);
    expect(labelOfPointer(root, '/reason', 'en').titles).toEqual(['Reason for admission']);
  });

  it('keeps raw names where the schema does not know the path', () => {
    expect(labelOfPointer(root, '/examination/removedField').titles).toEqual(['Khám bệnh', 'removedField']);
  });

  it('shows stored values the way the form does', () => {
    const consciousness = labelOfPointer(root, '/examination/consciousness').leaf;
    expect(displayValue(consciousness, 'alert')).toBe('Tỉnh táo');
    expect(displayValue(consciousness, 'alert', 'en')).toBe('Alert');
    expect(displayValue(labelOfPointer(root, '/examination/examinedOn').leaf, '2026-11-27')).toBe('27/11/2026');
    expect(displayValue(labelOfPointer(root, '/examination/vitals/pulse').leaf, 88)).toBe('88 lần/phút');
    expect(displayValue(null, undefined)).toBe('');
  });

  it('makes DOM ids from pointers', () => {
    expect(fieldId('/examination/vitals/pulse')).toBe('sf-examination-vitals-pulse');
    expect(fieldId('/orders/0/doses/1/amount')).toBe('sf-orders-0-doses-1-amount');
  });
});
