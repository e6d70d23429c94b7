import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap, provideRouter } from '@angular/router';
import type { SignatureTrailEntry } from '@benhan/shared/contracts';
import { provideI18nTesting } from '@benhan/web/ui';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { aPatient, aTrailEntry, pageOf } from '../../../testing/fixtures';
import { storeSession } from '../../../testing/session';
import { VI, vi } from '../../../testing/translations';
import { SignatureTrail, trailQuery } from './signature-trail';

jest.setTimeout(30_000);

const PATIENT_ID = aPatient().id;

describe(SignatureTrail.name, () => {
  let fixture: ComponentFixture<SignatureTrail>;
  let backend: HttpTestingController;
  let el: HTMLElement;
  let saved: string[];

  /** Opens the page (with the link's query parameters) and answers its first trail request. */
  async function render(rows: SignatureTrailEntry[], params: Record<string, string> = {}, expectedQuery = 'sort=-signedAt&limit=20&offset=0'): Promise<void> {
    storeSession();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideI18nTesting({ vi: VI }),
        { provide: ActivatedRoute, useValue: { snapshot: { queryParamMap: convertToParamMap(params) } } },
      ],
    });
    await firstValueFrom(TestBed.inject(TranslateService).use('vi'));
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(SignatureTrail);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    const first = backend.expectOne((r) => r.url === '/api/audit/signature-trail');
    expect(first.request.params.toString()).toBe(expectedQuery);
    first.flush(pageOf(rows));
    await fixture.whenStable();
    saved = [];
    Object.assign(URL, { createObjectURL: jest.fn(() => 'blob:http://localhost/report'), revokeObjectURL: jest.fn() });
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
  }

  afterEach(() => {
    backend.verify();
    sessionStorage.clear();
    jest.restoreAllMocks();
  });

  const page = () => fixture.componentInstance as unknown as { set(name: string, value: unknown): void };
  const rows = () => Array.from(el.querySelectorAll<HTMLElement>('[data-testid="trail-row"]'));
  const text = (root: ParentNode, testId: string) => root.querySelector(`[data-testid="${testId}"]`)?.textContent?.trim().replace(/\s+/g, ' ') ?? '';
  const click = async (root: ParentNode, testId: string) => {
    root.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`)?.click();
    await fixture.whenStable();
  };
  /** Clicks without waiting for stability: the request it sends stays pending until the test answers it. */
  const send = (root: ParentNode, testId: string) => {
    root.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`)?.click();
    fixture.detectChanges();
  };
  function typeReason(reason: string): void {
    const input = document.querySelector<HTMLTextAreaElement>('[data-testid="export-reason"]');
    if (!input) throw new Error('no export dialog');
    input.value = reason;
    input.dispatchEvent(new Event('input'));
    fixture.detectChanges();
  }

  it('lists every signature newest first: document and form, version and amendment, signer and role, times, validation', async () => {
    await render([
      aTrailEntry(),
      aTrailEntry({
        signatureId: 's-2',
        documentTitle: 'Bệnh án nội khoa',
        formCode: '01/BV1',
        versionNumber: 2,
        amendmentReason: 'Bổ sung chẩn đoán phân biệt',
        role: 'head_of_department',
        step: 2,
        signerName: 'BSCKII. Trần Thị Thanh Hương',
        timestampedAt: null,
        indication: 'FAILED',
        indicationReason: 'Nội dung đã bị thay đổi sau khi ký',
      }),
    ]);
    const [passed, failed] = rows();
    expect(passed.getAttribute('data-indication')).toBe('PASSED');
    expect(text(passed, 'trail-document')).toBe('Tờ điều trị');
    expect(text(passed, 'trail-form-code')).toBe('39/BV2');
    expect(text(passed, 'trail-version')).toBe('Phiên bản 1');
    expect(passed.querySelector('[data-testid="trail-amendment"]')).toBeNull();
    expect(text(passed, 'trail-signer-name')).toBe('BS. Nguyễn Văn Minh');
    expect(text(passed, 'trail-signer-role')).toBe('Người lập · bước 1');
    expect(text(passed, 'signature-badge')).toBe(vi('signatures.badge.valid'));
    expect(passed.querySelector('[data-testid="signature-badge"]')?.getAttribute('data-state')).toBe('valid');

    expect(text(failed, 'trail-amendment')).toBe('Lý do sửa đổi: Bổ sung chẩn đoán phân biệt');
    expect(text(failed, 'trail-signer-role')).toBe('Trưởng khoa · bước 2');
    expect(text(failed, 'trail-timestamped-at')).toBe(vi('inspector.trail.noTimestamp'));
    expect(text(failed, 'signature-badge')).toBe(vi('signatures.badge.invalid'));
    expect(text(failed, 'trail-indication-reason')).toBe('Nội dung đã bị thay đổi sau khi ký');
    expect(text(el, 'trail-total')).toBe('2 chữ ký');
  });

  it('builds the query from the filters: patient, signer from the results, signing days', async () => {
    await render([aTrailEntry()]);
    page().set('patient', aPatient());
    page().set('signer', 'u-1');
    page().set('from', new Date(2026, 4, 1));
    page().set('to', new Date(2026, 4, 12));
    fixture.detectChanges();
    send(el, 'trail-submit');
    const req = backend.expectOne((r) => r.url === '/api/audit/signature-trail');
    expect(req.request.params.toString()).toBe(
      `sort=-signedAt&limit=20&offset=0&patient=${PATIENT_ID}&signer=u-1&from=${new Date(2026, 4, 1).toISOString()}&to=${new Date(2026, 4, 13).toISOString()}`,
    );
    req.flush(pageOf([aTrailEntry()]));
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="trail-access-link"]')?.getAttribute('href')).toBe(`/inspector/access?patient=${PATIENT_ID}`);
  });

  it('refuses a range that ends before it starts, without searching', async () => {
    await render([]);
    page().set('from', new Date(2026, 4, 12));
    page().set('to', new Date(2026, 4, 1));
    await click(el, 'trail-submit');
    backend.expectNone((r) => r.url === '/api/audit/signature-trail');
    expect(text(el, 'trail-range-problem')).toBe(vi('inspector.common.rangeInvalid'));
  });

  it('takes the patient, encounter and document of the link, and drops one on request', async () => {
    await render([aTrailEntry()], { patient: PATIENT_ID, encounter: 'e-1', document: 'doc-1' }, `sort=-signedAt&limit=20&offset=0&patient=${PATIENT_ID}&encounter=e-1&document=doc-1`);
    backend.expectOne(`/api/patients/${PATIENT_ID}`).flush(aPatient());
    await fixture.whenStable();
    expect(text(el, 'trail-scope-encounter')).toBe('Đợt điều trị e-1');
    expect(text(el, 'trail-scope-document')).toBe('Văn bản doc-1');
    send(el, 'trail-scope-document-remove');
    const req = backend.expectOne((r) => r.url === '/api/audit/signature-trail');
    expect([req.request.params.get('patient'), req.request.params.get('encounter'), req.request.params.has('document')]).toEqual([PATIENT_ID, 'e-1', false]);
    req.flush(pageOf([]));
  });

  it('sorts by signing time, oldest first on request', async () => {
    await render([aTrailEntry()]);
    send(el, 'trail-sort');
    const req = backend.expectOne((r) => r.url === '/api/audit/signature-trail');
    expect(req.request.params.get('sort')).toBe('signedAt');
    req.flush(pageOf([aTrailEntry()]));
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="trail-sort"]')?.getAttribute('data-sort')).toBe('signedAt');
  });

  it('exports the trail as CSV only with a reason of at least five characters', async () => {
    await render([aTrailEntry()]);
    await click(el, 'trail-export-csv');
    await click(document, 'export-submit');
    expect(text(document, 'export-reason-required')).toBe(vi('inspector.export.reasonRequired'));
    typeReason('Kt');
    await click(document, 'export-submit');
    expect(text(document, 'export-reason-short')).toBe('Lý do cần ít nhất 5 ký tự.');
    backend.expectNone((r) => r.url === '/api/audit/signature-trail');

    typeReason('Thanh tra Sở Y tế, quyết định số 12/QĐ-SYT');
    document.querySelector<HTMLButtonElement>('[data-testid="export-submit"]')?.click();
    const req = backend.expectOne((r) => r.url === '/api/audit/signature-trail');
    expect(req.request.params.get('format')).toBe('csv');
    expect(req.request.params.get('reason')).toBe('Thanh tra Sở Y tế, quyết định số 12/QĐ-SYT');
    expect(req.request.params.has('limit')).toBe(false);
    req.flush(new Blob(['signedAt\n'], { type: 'text/csv' }));
    await fixture.whenStable();
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatch(/^benhan-signature-trail-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(text(el, 'trail-notice')).toBe(vi('inspector.trail.csvDone'));
  });

  it('makes the sealed PDF report of the filters with a reason and shows it in the print preview', async () => {
    await render([aTrailEntry()], { patient: PATIENT_ID }, `sort=-signedAt&limit=20&offset=0&patient=${PATIENT_ID}`);
    backend.expectOne(`/api/patients/${PATIENT_ID}`).flush(aPatient());
    await fixture.whenStable();
    await click(el, 'trail-report');
    expect(text(document, 'export-subject')).toBe('Hoàng Thị Lụa (BN26000123)');
    await click(document, 'export-submit');
    backend.expectNone('/api/audit/reports');

    typeReason('Thanh tra đột xuất hồ sơ bệnh án');
    document.querySelector<HTMLButtonElement>('[data-testid="export-submit"]')?.click();
    fixture.detectChanges();
    await new Promise((resolve) => setTimeout(resolve));
    fixture.detectChanges();
    const req = backend.expectOne({ method: 'POST', url: '/api/audit/reports' });
    expect(req.request.body).toEqual({ patient: PATIENT_ID, reason: 'Thanh tra đột xuất hồ sơ bệnh án' });
    req.flush(new Blob(['%PDF-1.7'], { type: 'application/pdf' }));
    await fixture.whenStable();
    expect(document.querySelector('[data-testid="print-preview-frame"]')?.getAttribute('src')).toBe('blob:http://localhost/report');
  });
});

describe('trailQuery', () => {
  it('leaves out what is not filled in', () => {
    expect(trailQuery({ patient: null, signer: null, from: null, to: null }, { encounter: null, document: null }, '-signedAt', 40)).toEqual({
      sort: '-signedAt',
      limit: 20,
      offset: 40,
    });
  });
});
