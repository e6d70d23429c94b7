import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { DocumentDiff, FormSettingsRequest, FormSummary, UploadFormRequest } from '@benhan/shared/contracts';
import { problemCodeOf, problemOf } from '../http/problem-details';
import { DocumentsApi } from './documents.api';

describe(DocumentsApi.name, () => {
  let api: DocumentsApi;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    api = TestBed.inject(DocumentsApi);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('lists the forms allowed for an encounter type, and reads a form at its latest or a given schema version', () => {
    let forms: FormSummary[] = [];
    api.forms('inpatient').subscribe((f) => (forms = f));
    const list = backend.expectOne((r) => r.url === '/api/forms');
    expect(list.request.params.get('encounterType')).toBe('inpatient');
    list.flush([{ code: '01/BV1' }]);
    expect(forms).toHaveLength(1);

    api.forms().subscribe();
    expect(backend.expectOne((r) => r.url === '/api/forms').request.params.keys()).toEqual([]);

    api.form('01/BV1').subscribe();
    backend.expectOne({ method: 'GET', url: '/api/forms/01%2FBV1' }).flush({});
    api.formVersion('01/BV1', 2).subscribe();
    backend.expectOne({ method: 'GET', url: '/api/forms/01%2FBV1/versions/2' }).flush({});
  });

  it('uploads a form definition and saves a form’s facility settings under its URL-encoded code', () => {
    const upload = { code: 'E2E/BV2', signers: [{ step: 1, role: 'author', label: 'Người lập' }] } as unknown as UploadFormRequest;
    api.uploadForm(upload).subscribe();
    const post = backend.expectOne({ method: 'POST', url: '/api/forms' });
    expect(post.request.body).toBe(upload);
    post.flush({ code: 'E2E/BV2', version: 1 }, { status: 201, statusText: 'Created' });

    const settings: FormSettingsRequest = { signers: [{ step: 1, role: 'author', label: 'Bác sĩ làm bệnh án' }], requiredFor: [], active: false };
    api.saveFormSettings('01/BV1', settings).subscribe();
    const put = backend.expectOne({ method: 'PUT', url: '/api/forms/01%2FBV1/settings' });
    expect(put.request.body).toEqual(settings);
    put.flush({});
  });

  it('lists, creates and checks the completeness of an encounter’s documents', () => {
    api.forEncounter('e-1').subscribe();
    backend.expectOne({ method: 'GET', url: '/api/encounters/e-1/documents' }).flush([]);

    const body = { formCode: '01/BV1', content: { reason: { text: 'Sốt' } } };
    api.create('e-1', body).subscribe();
    const create = backend.expectOne({ method: 'POST', url: '/api/encounters/e-1/documents' });
    expect(create.request.body).toEqual(body);
    create.flush({ number: 1, status: 'draft' }, { status: 201, statusText: 'Created' });

    api.completeness('e-1').subscribe();
    backend.expectOne({ method: 'GET', url: '/api/encounters/e-1/completeness' }).flush({});
  });

  it('reads a document, its history and one version', () => {
    api.get('d-1').subscribe();
    backend.expectOne({ method: 'GET', url: '/api/documents/d-1' }).flush({});
    api.versions('d-1').subscribe();
    backend.expectOne({ method: 'GET', url: '/api/documents/d-1/versions' }).flush([]);
    api.version('d-1', 3).subscribe();
    backend.expectOne({ method: 'GET', url: '/api/documents/d-1/versions/3' }).flush({});
  });

  it('saves a draft with its revision and reports a stale one as stale_revision', () => {
    let code: string | null = null;
    api.saveDraft('d-1', 1, { revision: 4, content: { a: 1 } }).subscribe({ error: (e: unknown) => (code = problemCodeOf(e)) });
    const req = backend.expectOne({ method: 'PUT', url: '/api/documents/d-1/versions/1' });
    expect(req.request.body).toEqual({ revision: 4, content: { a: 1 } });
    req.flush(
      { type: 'https://benhan.dev/problems/stale_revision', title: 'Conflict', status: 409 },
      { status: 409, statusText: 'Conflict' },
    );
    expect(code).toBe('stale_revision');
  });

  it('passes on the field errors of a schema validation failure', () => {
    let fields: string[] = [];
    api.create('e-1', { formCode: '01/BV1', content: {} }).subscribe({
      error: (e: unknown) => (fields = (problemOf(e)?.errors ?? []).map((f) => f.field)),
    });
    backend.expectOne({ method: 'POST', url: '/api/encounters/e-1/documents' }).flush(
      {
        type: 'https://benhan.dev/problems/invalid_content',
        title: 'Bad Request',
        status: 400,
        errors: [{ field: '/examination/pulse', message: 'must be <= 250' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    expect(fields).toEqual(['/examination/pulse']);
  });

  it('amends with a reason and diffs two versions', () => {
    api.amend('d-1', { reason: 'Bổ sung tiền sử', content: {} }).subscribe();
    const amend = backend.expectOne({ method: 'POST', url: '/api/documents/d-1/versions' });
    expect(amend.request.body).toEqual({ reason: 'Bổ sung tiền sử', content: {} });
    amend.flush({ number: 2 });

    let diff: DocumentDiff | null = null;
    api.diff('d-1', 1, 2).subscribe((d) => (diff = d));
    const req = backend.expectOne((r) => r.url === '/api/documents/d-1/diff');
    expect([req.request.params.get('from'), req.request.params.get('to')]).toEqual(['1', '2']);
    req.flush({ documentId: 'd-1', from: 1, to: 2, changes: [{ path: '/a', change: 'changed', before: 1, after: 2 }] });
    expect(diff).toMatchObject({ changes: [{ path: '/a' }] });
  });
});
