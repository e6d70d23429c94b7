import { TestBed } from '@angular/core/testing';
import type { SignatureReport } from '@benhan/shared/contracts';
import { TranslateService, type TranslationObject } from '@ngx-translate/core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { firstValueFrom } from 'rxjs';
import { provideI18nTesting } from '../testing/provide-i18n-testing';
import { type SignatureDownload, SignatureReportPanel } from './signature-report';

jest.setTimeout(30_000);

const VI = JSON.parse(readFileSync(join(__dirname, '../../../../../../apps/web/public/i18n/vi.json'), 'utf8')) as TranslationObject;

const FAILED: SignatureReport = {
  id: 's-1',
  versionId: 'v-1',
  documentId: 'doc-1',
  encounterId: 'e-1',
  patientId: 'p-1',
  formCode: '01/BV1',
  versionNumber: 1,
  step: 1,
  role: 'author',
  signerId: 'u-1',
  signerName: 'BS. Nguyễn Văn Minh',
  signedAt: '2026-05-02T03:00:00.000Z',
  timestampedAt: null,
  certificateSerial: '0A1B2C',
  indication: 'FAILED',
  reason: 'Nội dung đã bị thay đổi',
  checks: [
    {
      check: 'content_hash',
      passed: false,
      detail: 'SHA-256 khác với messageDigest',
    },
    { check: 'signature_value', passed: true, detail: 'ok' },
    { check: 'timestamp', passed: null, detail: 'Không có dấu thời gian' },
  ],
  validatedAt: '2026-05-02T04:00:00.000Z',
};

describe(SignatureReportPanel.name, () => {
  it('lists each check in plain Vietnamese, failed ones in red with their detail, and the files and command to verify', async () => {
    TestBed.configureTestingModule({
      providers: [provideI18nTesting({ vi: VI })],
    });
    await firstValueFrom(TestBed.inject(TranslateService).use('vi'));
    const fixture = TestBed.createComponent(SignatureReportPanel);
    fixture.componentRef.setInput('reports', [FAILED]);
    fixture.componentRef.setInput('indication', 'FAILED');
    fixture.componentRef.setInput('signers', [{ step: 1, role: 'author', label: 'Bác sĩ làm bệnh án' }]);
    const downloads: SignatureDownload[] = [];
    fixture.componentInstance.download.subscribe((d) => downloads.push(d));
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;

    const item = el.querySelector('[data-testid="signature-report-item"]');
    expect(item?.textContent).toContain('Bước 1 – Bác sĩ làm bệnh án (phiên bản 1)');
    expect(el.querySelector('[data-testid="signature-serial"]')?.textContent?.trim()).toBe('0A1B2C');
    expect(el.querySelector('[data-testid="signature-timestamped-at"]')?.textContent?.trim()).toBe('Không có');
    expect(el.querySelector('[data-testid="signature-report-overall"] [data-testid="signature-badge"]')?.getAttribute('data-state')).toBe(
      'invalid',
    );

    const checks = Array.from(el.querySelectorAll<HTMLElement>('[data-testid="signature-check"]'));
    expect(checks.map((c) => c.querySelector('[data-testid="signature-check-label"]')?.textContent?.trim())).toEqual([
      'Nội dung không bị thay đổi sau khi ký',
      'Chữ ký số đúng về mật mã',
      'Thời điểm ký được dấu thời gian xác nhận',
    ]);
    expect(checks[0].classList).toContain('bh-sigreport__check--failed');
    expect(checks[0].querySelector('[data-testid="signature-check-detail"]')?.textContent?.trim()).toBe('SHA-256 khác với messageDigest');
    expect(checks[1].querySelector('[data-testid="signature-check-detail"]')).toBeNull();
    expect(checks[2].classList).toContain('bh-sigreport__check--unknown');

    expect(el.querySelector('[data-testid="openssl-command"]')?.textContent?.trim()).toBe(
      'openssl cms -verify -binary -inform DER -in 01-BV1-v1-step1.p7s -content 01-BV1-v1.json -CAfile chain.pem -purpose any',
    );
    el.querySelector<HTMLButtonElement>('[data-testid="download-canonical"]')?.click();
    expect(downloads.map((d) => [d.kind, d.fileName, d.report.id])).toEqual([['canonical', '01-BV1-v1.json', 's-1']]);
  });
});
