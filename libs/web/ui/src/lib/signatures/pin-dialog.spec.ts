import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { TranslateService, type TranslationObject } from '@ngx-translate/core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { firstValueFrom } from 'rxjs';
import { provideI18nTesting } from '../testing/provide-i18n-testing';
import { PinDialog } from './pin-dialog';

jest.setTimeout(30_000);

const VI = JSON.parse(readFileSync(join(__dirname, '../../../../../../apps/web/public/i18n/vi.json'), 'utf8')) as TranslationObject;

describe(PinDialog.name, () => {
  let fixture: ComponentFixture<PinDialog>;
  let submitted: string[];

  async function render(inputs: Record<string, unknown> = {}): Promise<void> {
    TestBed.configureTestingModule({
      providers: [provideI18nTesting({ vi: VI })],
    });
    await firstValueFrom(TestBed.inject(TranslateService).use('vi'));
    fixture = TestBed.createComponent(PinDialog);
    submitted = [];
    fixture.componentInstance.pinSubmit.subscribe((pin) => submitted.push(pin));
    fixture.componentRef.setInput('visible', true);
    for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
    await fixture.whenStable();
  }

  const q = <T extends Element = HTMLElement>(testId: string) => document.querySelector<T>(`[data-testid="${testId}"]`);
  const text = (testId: string) => q(testId)?.textContent?.trim() ?? '';

  async function type(testId: string, value: string): Promise<void> {
    const input = q<HTMLInputElement>(testId);
    if (!input) throw new Error(`no ${testId}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }

  async function submit(): Promise<void> {
    q<HTMLButtonElement>('pin-submit')?.click();
    await fixture.whenStable();
  }

  afterEach(() => fixture?.destroy());

  it('is a numeric password field and refuses a PIN of fewer than 6 digits without sending it', async () => {
    await render({ stepLabel: 'Bác sĩ làm bệnh án' });
    const input = q<HTMLInputElement>('pin-input');
    expect([input?.type, input?.inputMode]).toEqual(['password', 'numeric']);
    expect(text('pin-step')).toBe('Ký với tư cách: Bác sĩ làm bệnh án');
    await type('pin-input', '12345');
    await submit();
    expect(text('pin-error')).toBe('Mã PIN gồm từ 6 đến 12 chữ số.');
    expect(submitted).toEqual([]);

    await type('pin-input', '123456');
    await submit();
    expect(submitted).toEqual(['123456']);
  });

  it('shows the attempts left after a wrong PIN, and clears the field', async () => {
    await render();
    await type('pin-input', '000000');
    fixture.componentRef.setInput('problem', { code: 'wrong_pin' });
    fixture.componentRef.setInput('remainingAttempts', 2);
    await fixture.whenStable();
    expect(text('pin-problem')).toBe('Mã PIN không đúng.');
    expect(text('pin-remaining')).toBe('Còn 2 lần thử trước khi chức năng ký bị khóa.');
    expect(q<HTMLInputElement>('pin-input')?.value).toBe('');
  });

  it('says signing is locked and offers no PIN field nor submit', async () => {
    await render({ locked: true, remainingAttempts: 0 });
    expect(text('pin-locked')).toContain('đã bị khóa');
    expect(q('pin-input')).toBeNull();
    expect(q('pin-remaining')).toBeNull();
    expect(q<HTMLButtonElement>('pin-submit')?.disabled).toBe(true);
  });

  it('shows whose step it is (the server’s detail) and blocks another try', async () => {
    await render({
      problem: { code: 'not_your_step', detail: 'Bước 2 do Trưởng khoa ký.' },
    });
    expect(text('pin-problem')).toBe('Chưa đến lượt ký của bạn: Bước 2 do Trưởng khoa ký.');
    expect(q<HTMLButtonElement>('pin-submit')?.disabled).toBe(true);
  });

  it('asks for the new PIN twice when enrolling and sends it only when both match', async () => {
    await render({ mode: 'enrol' });
    expect(q('pin-enrol-intro')).not.toBeNull();
    await type('pin-input', '246810');
    await type('pin-confirm', '246811');
    await submit();
    expect(text('pin-error')).toBe('Hai lần nhập mã PIN không khớp.');
    expect(submitted).toEqual([]);
    await type('pin-confirm', '246810');
    await submit();
    expect(submitted).toEqual(['246810']);
  });
});
