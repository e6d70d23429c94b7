import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { PatientDetail, RegisterPatientRequest } from '@benhan/shared/contracts';
import { API_BASE_URL } from '../http/api-base-url';
import { problemCodeOf, problemOf } from '../http/problem-details';
import { PatientsApi } from './patients.api';

describe(PatientsApi.name, () => {
  let api: PatientsApi;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    api = TestBed.inject(PatientsApi);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('searches with a trimmed q, limit and offset', () => {
    api.search({ q: '  trinh thi ngoc anh ', limit: 20, offset: 40 }).subscribe();
    const req = backend.expectOne((r) => r.url === '/api/patients');
    expect(req.request.method).toBe('GET');
    expect(req.request.params.get('q')).toBe('trinh thi ngoc anh');
    expect(req.request.params.get('limit')).toBe('20');
    expect(req.request.params.get('offset')).toBe('40');
    req.flush({ items: [], total: 0, limit: 20, offset: 40 });
  });

  it('leaves q out when the search box is blank, so the API lists patients', () => {
    api.search({ q: '   ' }).subscribe();
    const req = backend.expectOne((r) => r.url === '/api/patients');
    expect(req.request.params.has('q')).toBe(false);
    req.flush({ items: [], total: 0, limit: 50, offset: 0 });
  });

  it('registers with POST and hands back the 409 duplicate problem with its candidates', () => {
    const body: RegisterPatientRequest = { fullName: 'Trịnh Thị Ngọc Ánh', birthDate: '1990-05-01', sex: 'female' };
    let error: unknown;
    api.register(body).subscribe({ error: (e: unknown) => (error = e) });
    const req = backend.expectOne('/api/patients');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual(body);
    req.flush(
      {
        type: 'https://benhan.dev/problems/possible_duplicate',
        title: 'Conflict',
        status: 409,
        possibleDuplicates: [{ id: 'p-1', patientCode: 'BN000001', fullName: 'Trịnh Thị Ngọc Ánh', birthDate: '1990-05-01', sex: 'female' }],
      },
      { status: 409, statusText: 'Conflict' },
    );
    expect(error).toBeInstanceOf(HttpErrorResponse);
    expect(problemCodeOf(error)).toBe('possible_duplicate');
    expect(problemOf(error)?.['possibleDuplicates']).toHaveLength(1);
  });

  it('reads, updates with the version and merges one patient', () => {
    let read: PatientDetail | undefined;
    api.get('p-1').subscribe((p) => (read = p));
    backend.expectOne({ method: 'GET', url: '/api/patients/p-1' }).flush({ id: 'p-1' });
    expect(read?.id).toBe('p-1');

    api.update('p-1', { phone: '0912345678', version: 3 }).subscribe();
    const patch = backend.expectOne({ method: 'PATCH', url: '/api/patients/p-1' });
    expect(patch.request.body).toEqual({ phone: '0912345678', version: 3 });
    patch.flush({ id: 'p-1' });

    api.merge('p-1', { intoPatientId: 'p-2', reason: 'same person' }).subscribe();
    const merge = backend.expectOne({ method: 'POST', url: '/api/patients/p-1/merge' });
    expect(merge.request.body).toEqual({ intoPatientId: 'p-2', reason: 'same person' });
    merge.flush({ id: 'p-1' });
  });

  it('prefixes every path with API_BASE_URL', () => {
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: API_BASE_URL, useValue: 'http://api.test' }],
    });
    TestBed.inject(PatientsApi).get('p-9').subscribe();
    TestBed.inject(HttpTestingController).expectOne('http://api.test/api/patients/p-9').flush({});
  });
});

describe('problemCodeOf', () => {
  const failure = (body: unknown, status = 409) => new HttpErrorResponse({ error: body, status });

  it('takes the last path segment of the problem type', () => {
    expect(problemCodeOf(failure({ type: 'https://benhan.dev/problems/stale_version', title: 'Conflict', status: 409 }))).toBe(
      'stale_version',
    );
  });

  it('is null for about:blank, a missing problem document, or a non-HTTP error', () => {
    expect(problemCodeOf(failure({ type: 'about:blank', title: 'Conflict', status: 409 }))).toBeNull();
    expect(problemCodeOf(failure('<html>Bad gateway</html>', 502))).toBeNull();
    expect(problemCodeOf(new Error('boom'))).toBeNull();
  });
});
