import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { CurrentUser, FixityRun } from '@benhan/shared/contracts';
import { provideI18nTesting } from '@benhan/web/ui';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { aDirector, aFixityRun } from '../../../testing/fixtures';
import { storeSession } from '../../../testing/session';
import { VI, vi } from '../../../testing/translations';
import { RecordsStore } from '../../records.store';
import { Fixity } from './fixity';

jest.setTimeout(30_000);

const WITH_PROBLEMS = aFixityRun({
  id: 'f-2',
  trigger: 'manual',
  startedAt: '2026-05-13T02:00:00.000Z',
  checked: 3,
  ok: 1,
  problems: [
    { archiveId: 'a-1', storeKey: '2026/05/a-1-g1.pdf', outcome: 'changed', detail: 'SHA-256 khác với lúc lưu trữ' },
    { archiveId: 'a-2', storeKey: '2026/05/a-2-g1.pdf', outcome: 'missing', detail: 'Không tìm thấy tệp' },
  ],
});

describe(Fixity.name, () => {
  let fixture: ComponentFixture<Fixity>;
  let backend: HttpTestingController;
  let el: HTMLElement;

  async function render(runs: FixityRun[], user?: CurrentUser): Promise<void> {
    storeSession(user);
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideI18nTesting({ vi: VI }), RecordsStore],
    });
    await firstValueFrom(TestBed.inject(TranslateService).use('vi'));
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Fixity);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    backend.expectOne('/api/fixity/runs?limit=20').flush(runs);
    await fixture.whenStable();
  }

  afterEach(() => {
    backend.verify();
    sessionStorage.clear();
  });

  const text = (testId: string) => el.querySelector(`[data-testid="${testId}"]`)?.textContent?.trim() ?? '';

  it('shows the last run’s counts and each problem with the archive it belongs to', async () => {
    await render([WITH_PROBLEMS, aFixityRun()]);
    expect(text('fixity-verdict')).toBe('2 vấn đề');
    expect([text('fixity-checked'), text('fixity-ok')]).toEqual(['3', '1']);
    const problems = Array.from(el.querySelectorAll('[data-testid="fixity-problem-row"]'));
    expect(problems.map((p) => p.getAttribute('data-outcome'))).toEqual(['changed', 'missing']);
    expect(problems[0].querySelector('a')?.getAttribute('href')).toBe('/records/archives/a-1');
    expect(problems[1].textContent).toContain('Mất tệp');
    expect(el.querySelectorAll('[data-testid="fixity-run-row"]')).toHaveLength(2);
  });

  it('says when every file is intact, and when nothing was checked yet', async () => {
    await render([aFixityRun()]);
    expect(text('fixity-verdict')).toBe(vi('records.fixity.allOk'));
    expect(el.querySelector('[data-testid="fixity-problems"]')).toBeNull();
  });

  it('runs a check now and shows its result', async () => {
    await render([]);
    expect(text('fixity-never')).toBe(vi('records.fixity.noRuns'));
    el.querySelector<HTMLButtonElement>('[data-testid="fixity-run"]')?.click();
    fixture.detectChanges();
    backend.expectOne({ method: 'POST', url: '/api/fixity/runs' }).flush(WITH_PROBLEMS);
    fixture.detectChanges();
    backend.expectOne('/api/fixity/runs?limit=20').flush([WITH_PROBLEMS]);
    await fixture.whenStable();
    expect(text('fixity-notice')).toBe('Đã kiểm tra 3 tệp, 2 vấn đề.');
    expect(text('fixity-verdict')).toBe('2 vấn đề');
  });

  it('lets a director read the runs without running one', async () => {
    await render([aFixityRun()], aDirector());
    expect(el.querySelector('[data-testid="fixity-run"]')).toBeNull();
  });
});
