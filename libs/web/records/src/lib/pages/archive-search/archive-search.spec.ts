import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { ArchiveSummary, CurrentUser } from '@benhan/shared/contracts';
import { provideI18nTesting } from '@benhan/web/ui';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { aDirector, anArchive } from '../../../testing/fixtures';
import { storeSession } from '../../../testing/session';
import { VI, vi } from '../../../testing/translations';
import { RecordsStore } from '../../records.store';
import { ArchiveSearch } from './archive-search';

jest.setTimeout(30_000);

const page = (items: ArchiveSummary[], total = items.length, offset = 0) => ({ items, total, limit: 20, offset });

describe(ArchiveSearch.name, () => {
  let fixture: ComponentFixture<ArchiveSearch>;
  let backend: HttpTestingController;
  let el: HTMLElement;

  async function render(items: ArchiveSummary[], user?: CurrentUser, total?: number): Promise<void> {
    storeSession(user);
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideI18nTesting({ vi: VI }), RecordsStore],
    });
    await firstValueFrom(TestBed.inject(TranslateService).use('vi'));
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ArchiveSearch);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    const first = backend.expectOne((r) => r.url === '/api/archives');
    expect(first.request.params.toString()).toBe('limit=20&offset=0&status=stored');
    first.flush(page(items, total));
    await fixture.whenStable();
  }

  afterEach(() => {
    backend.verify();
    sessionStorage.clear();
  });

  const rows = () => Array.from(el.querySelectorAll<HTMLElement>('[data-testid="archive-row"]'));
  const text = (root: ParentNode, testId: string) => root.querySelector(`[data-testid="${testId}"]`)?.textContent?.trim() ?? '';

  async function type(testId: string, value: string): Promise<void> {
    const input = el.querySelector<HTMLInputElement>(`[data-testid="${testId}"]`);
    if (!input) throw new Error(`no ${testId}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }

  /** Submits without waiting for stability: the search it sends stays pending until the test answers it. */
  function submit(): void {
    el.querySelector<HTMLButtonElement>('[data-testid="search-submit"]')?.click();
    fixture.detectChanges();
  }

  it('lists the current archives with generation, retention (or permanently), legal hold and last fixity check', async () => {
    await render([
      anArchive(),
      anArchive({
        id: 'a-2',
        patientName: 'Lê Văn Tám',
        generation: 2,
        retention: { years: null, rule: 'medical_incident: permanent', categories: ['medical_incident'], retainUntil: null },
        legalHold: { reason: 'Tòa án yêu cầu giữ hồ sơ', placedAt: '2026-05-10T02:00:00.000Z', placedByName: 'Phạm Thu Trang' },
        lastFixity: { checkedAt: '2026-05-10T20:00:00.000Z', outcome: 'changed' },
      }),
      anArchive({ id: 'a-3', lastFixity: null }),
    ]);
    const [first, second, third] = rows();
    expect(text(first, 'archive-generation')).toBe('1');
    expect(text(first, 'archive-retention')).toBe('31/12/2036');
    expect(first.querySelector('[data-testid="archive-legal-hold"]')).toBeNull();
    expect(text(first, 'archive-fixity')).toBe(vi('records.fixityOutcome.ok'));
    expect(first.textContent).toContain('J18.9 Viêm phổi, không đặc hiệu');
    expect(first.querySelector('[data-testid="archive-open"]')?.getAttribute('href')).toBe('/records/archives/a-1');

    expect(text(second, 'archive-retention')).toBe('Vĩnh viễn');
    expect(text(second, 'archive-legal-hold')).toBe(vi('records.common.onHold'));
    expect(second.querySelector('[data-testid="archive-legal-hold"]')?.getAttribute('title')).toBe('Tòa án yêu cầu giữ hồ sơ');
    expect(text(second, 'archive-fixity')).toBe('Tệp bị thay đổi');
    expect(text(third, 'archive-fixity-never')).toBe(vi('records.common.neverChecked'));
    expect(text(el, 'search-total')).toBe('3 hồ sơ');
  });

  it('searches by patient, record number, ICD-10 prefix and discharge dates, with only what is filled in', async () => {
    await render([]);
    expect(text(el, 'archives-empty')).toBe(vi('records.search.empty'));
    await type('search-q', ' hoang thi lua ');
    await type('search-diagnosis', 'j18');
    const search = fixture.componentInstance as unknown as { set(name: string, value: unknown): void };
    search.set('endedFrom', new Date(2026, 4, 1));
    search.set('endedTo', new Date(2026, 4, 31));
    search.set('status', null);
    submit();
    const req = backend.expectOne((r) => r.url === '/api/archives');
    expect(req.request.params.toString()).toBe('limit=20&offset=0&q=hoang%20thi%20lua&diagnosis=J18&endedFrom=2026-05-01&endedTo=2026-05-31');
    req.flush(page([anArchive()]));
    await fixture.whenStable();
    expect(rows()).toHaveLength(1);
  });

  it('refuses a diagnosis that is not an ICD-10 code, and a date range that ends before it starts, without searching', async () => {
    await render([]);
    await type('search-diagnosis', 'viêm phổi');
    const search = fixture.componentInstance as unknown as { set(name: string, value: unknown): void };
    search.set('endedFrom', new Date(2026, 4, 31));
    search.set('endedTo', new Date(2026, 4, 1));
    submit();
    await fixture.whenStable();
    backend.expectNone((r) => r.url === '/api/archives');
    expect(text(el, 'search-diagnosis-problem')).toBe(vi('records.search.diagnosisInvalid'));
    expect(text(el, 'search-range-problem')).toBe(vi('records.search.rangeInvalid'));
  });

  it('pages through more results than fit on one page', async () => {
    await render(
      Array.from({ length: 20 }, (_, i) => anArchive({ id: `a-${i}` })),
      undefined,
      45,
    );
    expect(text(el, 'search-total')).toBe('45 hồ sơ');
    (fixture.componentInstance as unknown as { turnPage(e: { first: number; rows: number }): void }).turnPage({ first: 20, rows: 20 });
    fixture.detectChanges();
    const next = backend.expectOne((r) => r.url === '/api/archives');
    expect(next.request.params.get('offset')).toBe('20');
    next.flush(page([anArchive()], 45, 20));
    await fixture.whenStable();
  });

  it('exports the whole archive as a tar with a required reason', async () => {
    await render([]);
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    Object.assign(URL, { createObjectURL: jest.fn(() => 'blob:x'), revokeObjectURL: jest.fn() });
    el.querySelector<HTMLButtonElement>('[data-testid="export-open"]')?.click();
    await fixture.whenStable();
    document.querySelector<HTMLButtonElement>('[data-testid="reason-submit"]')?.click();
    await fixture.whenStable();
    expect(document.querySelector('[data-testid="reason-required"]')?.textContent?.trim()).toBe(vi('records.common.textRequired'));
    backend.expectNone((r) => r.url === '/api/archives/export');

    const reason = document.querySelector<HTMLTextAreaElement>('[data-testid="reason-input"]');
    if (!reason) throw new Error('no reason');
    reason.value = 'Chuyển kho lưu trữ sang máy chủ mới';
    reason.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    document.querySelector<HTMLButtonElement>('[data-testid="reason-submit"]')?.click();
    const req = backend.expectOne((r) => r.url === '/api/archives/export');
    expect(req.request.params.get('reason')).toBe('Chuyển kho lưu trữ sang máy chủ mới');
    req.flush(new Blob(['tar'], { type: 'application/x-tar' }));
    await fixture.whenStable();
    expect(click).toHaveBeenCalledTimes(1);
    expect(text(el, 'search-notice')).toBe(vi('records.export.done'));
    click.mockRestore();
  });

  it('offers a director no export', async () => {
    await render([anArchive()], aDirector());
    expect(el.querySelector('[data-testid="export-open"]')).toBeNull();
    expect(rows()).toHaveLength(1);
  });
});
