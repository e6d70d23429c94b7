import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideI18nTesting } from '@benhan/web/ui';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { DEFINITIONS } from '../../../testing/fixtures';
import { storeSession } from '../../../testing/session';
import { VI, vi } from '../../../testing/translations';
import { VitalSignsEntry } from './vital-signs-entry';

jest.setTimeout(30_000);

describe(VitalSignsEntry.name, () => {
  let fixture: ComponentFixture<VitalSignsEntry>;
  let backend: HttpTestingController;
  let el: HTMLElement;

  function type(kind: string, value: string): void {
    const input = el.querySelector<HTMLInputElement>(`[data-testid="vs-${kind}"]`);
    if (!input) throw new Error(`no input for ${kind}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  function save(): { takenAt: string } {
    el.querySelector<HTMLButtonElement>('[data-testid="vs-save"]')?.click();
    const request = backend.expectOne('/api/encounters/e-1/vital-signs');
    const body = request.request.body as { takenAt: string };
    request.flush([]);
    return body;
  }

  beforeEach(async () => {
    storeSession();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideI18nTesting({ vi: VI })] });
    await firstValueFrom(TestBed.inject(TranslateService).use('vi'));
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(VitalSignsEntry);
    fixture.componentRef.setInput('encounterId', 'e-1');
    fixture.componentRef.setInput('definitions', DEFINITIONS);
    fixture.detectChanges();
    el = fixture.nativeElement as HTMLElement;
  });

  afterEach(() => {
    backend.verify();
    sessionStorage.clear();
    jest.useRealTimers();
  });

  it('saves a set at the moment of saving, to the second, while the nurse has not chosen another time', () => {
    jest.useFakeTimers({ now: new Date('2026-11-28T12:32:40.500Z'), doNotFake: ['queueMicrotask', 'nextTick'] });
    type('pulse', '88');
    // The field shows 12:32, but an admission at 12:32:13 must not make a reading taken now "before the stay".
    expect(save().takenAt).toBe('2026-11-28T12:32:40.500Z');
  });

  /** The inner input of the time field, as a nurse types into it (PrimeNG reads what is typed after a key). */
  function timeInput(): HTMLInputElement {
    const input = el.querySelector<HTMLInputElement>('[data-testid="vs-taken-at"] input#vs-taken-at');
    if (!input) throw new Error('no time field');
    return input;
  }

  function typeTime(text: string): void {
    const input = timeInput();
    input.dispatchEvent(new KeyboardEvent('keydown', { key: '5', keyCode: 53 }));
    input.value = text;
    input.dispatchEvent(new Event('input'));
    fixture.detectChanges();
  }

  it('shows the time now as dd/MM/yyyy HH:mm on a 24-hour clock, whatever the browser’s locale', async () => {
    jest.useFakeTimers({ now: new Date(2026, 10, 28, 15, 7, 40), doNotFake: ['queueMicrotask', 'nextTick'] });
    fixture = TestBed.createComponent(VitalSignsEntry);
    fixture.componentRef.setInput('encounterId', 'e-1');
    fixture.componentRef.setInput('definitions', DEFINITIONS);
    fixture.detectChanges();
    await fixture.whenStable();
    el = fixture.nativeElement as HTMLElement;
    expect(timeInput().value).toBe('28/11/2026 15:07');
    expect(timeInput().value).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
  });

  it('saves a set at the time the nurse typed, day first and on a 24-hour clock', () => {
    typeTime('03/11/2026 20:15');
    type('pulse', '88');
    expect(save().takenAt).toBe(new Date(2026, 10, 3, 20, 15).toISOString());
  });

  it('refuses a time that is not one rather than saving the set now', () => {
    typeTime('31/02/2026 8');
    type('pulse', '88');
    el.querySelector<HTMLButtonElement>('[data-testid="vs-save"]')?.click();
    fixture.detectChanges();
    backend.expectNone('/api/encounters/e-1/vital-signs');
    expect(el.querySelector('[data-testid="vs-error"]')?.textContent).toBe(vi('nurse.entry.takenAtRequired'));
  });

  it('moves from the time to the first value on Enter, without saving', () => {
    timeInput().focus();
    timeInput().dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', keyCode: 13, bubbles: true }));
    expect(document.activeElement).toBe(el.querySelector('[data-testid="vs-pulse"]'));
    backend.expectNone('/api/encounters/e-1/vital-signs');
  });
});
