import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { provideRouter } from '@angular/router';
import type { CurrentUser, DischargeQueueItem, Page } from '@benhan/shared/contracts';
import { provideI18nTesting } from '@benhan/web/ui';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { aDirector, anArchive, aQueueItem, completeness, gaps } from '../../../testing/fixtures';
import { storeSession } from '../../../testing/session';
import { VI, vi } from '../../../testing/translations';
import { ArchiveDialog } from '../../components/archive-dialog/archive-dialog';
import { RecordsStore } from '../../records.store';
import { DischargeQueue } from './discharge-queue';

jest.setTimeout(30_000);

const INCOMPLETE = aQueueItem({
  encounterId: 'e-2',
  patientName: 'Lê Văn Tám',
  patientCode: 'BN000200',
  recordNumber: 'NT-2026-000050',
  endedAt: '2026-05-06T03:00:00.000Z',
  completeness: completeness({ encounterId: 'e-2', complete: false, ...gaps() }),
});

describe(DischargeQueue.name, () => {
  let fixture: ComponentFixture<DischargeQueue>;
  let backend: HttpTestingController;
  let el: HTMLElement;

  async function render(items: DischargeQueueItem[], user?: CurrentUser, total = items.length): Promise<void> {
    storeSession(user);
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideI18nTesting({ vi: VI }), RecordsStore],
    });
    await firstValueFrom(TestBed.inject(TranslateService).use('vi'));
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(DischargeQueue);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    backend.expectOne('/api/records/queue?scope=pending&limit=25&offset=0').flush(pageOf(items, total));
    await fixture.whenStable();
  }

  afterEach(() => {
    backend.verify();
    sessionStorage.clear();
  });

  const rows = () => Array.from(el.querySelectorAll<HTMLElement>('[data-testid="queue-row"]'));
  const text = (root: ParentNode, testId: string) => root.querySelector(`[data-testid="${testId}"]`)?.textContent?.trim() ?? '';
  const click = async (root: ParentNode, testId: string) => {
    root.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`)?.click();
    await fixture.whenStable();
  };

  it('lists the discharged records in the server’s order (longest waiting first) with how complete each is', async () => {
    await render([INCOMPLETE, aQueueItem()]);
    const [first, second] = rows();
    expect(text(first, 'queue-patient')).toBe('Lê Văn Tám');
    expect(text(first, 'queue-record-number')).toBe('NT-2026-000050');
    expect(text(first, 'completeness-missing-count')).toBe('Thiếu 1');
    expect(text(first, 'completeness-awaiting-count')).toBe('1 chờ ký');
    expect(text(first, 'completeness-drafts-count')).toBe('1 nháp chưa đủ');
    expect(text(second, 'completeness-complete')).toBe(vi('records.queue.complete'));
    expect(second.querySelector('[data-testid="queue-toggle-detail"]')).toBeNull();
    expect(second.textContent).toContain(vi('records.queue.notArchived'));
  });

  it('expands an incomplete record to what is missing, awaiting signature and still a draft', async () => {
    await render([INCOMPLETE]);
    expect(el.querySelector('[data-testid="queue-detail"]')).toBeNull();
    await click(rows()[0], 'queue-toggle-detail');
    const detail = el.querySelector<HTMLElement>('[data-testid="queue-detail"]');
    expect(text(detail ?? el, 'completeness-missing')).toContain('Giấy ra viện');
    expect(text(detail ?? el, 'completeness-awaiting')).toContain('01/BV1 phiên bản 2: chờ Trưởng khoa');
    expect(text(detail ?? el, 'completeness-incomplete')).toContain('39/BV2 phiên bản 1');
    await click(rows()[0], 'queue-toggle-detail');
    expect(el.querySelector('[data-testid="queue-detail"]')).toBeNull();
  });

  async function openArchive(row: HTMLElement): Promise<ArchiveDialog> {
    await click(row, 'queue-archive');
    return fixture.debugElement.query(By.directive(ArchiveDialog)).componentInstance as ArchiveDialog;
  }

  it('archives a record with the retention categories the office asserts, and says until when it is kept', async () => {
    await render([aQueueItem()]);
    const dialog = await openArchive(rows()[0]);
    (dialog as unknown as { categories: { set(v: string[]): void } }).categories.set(['medical_incident', 'death']);
    await fixture.whenStable();
    expect(Array.from(document.querySelectorAll('[data-testid="archive-category-chosen"]')).map((e) => e.textContent)).toEqual([
      'Sự cố y khoa',
      'Tử vong',
    ]);
    await click(document, 'archive-submit');
    const req = backend.expectOne({ method: 'POST', url: '/api/encounters/e-1/archive' });
    expect(req.request.body).toEqual({ categories: ['medical_incident', 'death'] });
    req.flush(anArchive({ retention: { years: 30, rule: 'death: 30 years', categories: ['medical_incident', 'death'], retainUntil: '2056-12-31' } }), {
      status: 201,
      statusText: 'Created',
    });
    fixture.detectChanges();
    backend.expectOne('/api/records/queue?scope=pending&limit=25&offset=0').flush(pageOf([]));
    await fixture.whenStable();
    expect(text(el, 'queue-notice')).toBe('Đã lưu trữ hồ sơ của Trịnh Thị Ngọc Ánh (thế hệ 1), lưu đến 31/12/2056.');
  });

  it('lists what is missing when the server refuses an incomplete record (409 record_incomplete), and archives nothing', async () => {
    await render([INCOMPLETE]);
    await openArchive(rows()[0]);
    await click(document, 'archive-submit');
    backend.expectOne({ method: 'POST', url: '/api/encounters/e-2/archive' }).flush(
      { type: 'https://benhan.dev/problems/record_incomplete', title: 'Conflict', status: 409, ...gaps() },
      { status: 409, statusText: 'Conflict' },
    );
    await fixture.whenStable();
    expect(text(document, 'archive-error')).toBe(vi('records.archiveDialog.incomplete'));
    const missing = document.querySelector<HTMLElement>('[data-testid="archive-missing"]');
    expect(missing?.querySelectorAll('li')).toHaveLength(3);
    expect(text(missing ?? document, 'completeness-missing')).toContain('Giấy ra viện (RV/BV1)');
    expect(el.querySelector('[data-testid="queue-notice"]')).toBeNull();
  });

  it('says so when the record was archived meanwhile (409 already_archived)', async () => {
    await render([aQueueItem()]);
    await openArchive(rows()[0]);
    await click(document, 'archive-submit');
    backend
      .expectOne('/api/encounters/e-1/archive')
      .flush({ type: 'https://benhan.dev/problems/already_archived', title: 'Conflict', status: 409 }, { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    expect(text(document, 'archive-error')).toBe(vi('records.problem.already_archived'));
    expect(document.querySelector('[data-testid="archive-missing"]')).toBeNull();
  });

  it('shows archived and re-opened records in the other scopes, offering to archive a re-opened one again', async () => {
    await render([]);
    expect(text(el, 'queue-empty')).toBe(vi('records.queue.empty'));
    (fixture.componentInstance as unknown as { selectScope(s: string): void }).selectScope('all');
    fixture.detectChanges();
    backend.expectOne('/api/records/queue?scope=all&limit=25&offset=0').flush(
      pageOf([
        aQueueItem({ archive: { id: 'a-1', generation: 1, archivedAt: '2026-05-09T02:00:00.000Z' } }),
        aQueueItem({ encounterId: 'e-3', archive: { id: 'a-3', generation: 1, archivedAt: '2026-05-09T02:00:00.000Z' }, reopened: true }),
      ]),
    );
    await fixture.whenStable();
    const [archived, reopened] = rows();
    expect(archived.querySelector('[data-testid="queue-archive-link"]')?.getAttribute('href')).toBe('/records/archives/a-1');
    expect(archived.querySelector('[data-testid="queue-archive"]')).toBeNull();
    expect(text(reopened, 'queue-reopened')).toBe(vi('records.queue.reopened'));
    expect(reopened.querySelector('[data-testid="queue-archive"]')).not.toBeNull();
  });

  it('reads a long queue a page at a time, and goes back to the first page when the scope changes', async () => {
    const many = Array.from({ length: 25 }, (_, i) => aQueueItem({ encounterId: `e-${i}` }));
    await render(many, undefined, 60);
    expect(rows()).toHaveLength(25);
    expect(el.querySelector('.p-paginator-current')?.textContent).toContain('1–25 trên 60 hồ sơ');
    el.querySelector<HTMLButtonElement>('.p-paginator-next')?.click();
    await new Promise((resolve) => setTimeout(resolve));
    backend.expectOne('/api/records/queue?scope=pending&limit=25&offset=25').flush({ ...pageOf([aQueueItem({ encounterId: 'e-25' })], 60), offset: 25 });
    await fixture.whenStable();
    expect(rows().map((r) => r.dataset['encounterId'])).toEqual(['e-25']);
    (fixture.componentInstance as unknown as { selectScope(s: string): void }).selectScope('archived');
    fixture.detectChanges();
    backend.expectOne('/api/records/queue?scope=archived&limit=25&offset=0').flush(pageOf([]));
    await fixture.whenStable();
    expect(text(el, 'queue-empty')).toBe(vi('records.queue.empty'));
  });

  it('lets a director read the queue without archiving', async () => {
    await render([aQueueItem()], aDirector());
    expect(text(el, 'queue-read-only')).toBe(vi('records.common.readOnly'));
    expect(el.querySelector('[data-testid="queue-archive"]')).toBeNull();
  });
});

function pageOf(items: DischargeQueueItem[], total = items.length): Page<DischargeQueueItem> {
  return { items, total, limit: 25, offset: 0 };
}
