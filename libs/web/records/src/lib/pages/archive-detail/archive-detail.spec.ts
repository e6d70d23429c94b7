import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { ActivatedRoute, convertToParamMap, provideRouter } from '@angular/router';
import type { ArchiveSummary, CurrentUser, Page } from '@benhan/shared/contracts';
import { provideI18nTesting } from '@benhan/web/ui';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom, of } from 'rxjs';
import { aDirector, aLoan, anAccessEntry, anArchive } from '../../../testing/fixtures';
import { storeSession } from '../../../testing/session';
import { VI, vi } from '../../../testing/translations';
import { LoanDialog } from '../../components/loan-dialog/loan-dialog';
import { RecordsStore } from '../../records.store';
import { ArchiveDetail } from './archive-detail';

jest.setTimeout(30_000);

describe(ArchiveDetail.name, () => {
  let fixture: ComponentFixture<ArchiveDetail>;
  let backend: HttpTestingController;
  let el: HTMLElement;
  let saved: string[];

  async function render(archive: ArchiveSummary = anArchive(), user?: CurrentUser): Promise<void> {
    storeSession(user);
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideI18nTesting({ vi: VI }),
        RecordsStore,
        { provide: ActivatedRoute, useValue: { paramMap: of(convertToParamMap({ id: 'a-1' })) } },
      ],
    });
    await firstValueFrom(TestBed.inject(TranslateService).use('vi'));
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ArchiveDetail);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    backend.expectOne('/api/archives/a-1').flush(archive);
    backend.expectOne('/api/archives/a-1/loans').flush([aLoan(), aLoan({ id: 'l-0', borrower: 'Bảo hiểm xã hội', dueAt: '2026-05-01T16:59:59.000Z', lentAt: '2026-04-20T02:00:00.000Z' })]);
    backend.expectOne('/api/archives/a-1/access?limit=20&offset=0').flush(pageOf([anAccessEntry()]));
    await fixture.whenStable();
    saved = [];
    Object.assign(URL, { createObjectURL: jest.fn(() => 'blob:http://localhost/a-1'), revokeObjectURL: jest.fn() });
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
  }

  afterEach(() => {
    backend.verify();
    sessionStorage.clear();
    jest.restoreAllMocks();
  });

  const text = (root: ParentNode, testId: string) => root.querySelector(`[data-testid="${testId}"]`)?.textContent?.trim() ?? '';
  const click = async (root: ParentNode, testId: string) => {
    root.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`)?.click();
    await fixture.whenStable();
  };
  /** Types into the reason dialog and confirms with its main or second action, without waiting for the call. */
  function answer(reason: string, action: 'reason-submit' | 'reason-secondary' = 'reason-submit'): void {
    const input = document.querySelector<HTMLTextAreaElement>('[data-testid="reason-input"]');
    if (!input) throw new Error('no reason dialog');
    input.value = reason;
    input.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    document.querySelector<HTMLButtonElement>(`[data-testid="${action}"]`)?.click();
    fixture.detectChanges();
  }

  it('shows what was archived and how it is kept, its loans (overdue marked) and its access log', async () => {
    await render();
    expect(text(el, 'detail-patient')).toBe('Trịnh Thị Ngọc Ánh');
    expect(text(el, 'detail-generation')).toBe('Thế hệ 1');
    expect(text(el, 'detail-status')).toBe(vi('records.archiveStatus.stored'));
    expect(text(el, 'detail-sha256')).toBe(anArchive().sha256);
    expect(text(el, 'detail-retention')).toContain('31/12/2036');
    expect(text(el, 'detail-retention')).toContain('Căn cứ: inpatient: 10 years');
    expect(el.querySelector('[data-testid="detail-lookup"]')?.getAttribute('href')).toBe('/verify/A9F86D08188');
    expect(text(el, 'detail-facts')).toContain('1,5 MB, 24 trang, 9 văn bản');
    const loans = Array.from(el.querySelectorAll('[data-testid="loan-row"]'));
    expect(loans.map((l) => l.querySelector('[data-testid="loan-overdue"]') !== null)).toEqual([false, true]);
    expect(text(el, 'access-purpose')).toBe('Bảo hiểm xã hội đề nghị giám định');
  });

  it('reads a long access log a page at a time, newest first as the server sends it', async () => {
    await render();
    const entries = Array.from({ length: 20 }, (_, i) => anAccessEntry({ id: `x-${i}` }));
    fixture.componentInstance['access'].reload();
    await new Promise((resolve) => setTimeout(resolve));
    backend.expectOne('/api/archives/a-1/access?limit=20&offset=0').flush(pageOf(entries, 130));
    await fixture.whenStable();
    const log = el.querySelector('[data-testid="access-log"]') as HTMLElement;
    expect(log.querySelector('.p-paginator-current')?.textContent).toContain('1–20 trên 130 lượt');
    log.querySelector<HTMLButtonElement>('.p-paginator-next')?.click();
    await new Promise((resolve) => setTimeout(resolve));
    backend.expectOne('/api/archives/a-1/access?limit=20&offset=20').flush({ ...pageOf([anAccessEntry({ id: 'x-20' })], 130), offset: 20 });
    await fixture.whenStable();
    expect(el.querySelectorAll('[data-testid="access-row"]')).toHaveLength(1);
  });

  it('takes the file out only with a purpose, downloads it and logs the access', async () => {
    await render();
    await click(el, 'detail-download');
    document.querySelector<HTMLButtonElement>('[data-testid="reason-submit"]')?.click();
    await fixture.whenStable();
    expect(text(document, 'reason-required')).toBe(vi('records.common.textRequired'));
    backend.expectNone((r) => r.url.endsWith('/pdf'));

    answer('Bảo hiểm xã hội đề nghị giám định');
    const pdf = backend.expectOne((r) => r.url === '/api/archives/a-1/pdf');
    expect(pdf.request.params.get('purpose')).toBe('Bảo hiểm xã hội đề nghị giám định');
    pdf.flush(new Blob(['%PDF'], { type: 'application/pdf' }));
    fixture.detectChanges();
    backend.expectOne('/api/archives/a-1/access?limit=20&offset=0').flush(pageOf([anAccessEntry(), anAccessEntry({ id: 'x-2' })]));
    await fixture.whenStable();
    expect(saved).toEqual(['NT-2026-000045-g1.pdf']);
    expect(text(el, 'detail-notice')).toBe(vi('records.detail.downloadedNotice'));
    expect(el.querySelectorAll('[data-testid="access-row"]')).toHaveLength(2);
  });

  it('previews the file with the purpose instead, in the print preview', async () => {
    await render();
    await click(el, 'detail-download');
    answer('Hội chẩn chuyên môn', 'reason-secondary');
    await new Promise((resolve) => setTimeout(resolve));
    fixture.detectChanges();
    const pdf = backend.expectOne((r) => r.url === '/api/archives/a-1/pdf');
    expect(pdf.request.params.get('purpose')).toBe('Hội chẩn chuyên môn');
    pdf.flush(new Blob(['%PDF'], { type: 'application/pdf' }));
    await fixture.whenStable();
    expect(document.querySelector('[data-testid="print-preview-frame"]')?.getAttribute('src')).toBe('blob:http://localhost/a-1');
  });

  it('places a legal hold with a reason', async () => {
    await render();
    await click(el, 'detail-hold-on');
    answer('Tòa án nhân dân quận Ba Đình yêu cầu giữ hồ sơ');
    const req = backend.expectOne({ method: 'PUT', url: '/api/archives/a-1/legal-hold' });
    expect(req.request.body).toEqual({ hold: true, reason: 'Tòa án nhân dân quận Ba Đình yêu cầu giữ hồ sơ' });
    req.flush(anArchive({ legalHold: { reason: 'Tòa án nhân dân quận Ba Đình yêu cầu giữ hồ sơ', placedAt: '2026-05-12T02:00:00.000Z', placedByName: 'Phạm Thu Trang' } }));
    await fixture.whenStable();
    expect(text(el, 'detail-legal-hold')).toBe(vi('records.common.onHold'));
    expect(text(el, 'detail-hold-reason')).toContain('Tòa án nhân dân quận Ba Đình');
    expect(el.querySelector('[data-testid="detail-hold-off"]')).not.toBeNull();
    expect(text(el, 'detail-notice')).toBe(vi('records.detail.heldNotice'));
  });

  it('re-opens the record for amendment with a reason, saying the next archive is a new generation', async () => {
    await render();
    await click(el, 'detail-reopen');
    answer('Bổ sung kết quả giải phẫu bệnh');
    const req = backend.expectOne({ method: 'POST', url: '/api/archives/a-1/reopen' });
    expect(req.request.body).toEqual({ reason: 'Bổ sung kết quả giải phẫu bệnh' });
    req.flush(anArchive());
    await fixture.whenStable();
    expect(text(el, 'detail-notice')).toBe('Đã mở lại hồ sơ. Lần lưu trữ tới sẽ là thế hệ 2.');
  });

  it('keeps the dialog open with the server’s refusal', async () => {
    await render();
    await click(el, 'detail-reopen');
    answer('Bổ sung');
    backend
      .expectOne('/api/archives/a-1/reopen')
      .flush({ type: 'https://benhan.dev/problems/not_reopenable', title: 'Conflict', status: 409 }, { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    expect(text(document, 'reason-problem')).toBe(vi('records.problem.not_reopenable'));
  });

  it('lends the record until the end of the chosen day, and takes it back', async () => {
    await render();
    await click(el, 'detail-lend');
    const dialog = fixture.debugElement.query(By.directive(LoanDialog)).componentInstance as unknown as Record<string, { set(v: unknown): void }>;
    dialog['borrower'].set('Tòa án nhân dân quận Ba Đình');
    dialog['purpose'].set('Hồ sơ vụ án dân sự');
    dialog['due'].set(new Date(2099, 5, 11));
    await fixture.whenStable();
    document.querySelector<HTMLButtonElement>('[data-testid="loan-submit"]')?.click();
    fixture.detectChanges();
    const lend = backend.expectOne({ method: 'POST', url: '/api/archives/a-1/loans' });
    expect(lend.request.body).toEqual({
      borrower: 'Tòa án nhân dân quận Ba Đình',
      purpose: 'Hồ sơ vụ án dân sự',
      dueAt: new Date(2099, 5, 11, 23, 59, 59).toISOString(),
    });
    lend.flush(aLoan());
    fixture.detectChanges();
    backend.expectOne('/api/archives/a-1/loans').flush([aLoan()]);
    backend.expectOne('/api/archives/a-1/access?limit=20&offset=0').flush(pageOf([]));
    await fixture.whenStable();
    expect(text(el, 'detail-notice')).toBe('Đã cho Tòa án nhân dân quận Ba Đình mượn hồ sơ.');

    el.querySelector<HTMLButtonElement>('[data-testid="loan-return"]')?.click();
    backend.expectOne({ method: 'POST', url: '/api/loans/l-1/return' }).flush(aLoan({ returnedAt: '2026-05-20T02:00:00.000Z' }));
    fixture.detectChanges();
    backend.expectOne('/api/archives/a-1/loans').flush([aLoan({ returnedAt: '2026-05-20T02:00:00.000Z' })]);
    backend.expectOne('/api/archives/a-1/access?limit=20&offset=0').flush(pageOf([]));
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="loan-return"]')).toBeNull();
  });

  it('lets a director take the file out but not lend, hold, re-open or take back', async () => {
    await render(anArchive(), aDirector());
    expect(el.querySelector('[data-testid="detail-download"]')).not.toBeNull();
    for (const action of ['detail-lend', 'detail-hold-on', 'detail-reopen', 'loan-return']) {
      expect(el.querySelector(`[data-testid="${action}"]`)).toBeNull();
    }
  });

  it('offers nothing to take out of a disposed archive', async () => {
    await render(anArchive({ status: 'disposed', disposedAt: '2026-05-12T02:00:00.000Z' }));
    expect(text(el, 'detail-status')).toBe(vi('records.archiveStatus.disposed'));
    for (const action of ['detail-download', 'detail-hold-on', 'detail-reopen']) {
      expect(el.querySelector(`[data-testid="${action}"]`)).toBeNull();
    }
  });
});

function pageOf<T>(items: T[], total = items.length): Page<T> {
  return { items, total, limit: 20, offset: 0 };
}
