import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { ArchiveSummary, CurrentUser, DisposalRecord, Page } from '@benhan/shared/contracts';
import { provideI18nTesting } from '@benhan/web/ui';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { aDirector, aDisposal, anArchive, aRecordsOfficer } from '../../../testing/fixtures';
import { storeSession } from '../../../testing/session';
import { VI, vi } from '../../../testing/translations';
import { RecordsStore } from '../../records.store';
import { Disposals } from './disposals';

jest.setTimeout(30_000);

const PAST_RETENTION = anArchive({
  id: 'a-old',
  patientName: 'Lê Văn Tám',
  recordNumber: 'NT-2010-000012',
  endedAt: '2010-03-01T03:00:00.000Z',
  retention: { years: 10, rule: 'inpatient: 10 years', categories: [], retainUntil: '2020-12-31' },
});
/** As the server sends them: the latest decision first. */
const DECIDED = [
  aDisposal({ id: 'd-3', status: 'rejected', decidedAt: '2026-04-03T02:00:00.000Z', decidedByName: 'TS.BS. Hoàng Văn Bình' }),
  aDisposal({ id: 'd-2', status: 'approved', decidedAt: '2026-04-02T02:00:00.000Z', decidedByName: 'TS.BS. Hoàng Văn Bình', disposedAt: '2026-04-02T02:00:01.000Z' }),
];

