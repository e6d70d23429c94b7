import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { AccessRequest } from '@benhan/shared/contracts';
import { provideI18nTesting } from '@benhan/web/ui';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { storeSession } from '../../../testing/session';
import { VI, vi } from '../../../testing/translations';
import { RecordsStore } from '../../records.store';
import { AccessRequests } from './access-requests';

jest.setTimeout(30_000);

function aRequest(overrides: Partial<AccessRequest> = {}): AccessRequest {
  return {
    id: 'r-1',
    patientId: 'p-1',
    patientName: 'Hoàng Thị Lụa',
    encounterId: 'e-1',
    requesterName: 'Nguyễn Văn An',
    relationship: 'family_representative',
    requesterIdNumber: '001090001234',
    scope: 'summary',
    receivedAt: '2026-05-12T02:00:00.000Z',
    recordedBy: 'Phạm Thu Trang',
    status: 'received',
    decidedAt: null,
    decidedBy: null,
    refusalReason: null,
    releasedSha256: null,
    ...overrides,
  };
}

const page = (items: AccessRequest[]) => ({ items, total: items.length, limit: 20, offset: 0 });

describe(AccessRequests.name, () => {
  let fixture: ComponentFixture<AccessRequests>;
  let backend: HttpTestingController;
  let el: HTMLElement;

  async function render(items: AccessRequest[]): Promise<void> {
    storeSession();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideI18nTesting({ vi: VI }), RecordsStore] });
    await firstValueFrom(TestBed.inject(TranslateService).use('vi'));
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AccessRequests);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    const first = backend.expectOne((r) => r.url === '/api/access-requests');
    expect(first.request.params.toString()).toBe('limit=20&offset=0');
    first.flush(page(items));
    await fixture.whenStable();
    Object.assign(URL, { createObjectURL: jest.fn(() => 'blob:http://localhost/summary'), revokeObjectURL: jest.fn() });
  }

  afterEach(() => {
    backend.verify();
    sessionStorage.clear();
  });

  const rows = () => Array.from(el.querySelectorAll<HTMLElement>('[data-testid="request-row"]'));
  const text = (root: ParentNode, testId: string) => root.querySelector(`[data-testid="${testId}"]`)?.textContent?.trim().replace(/\s+/g, ' ') ?? '';

  it('lists the requests with who asks, for what, and where each stands', async () => {
    await render([
      aRequest(),
      aRequest({ id: 'r-2', status: 'released', relationship: 'self', requesterName: 'Hoàng Thị Lụa', scope: 'copy', decidedAt: '2026-05-13T02:00:00.000Z', decidedBy: 'Phạm Thu Trang' }),
      aRequest({ id: 'r-3', status: 'refused', refusalReason: 'Không xuất trình được giấy tờ tùy thân' }),
    ]);
    const [waiting, released, refused] = rows();
    expect(text(waiting, 'request-requester-name')).toBe('Nguyễn Văn An');
    expect(waiting.textContent).toContain('Người đại diện của gia đình');
    expect(text(waiting, 'request-scope')).toBe('Bản tóm tắt hồ sơ bệnh án');
    expect(text(waiting, 'request-status')).toBe(vi('records.accessRequestStatus.received'));
    expect(waiting.querySelector('[data-testid="request-release"]')).not.toBeNull();
    expect(text(released, 'request-status')).toBe(vi('records.accessRequestStatus.released'));
    expect(released.querySelector('[data-testid="request-summary"]')).not.toBeNull();
    expect(released.querySelector('[data-testid="request-release"]')).toBeNull();
    expect(text(refused, 'request-refusal-reason')).toBe('Không xuất trình được giấy tờ tùy thân');
    expect(text(el, 'requests-total')).toBe('3 yêu cầu');
  });

  it('filters by status', async () => {
    await render([]);
    (fixture.componentInstance as unknown as { set(name: string, value: unknown): void }).set('status', 'received');
    fixture.detectChanges();
    backend.expectOne('/api/access-requests?limit=20&offset=0&status=received').flush(page([]));
    await fixture.whenStable();
    expect(text(el, 'requests-empty')).toBe(vi('records.accessRequests.empty'));
  });

  it('releases the summary after a confirmation and shows the sealed PDF in the print preview', async () => {
    await render([aRequest()]);
    rows()[0].querySelector<HTMLButtonElement>('[data-testid="request-release"]')?.click();
    await fixture.whenStable();
    document.querySelector<HTMLButtonElement>('[data-testid="release-confirm"]')?.click();
    fixture.detectChanges();
    const release = backend.expectOne({ method: 'POST', url: '/api/access-requests/r-1/release' });
    release.flush(new Blob(['%PDF-1.7'], { type: 'application/pdf' }));
    fixture.detectChanges();
    backend.expectOne((r) => r.url === '/api/access-requests').flush(page([aRequest({ status: 'released' })]));
    await fixture.whenStable();
    expect(text(el, 'requests-notice')).toBe('Đã cung cấp bản tóm tắt hồ sơ cho Nguyễn Văn An.');
    expect(document.querySelector('[data-testid="print-preview-frame"]')?.getAttribute('src')).toBe('blob:http://localhost/summary');
    expect(document.querySelector('[data-testid="print-preview-download"]')?.hasAttribute('disabled')).toBe(false);
  });

  it('keeps the confirmation open with the server’s refusal of a release', async () => {
    await render([aRequest()]);
    rows()[0].querySelector<HTMLButtonElement>('[data-testid="request-release"]')?.click();
    await fixture.whenStable();
    document.querySelector<HTMLButtonElement>('[data-testid="release-confirm"]')?.click();
    fixture.detectChanges();
    const problem = { type: 'https://benhan.dev/problems/no_summary', title: 'Conflict', status: 409, detail: 'Chưa có bản tóm tắt đã ký' };
    backend
      .expectOne('/api/access-requests/r-1/release')
      .flush(new Blob([JSON.stringify(problem)], { type: 'application/problem+json' }), { status: 409, statusText: 'Conflict' });
    // The problem is read from the error blob asynchronously: wait for it (a fixed pause fails on a loaded machine).
    for (let i = 0; i < 300 && !text(document, 'release-problem'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      fixture.detectChanges();
      await fixture.whenStable();
    }
    expect(text(document, 'release-problem')).toBe('Máy chủ từ chối: Chưa có bản tóm tắt đã ký');
  });

  it('refuses only with a reason', async () => {
    await render([aRequest()]);
    rows()[0].querySelector<HTMLButtonElement>('[data-testid="request-refuse"]')?.click();
    await fixture.whenStable();
    document.querySelector<HTMLButtonElement>('[data-testid="reason-submit"]')?.click();
    await fixture.whenStable();
    expect(text(document, 'reason-required')).toBe(vi('records.common.textRequired'));
    backend.expectNone('/api/access-requests/r-1/refuse');

    const input = document.querySelector<HTMLTextAreaElement>('[data-testid="reason-input"]');
    if (!input) throw new Error('no reason dialog');
    input.value = 'Không xuất trình được giấy tờ tùy thân';
    input.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    document.querySelector<HTMLButtonElement>('[data-testid="reason-submit"]')?.click();
    fixture.detectChanges();
    const req = backend.expectOne({ method: 'POST', url: '/api/access-requests/r-1/refuse' });
    expect(req.request.body).toEqual({ reason: 'Không xuất trình được giấy tờ tùy thân' });
    req.flush(aRequest({ status: 'refused', refusalReason: 'Không xuất trình được giấy tờ tùy thân' }));
    fixture.detectChanges();
    backend.expectOne((r) => r.url === '/api/access-requests').flush(page([aRequest({ status: 'refused', refusalReason: 'Không xuất trình được giấy tờ tùy thân' })]));
    await fixture.whenStable();
    expect(text(el, 'requests-notice')).toBe('Đã từ chối yêu cầu của Nguyễn Văn An.');
    expect(text(rows()[0], 'request-refusal-reason')).toBe('Không xuất trình được giấy tờ tùy thân');
  });
});
