import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap, provideRouter, Router } from '@angular/router';
import type { MySigningState, SignatureReport } from '@benhan/shared/contracts';
import { provideI18nTesting } from '@benhan/web/ui';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom, of } from 'rxjs';
import { aDocument, aForm, aVersion } from '../../../testing/document-fixtures';
import { anEncounter } from '../../../testing/fixtures';
import { storeSession } from '../../../testing/session';
import { VI } from '../../../testing/translations';
import { DocumentPage } from './document-page';

jest.setTimeout(30_000);

describe(DocumentPage.name, () => {
  let fixture: ComponentFixture<DocumentPage>;
  let backend: HttpTestingController;
  let el: HTMLElement;

  async function setUp(route: { path: string; id: string; query?: Record<string, string> }): Promise<void> {
    storeSession();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideI18nTesting({ vi: VI }),
        {
          provide: ActivatedRoute,
          useValue: {
            paramMap: of(convertToParamMap({ id: route.id })),
            queryParamMap: of(convertToParamMap(route.query ?? {})),
            snapshot: { routeConfig: { path: route.path } },
          },
        },
      ],
    });
    await firstValueFrom(TestBed.inject(TranslateService).use('vi'));
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(DocumentPage);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  }

  /** Lets the answers flushed so far propagate (`whenStable` would wait for requests not flushed yet). */
  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    fixture.detectChanges();
  }

  async function type(id: string, value: string): Promise<void> {
    const input = el.querySelector<HTMLInputElement>(`#${id}`);
    if (!input) throw new Error(`no #${id}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('blur'));
    await fixture.whenStable();
  }

  const text = (testId: string) => el.querySelector(`[data-testid="${testId}"]`)?.textContent?.trim() ?? '';

  /** An existing draft of the signed-in doctor, written on schema version 1 of the form. */
  async function openDraft(): Promise<void> {
    await setUp({ path: 'documents/:id', id: 'doc-1' });
    backend.expectOne('/api/documents/doc-1').flush(aDocument());
    backend.expectOne('/api/documents/doc-1/versions').flush([aVersion()]);
    await settle();
    backend.expectOne('/api/documents/doc-1/versions/1').flush(aVersion());
    backend.expectOne('/api/encounters/e-1').flush(anEncounter());
    await settle();
    backend.expectOne('/api/forms/01%2FBV1/versions/1').flush(aForm({ version: 1 }));
    await settle();
    await fixture.whenStable();
  }

  afterEach(() => {
    backend.verify();
    sessionStorage.clear();
  });

  it('starts a new document on the latest form, blocks an out-of-range value, and creates version 1', async () => {
    await setUp({ path: 'encounters/:id/documents/new', id: 'e-1', query: { form: '01/BV1' } });
    backend.expectOne('/api/encounters/e-1').flush(anEncounter());
    backend.expectOne('/api/forms/01%2FBV1').flush(aForm());
    await settle();
    expect(text('document-title')).toBe('Bệnh án nội khoa');

    await type('sf-reasonForAdmission-reason', 'Sốt cao');
    await type('sf-examination-general-pulse', '300');
    expect(text('errors-examination-general-pulse')).toBe('Giá trị không được lớn hơn 250 lần/phút.');
    (el.querySelector('[data-testid="save-draft"]') as HTMLButtonElement).click();
    await settle();
    expect(text('document-problem')).toContain('Vui lòng sửa các giá trị không hợp lệ');

    await type('sf-examination-general-pulse', '92');
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    (el.querySelector('[data-testid="save-draft"]') as HTMLButtonElement).click();
    const create = backend.expectOne({ method: 'POST', url: '/api/encounters/e-1/documents' });
    expect(create.request.body).toEqual({
      formCode: '01/BV1',
      content: { reasonForAdmission: { reason: 'Sốt cao' }, examination: { general: { pulse: 92 } } },
    });
    create.flush(aVersion(), { status: 201, statusText: 'Created' });
    expect(navigate).toHaveBeenCalledWith(['/doctor/documents', 'doc-1'], { replaceUrl: true, state: { savedVersion: 1 } });
  });

  it('edits the author’s draft with the schema version it was written on, and saves it with its revision', async () => {
    await openDraft();
    expect(text('document-status')).toBe('Nháp');
    expect(el.querySelector<HTMLInputElement>('#sf-examination-general-pulse')?.value).toBe('92');

    await type('sf-examination-general-pulse', '88');
    (el.querySelector('[data-testid="save-draft"]') as HTMLButtonElement).click();
    const save = backend.expectOne({ method: 'PUT', url: '/api/documents/doc-1/versions/1' });
    expect(save.request.body).toEqual({ revision: 3, content: { reasonForAdmission: { reason: 'Sốt' }, examination: { general: { pulse: 88 } } } });
    save.flush(aVersion({ revision: 4 }));
    await settle();
    backend.expectOne('/api/documents/doc-1/versions').flush([aVersion({ revision: 4 })]);
    await settle();
    expect(text('document-notice')).toBe('Đã lưu nháp (phiên bản 1).');

    // The next save sends the new revision.
    await type('sf-examination-general-pulse', '86');
    (el.querySelector('[data-testid="save-draft"]') as HTMLButtonElement).click();
    const again = backend.expectOne({ method: 'PUT', url: '/api/documents/doc-1/versions/1' });
    expect(again.request.body.revision).toBe(4);
    again.flush(aVersion({ revision: 5 }));
    await settle();
    backend.expectOne('/api/documents/doc-1/versions').flush([aVersion({ revision: 5 })]);
  });

  it('says when the draft was saved elsewhere meanwhile (409 stale_revision) and offers to reload', async () => {
    await openDraft();
    (el.querySelector('[data-testid="save-draft"]') as HTMLButtonElement).click();
    backend
      .expectOne({ method: 'PUT', url: '/api/documents/doc-1/versions/1' })
      .flush(
        { type: 'https://benhan.dev/problems/stale_revision', title: 'Conflict', status: 409 },
        { status: 409, statusText: 'Conflict' },
      );
    await settle();
    expect(text('document-problem')).toContain('Bản nháp vừa được lưu ở nơi khác');
    expect(el.querySelector('[data-testid="reload-after-conflict"]')).not.toBeNull();
  });

  it('puts the server’s field errors (JSON Pointers) under their fields', async () => {
    await openDraft();
    (el.querySelector('[data-testid="save-draft"]') as HTMLButtonElement).click();
    backend.expectOne({ method: 'PUT', url: '/api/documents/doc-1/versions/1' }).flush(
      {
        type: 'https://benhan.dev/problems/invalid_content',
        title: 'Bad Request',
        status: 400,
        errors: [{ field: '/examination/general/pulse', message: 'phải ≤ 250' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(text('errors-examination-general-pulse')).toBe('phải ≤ 250');
    expect(text('document-problem')).toContain('Máy chủ từ chối 1 giá trị');
  });

  it('previews the shown version as the API prints it, fetched with the doctor’s session', async () => {
    Object.assign(URL, { createObjectURL: jest.fn(() => 'blob:http://localhost/v-1'), revokeObjectURL: jest.fn() });
    await openDraft();
    expect(el.querySelector('[data-testid="print-preview-frame"]')).toBeNull();
    (el.querySelector('[data-testid="print-preview-open"]') as HTMLButtonElement).click();
    await settle();
    const pdf = backend.expectOne({ method: 'GET', url: '/api/versions/v-1/pdf' });
    expect(pdf.request.responseType).toBe('blob');
    pdf.flush(new Blob(['%PDF-1.7'], { type: 'application/pdf' }));
    await fixture.whenStable();
    expect(document.querySelector('[data-testid="print-preview-frame"]')?.getAttribute('src')).toBe('blob:http://localhost/v-1');
    expect(document.querySelector('.p-dialog-title')?.textContent).toBe('01/BV1 Bệnh án nội khoa · Phiên bản 1');
  });

  it('shows a signed version read-only and amends it with a reason as version 2', async () => {
    const signed = aVersion({ status: 'signed', awaiting: [] });
    await setUp({ path: 'documents/:id', id: 'doc-1' });
    backend.expectOne('/api/documents/doc-1').flush(aDocument({ latest: signed }));
    backend.expectOne('/api/documents/doc-1/versions').flush([signed]);
    await settle();
    backend.expectOne('/api/documents/doc-1/versions/1').flush(signed);
    backend.expectOne('/api/encounters/e-1').flush(anEncounter());
    await settle();
    backend.expectOne('/api/forms/01%2FBV1/versions/1').flush(aForm({ version: 1 }));
    await settle();
    await fixture.whenStable();

    expect(text('document-status')).toBe('Đã ký');
    expect(el.querySelector<HTMLInputElement>('#sf-examination-general-pulse')?.disabled).toBe(true);
    expect(el.querySelector('[data-testid="save-draft"]')).toBeNull();

    (el.querySelector('[data-testid="amend"]') as HTMLButtonElement).click();
    await settle();
    expect(el.querySelector<HTMLInputElement>('#sf-examination-general-pulse')?.disabled).toBe(false);
    (el.querySelector('[data-testid="save-draft"]') as HTMLButtonElement).click();
    await settle();
    expect(text('document-problem')).toBe('Vui lòng nhập lý do sửa đổi.');

    const reason = el.querySelector<HTMLTextAreaElement>('[data-testid="amend-reason"]');
    if (!reason) throw new Error('no reason field');
    reason.value = 'Bổ sung mạch';
    reason.dispatchEvent(new Event('input'));
    await type('sf-examination-general-pulse', '90');
    jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    (el.querySelector('[data-testid="save-draft"]') as HTMLButtonElement).click();
    const amend = backend.expectOne({ method: 'POST', url: '/api/documents/doc-1/versions' });
    expect(amend.request.body).toEqual({
      reason: 'Bổ sung mạch',
      content: { reasonForAdmission: { reason: 'Sốt' }, examination: { general: { pulse: 90 } } },
    });
    amend.flush(aVersion({ number: 2, reason: 'Bổ sung mạch' }), { status: 201, statusText: 'Created' });
    await settle();
    backend.expectOne('/api/documents/doc-1').flush(aDocument());
    backend.expectOne('/api/documents/doc-1/versions').flush([signed, aVersion({ number: 2 })]);
    await settle();
    expect(text('document-notice')).toBe('Đã tạo phiên bản sửa đổi 2 (nháp).');
    backend.match(() => true).forEach((r) => r.flush({}));
  });

  describe('signing', () => {
    const ENROLLED: MySigningState = {
      certificate: {
        serial: '0A1B',
        subject: 'CN=BS. Nguyễn Văn Minh',
        issuer: 'CN=Benhan CA',
        notBefore: '2026-01-01T00:00:00Z',
        notAfter: '2028-01-01T00:00:00Z',
        status: 'active',
        revokedAt: null,
        revocationReason: null,
      },
      locked: false,
      failedPinAttempts: 0,
    };
    const refused = (code: string, status: number, extra: Record<string, unknown> = {}) =>
      [{ type: `https://benhan.dev/problems/${code}`, title: 'Refused', status, ...extra }, { status, statusText: 'Refused' }] as const;
    const q = <T extends Element = HTMLElement>(testId: string) => document.querySelector<T>(`[data-testid="${testId}"]`);
    const shown = (testId: string) => q(testId)?.textContent?.trim() ?? '';

    async function openSigning(state: MySigningState = ENROLLED): Promise<void> {
      q<HTMLButtonElement>('sign')?.click();
      backend.expectOne({ method: 'GET', url: '/api/me/signing' }).flush(state);
      await settle();
    }

    async function submitPin(pin: string) {
      const input = q<HTMLInputElement>('pin-input');
      if (!input) throw new Error('no PIN field');
      input.value = pin;
      input.dispatchEvent(new Event('input'));
      await fixture.whenStable();
      q<HTMLButtonElement>('pin-submit')?.click();
      const req = backend.expectOne({ method: 'POST', url: '/api/versions/v-1/signatures' });
      expect(req.request.body).toEqual({ pin });
      return req;
    }

    it('offers the author "Ký số" on their own draft, awaiting their step', async () => {
      await openDraft();
      expect(text('sign')).toBe('Ký số');
      expect(text('document-signatures')).toBe('Chờ ký: Bác sĩ làm bệnh án');
    });

    it('offers "Ký duyệt" when the head of department’s step is awaited', async () => {
      const awaitingHead = aVersion({
        status: 'signed',
        signoffs: [{ step: 1, role: 'author', signerId: 'u-1', signerName: 'BS. Nguyễn Văn Minh', signedAt: '2026-05-02T03:00:00.000Z' }],
        awaiting: [{ step: 2, role: 'head_of_department', label: 'Trưởng khoa' }],
      });
      await setUp({ path: 'documents/:id', id: 'doc-1' });
      backend.expectOne('/api/documents/doc-1').flush(aDocument({ latest: awaitingHead }));
      backend.expectOne('/api/documents/doc-1/versions').flush([awaitingHead]);
      await settle();
      backend.expectOne('/api/documents/doc-1/versions/1').flush(awaitingHead);
      backend.expectOne('/api/encounters/e-1').flush(anEncounter());
      backend.expectOne('/api/documents/doc-1/signatures/report').flush({ indication: 'PASSED', reports: [aReport()] });
      await settle();
      backend.expectOne('/api/forms/01%2FBV1/versions/1').flush(aForm({ version: 1 }));
      await settle();
      expect(text('sign')).toBe('Ký duyệt');
      const badges = Array.from(el.querySelectorAll('[data-testid="document-signatures"] [data-testid="signature-badge"]'));
      expect(badges.map((b) => [b.getAttribute('data-state'), b.textContent?.trim()])).toEqual([
        ['valid', 'Chữ ký hợp lệ'],
        ['pending', 'Chờ ký: Trưởng khoa'],
      ]);
    });

    it('keeps the PIN dialog open after a wrong PIN and shows the attempts left', async () => {
      await openDraft();
      await openSigning();
      (await submitPin('000000')).flush(...refused('wrong_pin', 403, { remainingAttempts: 4 }));
      await settle();
      expect(shown('pin-problem')).toBe('Mã PIN không đúng.');
      expect(shown('pin-remaining')).toBe('Còn 4 lần thử trước khi chức năng ký bị khóa.');
      expect(text('document-status')).toBe('Nháp');
    });

    it('says signing is locked (423) and offers no other try', async () => {
      await openDraft();
      await openSigning();
      (await submitPin('000000')).flush(...refused('signing_locked', 423));
      await settle();
      expect(shown('pin-locked')).toContain('đã bị khóa');
      expect(q('pin-input')).toBeNull();
      expect(q<HTMLButtonElement>('pin-submit')?.disabled).toBe(true);
    });

    it('shows the server’s detail of whose step it is (not_your_step)', async () => {
      await openDraft();
      await openSigning();
      (await submitPin('123456')).flush(...refused('not_your_step', 403, { detail: 'Bước 2 (Trưởng khoa) do trưởng khoa ký.' }));
      await settle();
      expect(shown('pin-problem')).toBe('Chưa đến lượt ký của bạn: Bước 2 (Trưởng khoa) do trưởng khoa ký.');
    });

    it('marks the missing mandatory fields under the form when the content is incomplete', async () => {
      await openDraft();
      await openSigning();
      (await submitPin('123456')).flush(
        ...refused('content_incomplete', 400, { errors: [{ field: '/examination/general/pulse', message: 'Bắt buộc khi ký' }] }),
      );
      await settle();
      expect(q('pin-input')).toBeNull();
      expect(text('errors-examination-general-pulse')).toBe('Bắt buộc khi ký');
      expect(text('document-problem')).toContain('còn 1 mục bắt buộc');
    });

    it('asks for a PIN twice to enrol first when the doctor has no certificate', async () => {
      await openDraft();
      await openSigning({ certificate: null, locked: false, failedPinAttempts: 0 });
      expect(q('pin-enrol-intro')).not.toBeNull();
      expect(q('pin-confirm')).not.toBeNull();
    });

    it('signs, reloads the version as signed and read-only, and shows its badge and PASSED report', async () => {
      await openDraft();
      await openSigning();
      (await submitPin('123456')).flush(
        { ...aReport(), indication: undefined } as unknown as SignatureReport,
        { status: 201, statusText: 'Created' },
      );
      await settle();
      const signed = aVersion({
        status: 'signed',
        signoffs: [{ step: 1, role: 'author', signerId: 'u-1', signerName: 'BS. Nguyễn Văn Minh', signedAt: '2026-05-02T03:00:00.000Z' }],
        awaiting: [],
      });
      // The page reloads the document, its history and the version (the version and encounter may be asked again as
      // the summary changes), then the report now that something is signed.
      const answers: Record<string, unknown> = {
        '/api/documents/doc-1': aDocument({ latest: signed }),
        '/api/documents/doc-1/versions': [signed],
        '/api/documents/doc-1/versions/1': signed,
        '/api/encounters/e-1': anEncounter(),
        '/api/forms/01%2FBV1/versions/1': aForm({ version: 1 }),
        '/api/documents/doc-1/signatures/report': { indication: 'PASSED', reports: [aReport()] },
      };
      for (let round = 0; round < 4; round++) {
        backend.match((r) => r.url in answers).forEach((r) => r.flush(answers[r.request.url] as Record<string, unknown>));
        await settle();
      }

      expect(text('document-notice')).toBe('Đã ký phiên bản 1 (Bác sĩ làm bệnh án).');
      expect(text('document-status')).toBe('Đã ký');
      expect(el.querySelector('[data-testid="sign"]')).toBeNull();
      expect(el.querySelector<HTMLInputElement>('#sf-examination-general-pulse')?.disabled).toBe(true);
      expect(el.querySelector('[data-testid="amend"]')).not.toBeNull();
      expect(text('document-signatures')).toBe('Chữ ký hợp lệ');

      (el.querySelector('[data-testid="toggle-signatures"]') as HTMLButtonElement).click();
      await settle();
      expect(el.querySelector('[data-testid="signature-report-overall"] [data-testid="signature-badge"]')?.getAttribute('data-state')).toBe('valid');
      expect(text('signature-check-label')).toBe('Nội dung không bị thay đổi sau khi ký');
    });
  });
});

function aReport(): SignatureReport {
  return {
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
    timestampedAt: '2026-05-02T03:00:01.000Z',
    certificateSerial: '0A1B',
    indication: 'PASSED',
    reason: null,
    checks: [{ check: 'content_hash', passed: true, detail: 'ok' }],
    validatedAt: '2026-05-02T04:00:00.000Z',
  };
}
