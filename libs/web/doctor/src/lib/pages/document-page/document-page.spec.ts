import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap, provideRouter, Router } from '@angular/router';
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
});
