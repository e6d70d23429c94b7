import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { AuditCheckpoint, IntegrityReport } from '@benhan/shared/contracts';
import { provideI18nTesting } from '@benhan/web/ui';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { aCheckpoint, anIntegrityReport } from '../../../testing/fixtures';
import { storeSession } from '../../../testing/session';
import { VI, vi } from '../../../testing/translations';
import { Integrity } from './integrity';

jest.setTimeout(30_000);

const BROKEN = anIntegrityReport({
  id: 'r-2',
  status: 'BROKEN',
  trigger: 'on_demand',
  mode: 'genesis',
  requestedBy: 'u-7',
  failure: { seq: 1187, problem: 'hash_mismatch', detail: 'stored hash 3fa9… but the event hashes to 91c2…' },
});

describe(Integrity.name, () => {
  let fixture: ComponentFixture<Integrity>;
  let backend: HttpTestingController;
  let el: HTMLElement;
  let saved: string[];

  async function render(runs: IntegrityReport[], checkpoints: AuditCheckpoint[] = [aCheckpoint()]): Promise<void> {
    storeSession();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideI18nTesting({ vi: VI })] });
    await firstValueFrom(TestBed.inject(TranslateService).use('vi'));
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Integrity);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    backend.expectOne('/api/audit/integrity/runs?limit=20').flush(runs);
    backend.expectOne('/api/audit/checkpoints?limit=20').flush(checkpoints);
    await fixture.whenStable();
    saved = [];
    Object.assign(URL, { createObjectURL: jest.fn(() => 'blob:x'), revokeObjectURL: jest.fn() });
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
  }

  afterEach(() => {
    backend.verify();
    sessionStorage.clear();
    jest.restoreAllMocks();
  });

  const text = (root: ParentNode, testId: string) => root.querySelector(`[data-testid="${testId}"]`)?.textContent?.trim().replace(/\s+/g, ' ') ?? '';
  const last = () => el.querySelector<HTMLElement>('[data-testid="integrity-last"]');

  it('shows the last check prominently: an intact chain in green, with what was checked', async () => {
    await render([anIntegrityReport(), BROKEN]);
    expect(last()?.getAttribute('data-status')).toBe('OK');
    expect(last()?.classList.contains('bh-integrity__verdict--ok')).toBe(true);
    expect(text(el, 'integrity-status')).toBe('Nhật ký toàn vẹn');
    expect(text(el, 'integrity-summary')).toBe('Đã kiểm tra 1250 sự kiện (từ số 1 đến số 1250): không có sự kiện nào bị sửa, xóa hay chèn thêm.');
    expect(text(el, 'integrity-unsealed')).toBe('50 sự kiện sau điểm niêm phong gần nhất (sự kiện số 1200) chưa được niêm phong.');
    expect(el.querySelector('[data-testid="integrity-failure"]')).toBeNull();
    expect(Array.from(el.querySelectorAll('[data-testid="integrity-run-row"]')).map((r) => r.getAttribute('data-status'))).toEqual(['OK', 'BROKEN']);
    expect(el.querySelectorAll('[data-testid="integrity-checkpoint-row"]')).toHaveLength(1);
  });

  it('names the first broken event of a broken chain, what is wrong in plain Vietnamese, and the detail, in red', async () => {
    await render([BROKEN]);
    expect(last()?.getAttribute('data-status')).toBe('BROKEN');
    expect(last()?.classList.contains('bh-integrity__verdict--broken')).toBe(true);
    expect(text(el, 'integrity-status')).toBe('Nhật ký đã bị can thiệp');
    expect(text(el, 'integrity-failure-seq')).toBe('sự kiện số 1187');
    expect(text(el, 'integrity-failure-problem')).toBe('Nội dung sự kiện đã bị sửa sau khi ghi: mã băm không khớp.');
    expect(text(el, 'integrity-failure-detail')).toBe('stored hash 3fa9… but the event hashes to 91c2…');
    expect(text(el, 'integrity-checked-at')).toContain(vi('inspector.integrityTrigger.on_demand'));
  });

  it('says when the chain was never checked', async () => {
    await render([], []);
    expect(text(el, 'integrity-never')).toBe(vi('inspector.integrity.noRuns'));
  });

  it('checks now, from the first event when asked, and shows that result', async () => {
    await render([anIntegrityReport()]);
    (fixture.componentInstance as unknown as { selectMode(mode: string): void }).selectMode('genesis');
    el.querySelector<HTMLButtonElement>('[data-testid="integrity-run"]')?.click();
    fixture.detectChanges();
    const broken = { ...BROKEN, finishedAt: '2026-05-13T08:00:00.000Z' };
    backend.expectOne({ method: 'GET', url: '/api/audit/integrity?from=genesis' }).flush(broken);
    fixture.detectChanges();
    backend.expectOne('/api/audit/integrity/runs?limit=20').flush([broken, anIntegrityReport()]);
    backend.expectOne('/api/audit/checkpoints?limit=20').flush([aCheckpoint()]);
    await fixture.whenStable();
    expect(last()?.getAttribute('data-status')).toBe('BROKEN');
    expect(text(el, 'integrity-failure-seq')).toBe('sự kiện số 1187');
  });

  it('shows the server’s refusal of a check', async () => {
    await render([anIntegrityReport()]);
    el.querySelector<HTMLButtonElement>('[data-testid="integrity-run"]')?.click();
    fixture.detectChanges();
    backend.expectOne('/api/audit/integrity?from=checkpoint').flush({ title: 'Forbidden', status: 403 }, { status: 403, statusText: 'Forbidden' });
    await fixture.whenStable();
    expect(text(el, 'integrity-problem')).toBe(vi('inspector.common.forbidden'));
  });

  it('downloads the audit bundle of a range only with a reason, and with a range that makes sense', async () => {
    await render([anIntegrityReport()]);
    el.querySelector<HTMLButtonElement>('[data-testid="integrity-bundle"]')?.click();
    await fixture.whenStable();
    expect(document.querySelector('[data-testid="export-from"]')).not.toBeNull();
    document.querySelector<HTMLButtonElement>('[data-testid="export-submit"]')?.click();
    await fixture.whenStable();
    expect(text(document, 'export-reason-required')).toBe(vi('inspector.export.reasonRequired'));
    backend.expectNone((r) => r.url === '/api/audit/bundle');

    const dialog = fixture.debugElement.query((d) => d.name === 'bh-export-dialog').componentInstance as Record<string, { set(v: unknown): void }>;
    dialog['from'].set(new Date(2026, 4, 12));
    dialog['to'].set(new Date(2026, 4, 1));
    dialog['reason'].set('Thanh tra Sở Y tế, quyết định số 12/QĐ-SYT');
    await fixture.whenStable();
    document.querySelector<HTMLButtonElement>('[data-testid="export-submit"]')?.click();
    await fixture.whenStable();
    expect(text(document, 'export-range-problem')).toBe(vi('inspector.common.rangeInvalid'));
    backend.expectNone((r) => r.url === '/api/audit/bundle');

    dialog['from'].set(new Date(2026, 4, 1));
    dialog['to'].set(new Date(2026, 4, 12));
    fixture.detectChanges();
    document.querySelector<HTMLButtonElement>('[data-testid="export-submit"]')?.click();
    fixture.detectChanges();
    const req = backend.expectOne((r) => r.url === '/api/audit/bundle');
    expect(req.request.params.keys()).toEqual(['from', 'to', 'reason']);
    expect([req.request.params.get('from'), req.request.params.get('to')]).toEqual([new Date(2026, 4, 1).toISOString(), new Date(2026, 4, 13).toISOString()]);
    expect(req.request.params.get('reason')).toBe('Thanh tra Sở Y tế, quyết định số 12/QĐ-SYT');
    req.flush(new Blob(['{}'], { type: 'application/json' }));
    await fixture.whenStable();
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatch(/^benhan-audit-bundle-\d{4}-\d{2}-\d{2}\.json$/);
    expect(text(el, 'integrity-notice')).toBe(vi('inspector.integrity.bundleDone'));
  });
});
