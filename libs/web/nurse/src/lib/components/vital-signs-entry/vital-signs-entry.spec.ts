import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideI18nTesting } from '@benhan/web/ui';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { DEFINITIONS } from '../../../testing/fixtures';
import { storeSession } from '../../../testing/session';
import { VI } from '../../../testing/translations';
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

  it('saves a set at the time the nurse chose', () => {
    const chosen = el.querySelector<HTMLInputElement>('[data-testid="vs-taken-at"]');
    if (!chosen) throw new Error('no time field');
    chosen.value = '2026-11-28T08:15';
    chosen.dispatchEvent(new Event('change'));
    type('pulse', '88');
    expect(save().takenAt).toBe(new Date(2026, 10, 28, 8, 15).toISOString());
  });
});
