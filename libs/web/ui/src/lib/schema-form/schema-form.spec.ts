import { Component, signal, viewChild } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { JsonSchema } from '@benhan/shared/contracts';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { provideI18nTesting } from '../testing/provide-i18n-testing';
import { SchemaCodeField, SchemaForm } from './schema-form';
import { SAMPLE_SCHEMA } from './testing/sample-schema';

const VI = JSON.parse(readFileSync(join(__dirname, '../../../../../../apps/web/public/i18n/vi.json'), 'utf8'));

@Component({
  selector: 'bh-host',
  imports: [SchemaForm, SchemaCodeField],
  template: `
    <bh-schema-form [schema]="schema" [value]="value()" [readonly]="readonly()" (valueChange)="changes.push($event)">
      <ng-template bhSchemaCodeField="icd10" let-control let-id="inputId">
        <input data-testid="custom-code" [id]="id" [value]="control.value ?? ''" (input)="control.setValue($any($event.target).value)" />
      </ng-template>
    </bh-schema-form>
  `,
})
class Host {
  readonly schema: JsonSchema = SAMPLE_SCHEMA;
  readonly value = signal<Record<string, unknown> | null>(null);
  readonly readonly = signal(false);
  readonly changes: Record<string, unknown>[] = [];
  readonly form = viewChild.required(SchemaForm);
}

describe(SchemaForm.name, () => {
  async function render(value: Record<string, unknown> | null = null, readonly = false) {
    TestBed.configureTestingModule({ providers: [provideI18nTesting({ vi: VI })] });
    await firstValueFrom(TestBed.inject(TranslateService).use('vi'));
    const fixture = TestBed.createComponent(Host);
    fixture.componentInstance.value.set(value);
    fixture.componentInstance.readonly.set(readonly);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const input = (id: string) => el.querySelector<HTMLInputElement>(`#${id}`);
    const type = async (id: string, text: string) => {
      const field = input(id);
      if (!field) throw new Error(`no #${id}`);
      field.value = text;
      field.dispatchEvent(new Event('input'));
      field.dispatchEvent(new Event('blur'));
      await fixture.whenStable();
    };
    const errors = (id: string) => el.querySelector(`#${id}--errors`)?.textContent?.trim() ?? '';
    return { fixture, el, host: fixture.componentInstance, input, type, errors };
  }

  it('renders one fieldset per section with a list of sections to jump to', async () => {
    const { el } = await render();
    const legends = Array.from(el.querySelectorAll('p-fieldset > fieldset > legend')).map((l) => l.textContent?.trim());
    expect(legends).toEqual(['Lý do vào viện', 'Khám bệnh', 'Chẩn đoán', 'Y lệnh']);
    const toc = Array.from(el.querySelectorAll('[data-testid="schema-form-sections"] button')).map((b) => b.textContent?.trim());
    expect(toc).toEqual(legends);
    expect(el.querySelector('fieldset.bh-sf__group legend')?.textContent).toContain('Dấu hiệu sinh tồn');
  });

  it('labels fields with their titles, a required mark and the unit', async () => {
    const { el, input } = await render();
    expect(el.querySelector('label[for="sf-reason-text"]')?.textContent).toContain('Lý do');
    expect(el.querySelector('label[for="sf-reason-text"] .bh-sf__required')).not.toBeNull();
    expect(input('sf-reason-text')?.tagName).toBe('TEXTAREA');
    expect(input('sf-examination-vitals-pulse')?.type).toBe('number');
    expect(el.querySelector('[data-field="/examination/vitals/pulse"]')?.textContent).toContain('lần/phút');
  });

  it('says in Vietnamese that a value is out of range, with its unit', async () => {
    const { type, errors } = await render();
    await type('sf-examination-vitals-pulse', '300');
    expect(errors('sf-examination-vitals-pulse')).toBe('Giá trị không được lớn hơn 250 lần/phút.');
    await type('sf-examination-vitals-pulse', '80');
    expect(errors('sf-examination-vitals-pulse')).toBe('');
  });

  it('emits the content as stored after each edit', async () => {
    const { host, type } = await render({ reason: { text: 'Sốt' } });
    await type('sf-examination-vitals-temperature', '38.5');
    expect(host.changes.at(-1)).toEqual({ reason: { text: 'Sốt' }, examination: { vitals: { temperature: 38.5 } } });
    expect(host.form().content()).toEqual(host.changes.at(-1));
  });

  it('fills the fields from the value, including rows of repeating groups', async () => {
    const { el, input } = await render({
      orders: [{ drug: 'Paracetamol', doses: [{ amount: 500 }] }, { drug: 'Ceftriaxone' }],
    });
    expect(el.querySelectorAll('[data-array="orders"] > [data-testid="schema-form-row"]')).toHaveLength(2);
    expect(input('sf-orders-0-drug')?.value).toBe('Paracetamol');
    expect(input('sf-orders-0-doses-0-amount')?.value).toBe('500');
    expect(input('sf-orders-1-drug')?.value).toBe('Ceftriaxone');
  });

  it('adds and removes rows', async () => {
    const { fixture, el, host, type } = await render();
    el.querySelector<HTMLButtonElement>('[data-testid="add-row-orders"]')?.click();
    await fixture.whenStable();
    await type('sf-orders-0-drug', 'Paracetamol');
    el.querySelector<HTMLButtonElement>('[data-testid="add-row-doses"]')?.click();
    await fixture.whenStable();
    await type('sf-orders-0-doses-0-amount', '500');
    expect(host.form().content()).toEqual({ orders: [{ drug: 'Paracetamol', doses: [{ amount: 500 }] }] });

    el.querySelector<HTMLButtonElement>('[data-testid="remove-row-orders"]')?.click();
    await fixture.whenStable();
    expect(host.form().content()).toEqual({});
    expect(el.querySelectorAll('[data-testid="schema-form-row"]')).toHaveLength(0);
  });

  it('renders code fields with the template given for their code system', async () => {
    const { host, type, el } = await render();
    expect(el.querySelector('[data-testid="custom-code"]')?.id).toBe('sf-diagnosis-principal');
    await type('sf-diagnosis-principal', 'J18.9');
    expect(host.form().content()).toEqual({ diagnosis: { principal: 'J18.9' } });
  });

  it('shows the server field errors on their fields and the others above the form', async () => {
    const { fixture, host, el, errors, type } = await render({ orders: [{ doses: [{ amount: 500 }] }] });
    host.form().showServerErrors([
      { field: '/orders/0/doses/0/amount', message: 'phải ≤ 1000' },
      { field: '/nope', message: 'không có mục này' },
    ]);
    await fixture.whenStable();
    expect(errors('sf-orders-0-doses-0-amount')).toBe('phải ≤ 1000');
    expect(el.querySelector('[data-testid="schema-form-unplaced-errors"]')?.textContent).toContain('/nope: không có mục này');
    await type('sf-orders-0-doses-0-amount', '400');
    expect(errors('sf-orders-0-doses-0-amount')).toBe('');
  });

  it('shows a signed version read-only: fields disabled, no add/remove', async () => {
    const { el, input } = await render({ reason: { text: 'Sốt' }, orders: [{ drug: 'Paracetamol' }] }, true);
    expect(input('sf-reason-text')?.disabled).toBe(true);
    expect(input('sf-orders-0-drug')?.disabled).toBe(true);
    expect(el.querySelector('[data-testid="add-row-orders"]')).toBeNull();
    expect(el.querySelector('[data-testid="remove-row-orders"]')).toBeNull();
  });
});
