import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { problemOf, statusOf } from '../http/problem-details';
import { AuditApi } from './audit.api';

describe(AuditApi.name, () => {
  let api: AuditApi;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    api = TestBed.inject(AuditApi);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('reads the event log with only the filters given, trimmed, and repeats several actions', () => {
    api
      .events({
        patient: ' p-1 ',
        actor: '',
        action: ['document_read', 'document_print'],
        outcome: 'failure',
        from: '2026-05-01T00:00:00.000Z',
        sort: 'desc',
        limit: 50,
        offset: 100,
      })
      .subscribe();
    const req = backend.expectOne((r) => r.url === '/api/audit/events');
    expect(req.request.method).toBe('GET');
    expect(req.request.params.keys().sort()).toEqual(['action', 'from', 'limit', 'offset', 'outcome', 'patient', 'sort']);
    expect(req.request.params.getAll('action')).toEqual(['document_read', 'document_print']);
    expect(req.request.params.get('patient')).toBe('p-1');
    expect(req.request.params.get('offset')).toBe('100');
    req.flush({ items: [], total: 0, limit: 50, offset: 100 });

    api.events({ action: 'login' }).subscribe();
    backend.expectOne('/api/audit/events?action=login').flush({ items: [], total: 0, limit: 50, offset: 0 });
    api.events().subscribe();
    backend.expectOne('/api/audit/events').flush({ items: [], total: 0, limit: 50, offset: 0 });
  });

  it('reads who accessed a patient’s record in a range', () => {
    api.access({ patient: 'p-1', from: '2026-05-01T00:00:00.000Z', to: undefined, limit: 20, offset: 0 }).subscribe();
    const req = backend.expectOne((r) => r.url === '/api/audit/access');
    expect(req.request.params.toString()).toBe('patient=p-1&from=2026-05-01T00:00:00.000Z&limit=20&offset=0');
    req.flush({ items: [], total: 0, limit: 20, offset: 0 });
  });

  it('checks the chain from the last checkpoint by default or from genesis, and reads runs and checkpoints', () => {
    api.integrity().subscribe();
    backend.expectOne({ method: 'GET', url: '/api/audit/integrity?from=checkpoint' }).flush({});
    api.integrity('genesis').subscribe();
    backend.expectOne({ method: 'GET', url: '/api/audit/integrity?from=genesis' }).flush({});
    api.integrityRuns(10).subscribe();
    backend.expectOne({ method: 'GET', url: '/api/audit/integrity/runs?limit=10' }).flush([]);
    api.integrityRuns().subscribe();
    backend.expectOne({ method: 'GET', url: '/api/audit/integrity/runs' }).flush([]);
    api.checkpoints(5).subscribe();
    backend.expectOne({ method: 'GET', url: '/api/audit/checkpoints?limit=5' }).flush([]);
  });

  it('reads the signature trail of a scope, sorted', () => {
    api.signatureTrail({ patient: 'p-1', encounter: 'e-1', document: '', signer: 'u-1', sort: '-signedAt', limit: 20, offset: 0 }).subscribe();
    const req = backend.expectOne((r) => r.url === '/api/audit/signature-trail');
    expect(req.request.params.toString()).toBe('patient=p-1&encounter=e-1&signer=u-1&sort=-signedAt&limit=20&offset=0');
    req.flush({ items: [], total: 0, limit: 20, offset: 0 });
  });

  it('exports the whole signature trail of the scope as CSV with the reason (not one page of it)', () => {
    const blobs: Blob[] = [];
    api.signatureTrailCsv({ patient: 'p-1', sort: 'signedAt', limit: 20, offset: 40 }, ' Thanh tra Sở Y tế ').subscribe((b) => blobs.push(b));
    const req = backend.expectOne((r) => r.url === '/api/audit/signature-trail');
    expect(req.request.params.toString()).toBe('patient=p-1&sort=signedAt&format=csv&reason=Thanh%20tra%20S%E1%BB%9F%20Y%20t%E1%BA%BF');
    expect(req.request.params.get('reason')).toBe('Thanh tra Sở Y tế');
    expect(req.request.responseType).toBe('blob');
    req.flush(new Blob(['a,b\n'], { type: 'text/csv' }));
    expect(blobs).toHaveLength(1);
  });

  it('downloads the audit bundle of a range with the reason', () => {
    api.bundle({ from: '2026-05-01T00:00:00.000Z', reason: 'Kiểm toán định kỳ' }).subscribe();
    const req = backend.expectOne((r) => r.url === '/api/audit/bundle');
    expect(req.request.params.keys()).toEqual(['from', 'reason']);
    expect(req.request.params.get('reason')).toBe('Kiểm toán định kỳ');
    expect(req.request.responseType).toBe('blob');
    req.flush(new Blob(['{}'], { type: 'application/json' }));
  });

  it('posts the report request without empty scope fields and gets the sealed PDF', () => {
    api.report({ patient: 'p-1', encounter: '', document: undefined, reason: ' Thanh tra đột xuất ' }).subscribe();
    const req = backend.expectOne({ method: 'POST', url: '/api/audit/reports' });
    expect(req.request.body).toEqual({ patient: 'p-1', reason: 'Thanh tra đột xuất' });
    expect(req.request.responseType).toBe('blob');
    req.flush(new Blob(['%PDF'], { type: 'application/pdf' }));
  });

  it('reads the problem of a refused export out of its blob body', async () => {
    const failure = new Promise<unknown>((resolve) => api.bundle({ reason: ' ' }).subscribe({ error: resolve }));
    const problem = { type: 'https://benhan.dev/problems/validation', title: 'Bad Request', status: 400, detail: 'reason is required' };
    backend
      .expectOne((r) => r.url === '/api/audit/bundle')
      .flush(new Blob([JSON.stringify(problem)], { type: 'application/problem+json' }), { status: 400, statusText: 'Bad Request' });
    const error = await failure;
    expect(statusOf(error)).toBe(400);
    expect(problemOf(error)?.detail).toBe('reason is required');
  });
});