describe(Disposals.name, () => {
  let fixture: ComponentFixture<Disposals>;
  let backend: HttpTestingController;
  let el: HTMLElement;

  async function render(user: CurrentUser): Promise<void> {
    await mount(user);
    answer3(user, [PAST_RETENTION], [aDisposal()], DECIDED);
    await fixture.whenStable();
  }

  /** The page created, its lists asked for and not answered yet. */
  async function mount(user: CurrentUser): Promise<void> {
    storeSession(user);
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideI18nTesting({ vi: VI }), RecordsStore],
    });
    await firstValueFrom(TestBed.inject(TranslateService).use('vi'));
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Disposals);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  }

  afterEach(() => {
    backend.verify();
    sessionStorage.clear();
  });

  const text = (root: ParentNode, testId: string) => root.querySelector(`[data-testid="${testId}"]`)?.textContent?.trim() ?? '';
  const count = (testId: string) => el.querySelectorAll(`[data-testid="${testId}"]`).length;
  function answer(reason: string): void {
    const input = document.querySelector<HTMLTextAreaElement>('[data-testid="reason-input"]');
    if (!input) throw new Error('no reason dialog');
    input.value = reason;
    input.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    document.querySelector<HTMLButtonElement>('[data-testid="reason-submit"]')?.click();
    fixture.detectChanges();
  }
  /** The page's three lists, each read a page at a time: candidates (records office only), proposals, decided. */
  function answer3(user: CurrentUser, candidates: ArchiveSummary[], proposals: DisposalRecord[], decided: DisposalRecord[], totals: [number, number, number] = [candidates.length, proposals.length, decided.length]): void {
    if (user.roles.includes('records_officer')) backend.expectOne('/api/disposals/candidates?limit=20&offset=0').flush(pageOf(candidates, totals[0]));
    backend.expectOne('/api/disposals?status=proposed&limit=20&offset=0').flush(pageOf(proposals, totals[1]));
    backend.expectOne('/api/disposals?status=decided&limit=20&offset=0').flush(pageOf(decided, totals[2]));
  }
  async function reloaded(user: CurrentUser): Promise<void> {
    answer3(user, [], [], []);
    await fixture.whenStable();
  }

  it('shows the records office the candidates to propose and the proposals waiting, without the director’s buttons', async () => {
    await render(aRecordsOfficer());
    expect(count('candidate-row')).toBe(1);
    expect(count('proposal-row')).toBe(1);
    expect(text(el, 'proposal-waiting')).toBe(vi('records.disposals.waiting'));
    expect(count('proposal-approve')).toBe(0);
    expect(count('proposal-reject')).toBe(0);
    expect(Array.from(el.querySelectorAll('[data-testid="history-row"]')).map((r) => r.getAttribute('data-status'))).toEqual(['rejected', 'approved']);
  });

  it('proposes a candidate for disposal with a reason', async () => {
    const officer = aRecordsOfficer();
    await render(officer);
    el.querySelector<HTMLButtonElement>('[data-testid="candidate-propose"]')?.click();
    await fixture.whenStable();
    expect(text(document, 'reason-subject')).toBe('Lê Văn Tám · NT-2010-000012');
    answer('Hết thời hạn lưu trữ 10 năm');
    const req = backend.expectOne({ method: 'POST', url: '/api/disposals' });
    expect(req.request.body).toEqual({ archiveId: 'a-old', reason: 'Hết thời hạn lưu trữ 10 năm' });
    req.flush(aDisposal());
    fixture.detectChanges();
    await reloaded(officer);
    expect(text(el, 'disposals-notice')).toBe('Đã gửi đề nghị tiêu hủy hồ sơ của Lê Văn Tám.');
  });

  it('shows a director only the proposals to decide and the history, and approves one', async () => {
    const director = aDirector();
    await render(director);
    expect(el.querySelector('[data-testid="candidates-section"]')).toBeNull();
    expect(count('proposal-waiting')).toBe(0);
    el.querySelector<HTMLButtonElement>('[data-testid="proposal-approve"]')?.click();
    await fixture.whenStable();
    // The note is optional when approving.
    document.querySelector<HTMLButtonElement>('[data-testid="reason-submit"]')?.click();
    fixture.detectChanges();
    const req = backend.expectOne({ method: 'POST', url: '/api/disposals/d-1/decision' });
    expect(req.request.body).toEqual({ approve: true });
    req.flush(aDisposal({ status: 'approved' }));
    fixture.detectChanges();
    await reloaded(director);
    expect(text(el, 'disposals-notice')).toBe('Đã phê duyệt tiêu hủy hồ sơ của Lê Văn Tám.');
  });

  it('rejects a proposal only with a reason', async () => {
    const director = aDirector();
    await render(director);
    el.querySelector<HTMLButtonElement>('[data-testid="proposal-reject"]')?.click();
    await fixture.whenStable();
    document.querySelector<HTMLButtonElement>('[data-testid="reason-submit"]')?.click();
    await fixture.whenStable();
    backend.expectNone('/api/disposals/d-1/decision');
    answer('Hồ sơ còn liên quan đến một vụ khiếu nại');
    const req = backend.expectOne('/api/disposals/d-1/decision');
    expect(req.request.body).toEqual({ approve: false, reason: 'Hồ sơ còn liên quan đến một vụ khiếu nại' });
    req.flush(aDisposal({ status: 'rejected' }));
    fixture.detectChanges();
    await reloaded(director);
  });

  it('reads each list a page at a time', async () => {
    const director = aDirector();
    await mount(director);
    const many = Array.from({ length: 20 }, (_, i) => aDisposal({ id: `d-${i}`, status: 'approved', decidedAt: '2026-04-02T02:00:00.000Z' }));
    answer3(director, [], [aDisposal()], many, [0, 1, 41]);
    await fixture.whenStable();
    const history = () => el.querySelector('[data-testid="disposal-history"]') as HTMLElement;
    expect(history().querySelector('.p-paginator-current')?.textContent).toContain('1–20 trên 41');
    expect(el.querySelector('[data-testid="proposals"] .p-paginator')).toBeNull();
    history().querySelector<HTMLButtonElement>('.p-paginator-last')?.click();
    await new Promise((resolve) => setTimeout(resolve));
    backend.expectOne('/api/disposals?status=decided&limit=20&offset=40').flush({ ...pageOf([aDisposal({ id: 'd-40', status: 'rejected' })], 41), offset: 40 });
    await fixture.whenStable();
    expect(count('history-row')).toBe(1);
    expect(count('proposal-row')).toBe(1);
  });

  it('says that whoever proposed may not approve (403 four_eyes)', async () => {
    await render(aRecordsOfficer({ roles: ['records_officer', 'director'] }));
    el.querySelector<HTMLButtonElement>('[data-testid="proposal-approve"]')?.click();
    await fixture.whenStable();
    document.querySelector<HTMLButtonElement>('[data-testid="reason-submit"]')?.click();
    fixture.detectChanges();
    backend
      .expectOne('/api/disposals/d-1/decision')
      .flush({ type: 'https://benhan.dev/problems/four_eyes', title: 'Forbidden', status: 403 }, { status: 403, statusText: 'Forbidden' });
    await fixture.whenStable();
    expect(text(document, 'reason-problem')).toBe(vi('records.problem.four_eyes'));
  });
});

function pageOf<T>(items: T[], total = items.length): Page<T> {
  return { items, total, limit: 20, offset: 0 };
}
