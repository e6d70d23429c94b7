import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { problemOf } from '../http/problem-details';
import { AccessRequestsApi } from './access-requests.api';

describe(AccessRequestsApi.name, () => {
  let api: AccessRequestsApi;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    api = TestBed.inject(AccessRequestsApi);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('records a written request and passes on a 400 naming the scope', () => {
    let failure: unknown;
    const body = {
      patientId: 'p-1',
      requesterName: 'Nguyễn Thị Lan',
      relationship: 'family_representative' as const,
      requesterIdNumber: '001190001234',
      scope: 'copy' as const,
      receivedAt: '2026-05-12T02:00:00.000Z',
    };
    api.create(body).subscribe({ error: (e: unknown) => (failure = e) });
    const req = backend.expectOne({ method: 'POST', url: '/api/access-requests' });
    expect(req.request.body).toEqual(body);
    req.flush(
      { type: 'https://benhan.dev/problems/validation', title: 'Bad Request', status: 400, errors: [{ field: 'scope', message: 'summary only' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    expect(problemOf(failure)?.errors?.[0].field).toBe('scope');
  });

  it('lists the requests of a patient and a status, with only the filters given', () => {
    api.list({ patient: 'p-1', status: 'received', limit: 20, offset: 0 }).subscribe();
    backend.expectOne('/api/access-requests?patient=p-1&status=received&limit=20&offset=0').flush({ items: [], total: 0, limit: 20, offset: 0 });
    api.list({ patient: ' ' }).subscribe();
    backend.expectOne('/api/access-requests').flush({ items: [], total: 0, limit: 20, offset: 0 });
  });

  it('releases the sealed summary as a PDF, fetches it again, and refuses with a reason', () => {
    api.release('r-1').subscribe();
    const release = backend.expectOne({ method: 'POST', url: '/api/access-requests/r-1/release' });
    expect(release.request.responseType).toBe('blob');
    release.flush(new Blob(['%PDF'], { type: 'application/pdf' }));
    api.summary('r-1').subscribe();
    const summary = backend.expectOne({ method: 'GET', url: '/api/access-requests/r-1/summary' });
    expect(summary.request.responseType).toBe('blob');
    summary.flush(new Blob(['%PDF'], { type: 'application/pdf' }));
    api.refuse('r-1', ' Không xuất trình giấy tờ ').subscribe();
    expect(backend.expectOne({ method: 'POST', url: '/api/access-requests/r-1/refuse' }).request.body).toEqual({ reason: 'Không xuất trình giấy tờ' });
  });
});
