import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { VerificationResult } from '@benhan/shared/contracts';
import { authInterceptor } from '@benhan/web/data-access';
import { LanguageService, provideI18nTesting } from '@benhan/web/ui';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { readTranslations, text } from '../../testing/translations';
import { appRoutes } from '../app.routes';
import { VerifyPage } from './verify-page';

jest.setTimeout(30_000);

const vi = readTranslations('vi');
const en = readTranslations('en');

function aResult(overrides: Partial<VerificationResult> = {}): VerificationResult {
  return {
    code: 'V9F86D08188',
    kind: 'version',
    facilityName: 'Bệnh viện Đa khoa Benhan',
    title: '39/BV2 Phiếu điều trị, phiên bản 2',
    patientInitials: 'H.T.L.',
    recordNumber: 'NT-2026-000045',
    sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    at: '2026-05-02T03:00:00.000Z',
    signatures: [
      { signerName: 'BS. Nguyễn Văn Minh', role: 'Bác sĩ điều trị', signedAt: '2026-05-02T03:00:00.000Z', indication: 'PASSED' },
      { signerName: 'BSCKII. Trần Thị Thanh Hương', role: 'Trưởng khoa', signedAt: '2026-05-02T04:00:00.000Z', indication: 'FAILED' },
    ],
    current: true,
    note: null,
    ...overrides,
  };
}

describe(VerifyPage.name, () => {
  let backend: HttpTestingController;
  let page: HTMLElement;
  let harness: RouterTestingHarness;

  /** Opens `/verify/:code` through the app's routes, signed out, and answers the lookup. */
  async function open(answer: (code: string) => [body: unknown, status?: number]): Promise<void> {
    sessionStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter(appRoutes),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideI18nTesting({ vi, en }),
      ],
    });
    await firstValueFrom(TestBed.inject(TranslateService).use('vi'));
    backend = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
    const navigation = harness.navigateByUrl('/verify/V9F86D08188');
    for (let round = 0; round < 10; round++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      for (const req of backend.match((r) => r.url.startsWith('/api/verify/'))) {
        const [body, status = 200] = answer(req.request.url.split('/').pop() ?? '');
        req.flush(body as object, { status, statusText: status === 200 ? 'OK' : 'Error' });
      }
    }
    await navigation;
    await harness.fixture.whenStable();
    page = harness.routeNativeElement as HTMLElement;
  }

  afterEach(() => {
    backend.verify();
    localStorage.clear();
  });

  const read = (testId: string) => page.querySelector(`[data-testid="${testId}"]`)?.textContent?.trim() ?? '';

  it('opens without signing in and shows what the printed page is, in Vietnamese', async () => {
    await open(() => [aResult()]);
    expect(TestBed.inject(Router).url).toBe('/verify/V9F86D08188');
    expect(read('verify-current')).toBe(text(vi, 'verify.current'));
    expect(read('verify-facility')).toBe('Bệnh viện Đa khoa Benhan');
    expect(read('verify-title-text')).toBe('39/BV2 Phiếu điều trị, phiên bản 2');
    expect(read('verify-patient')).toBe('H.T.L.');
    expect(read('verify-record-number')).toBe('NT-2026-000045');
    expect(read('verify-sha256')).toBe(aResult().sha256);
    expect(page.textContent).toContain(text(vi, 'verify.kind.version'));
  });

  it('shows each signature with its validation result, valid in green and invalid in red', async () => {
    await open(() => [aResult()]);
    const signatures = Array.from(page.querySelectorAll<HTMLElement>('[data-testid="verify-signature"]'));
    expect(signatures.map((s) => s.getAttribute('data-indication'))).toEqual(['PASSED', 'FAILED']);
    expect(signatures[0].querySelector('.p-tag-success')?.textContent).toContain('Chữ ký hợp lệ');
    expect(signatures[1].querySelector('.p-tag-danger')?.textContent).toContain('Chữ ký không hợp lệ');
    expect(signatures[1].textContent).toContain('BSCKII. Trần Thị Thanh Hương');
    expect(signatures[1].textContent).toContain('Trưởng khoa, ký lúc');
  });

  it('says when a newer version exists', async () => {
    await open(() => [aResult({ current: false, note: 'Tài liệu này đã có phiên bản mới hơn.', signatures: [] })]);
    expect(read('verify-not-current')).toBe(text(vi, 'verify.notCurrent'));
    expect(read('verify-note')).toBe('Tài liệu này đã có phiên bản mới hơn.');
    expect(read('verify-no-signatures')).toBe(text(vi, 'verify.noSignatures'));
  });

  it('says when the code is unknown', async () => {
    await open(() => [{ type: 'https://benhan.dev/problems/lookup_not_found', title: 'Not Found', status: 404 }, 404]);
    expect(read('verify-error')).toBe('Không tìm thấy mã tra cứu V9F86D08188. Kiểm tra lại mã in ở chân trang.');
    expect(page.querySelector('[data-testid="verify-result"]')).toBeNull();
  });

  it('switches to English', async () => {
    await open(() => [aResult({ kind: 'archive', title: 'Hồ sơ bệnh án lưu trữ, thế hệ 1' })]);
    await TestBed.inject(LanguageService).use('en');
    await harness.fixture.whenStable();
    expect(read('verify-current')).toBe('This is the current version.');
    expect(page.textContent).toContain('Archived record');
    expect(page.querySelector('[data-testid="verify-signature"]')?.textContent).toContain('Valid signature');
  });
});
