import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { problemCodeOf, problemOf, statusOf } from '../http/problem-details';
import { ArchiveApi } from './archive.api';

describe(ArchiveApi.name, () => {
  let api: ArchiveApi;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    api = TestBed.inject(ArchiveApi);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('reads the discharge queue of a scope, pending by default', () => {
    api.queue().subscribe();
    expect(backend.expectOne((r) => r.url === '/api/records/queue').request.params.get('scope')).toBe('pending');
    api.queue('all').subscribe();
    backend.expectOne('/api/records/queue?scope=all').flush({ items: [], total: 0, limit: 50, offset: 0 });
    api.queue('archived', { limit: 25, offset: 50 }).subscribe();
    backend.expectOne('/api/records/queue?scope=archived&limit=25&offset=50').flush({ items: [], total: 0, limit: 25, offset: 50 });
  });

  it('archives an encounter with the asserted categories and passes on what a 409 record_incomplete says is missing', () => {
    let failure: unknown;
    api.archive('e-1', { categories: ['death'] }).subscribe({ error: (e: unknown) => (failure = e) });
    const req = backend.expectOne({ method: 'POST', url: '/api/encounters/e-1/archive' });
    expect(req.request.body).toEqual({ categories: ['death'] });
    req.flush(
      {
        type: 'https://benhan.dev/problems/record_incomplete',
        title: 'Conflict',
        status: 409,
        missing: [{ requirement: 'discharge_summary', formCodes: ['RV/BV1'], title: { vi: 'Giấy ra viện', en: 'Discharge paper' } }],
        awaitingSignature: [],
        incompleteDrafts: [],
      },
      { status: 409, statusText: 'Conflict' },
    );
    expect(problemCodeOf(failure)).toBe('record_incomplete');
    expect(problemOf(failure)?.['missing']).toHaveLength(1);
  });

  it('searches with only the filters given, trimmed', () => {
    api.search({ q: ' Ánh ', recordNumber: '', diagnosis: 'J18', endedFrom: '2026-01-01', status: 'stored', limit: 20, offset: 40 }).subscribe();
    const req = backend.expectOne((r) => r.url === '/api/archives');
    expect(req.request.params.keys().sort()).toEqual(['diagnosis', 'endedFrom', 'limit', 'offset', 'q', 'status']);
    expect(req.request.params.get('q')).toBe('Ánh');
    expect(req.request.params.get('offset')).toBe('40');
    req.flush({ items: [], total: 0, limit: 20, offset: 40 });
  });

  it('downloads an archive’s PDF with its purpose as a blob', () => {
    const blobs: Blob[] = [];
    api.pdf('a-1', ' Bảo hiểm xã hội đề nghị ').subscribe((b) => blobs.push(b));
    const req = backend.expectOne((r) => r.url === '/api/archives/a-1/pdf');
    expect(req.request.params.get('purpose')).toBe('Bảo hiểm xã hội đề nghị');
    expect(req.request.responseType).toBe('blob');
    req.flush(new Blob(['%PDF-1.7'], { type: 'application/pdf' }));
    expect(blobs).toHaveLength(1);
  });

  it('reads the problem of a failed download out of its blob body', async () => {
    const failure = new Promise<unknown>((resolve) => api.pdf('a-1', 'x').subscribe({ error: resolve }));
    const problem = { type: 'https://benhan.dev/problems/archive_disposed', title: 'Gone', status: 410, detail: 'Đã tiêu hủy' };
    backend
      .expectOne((r) => r.url === '/api/archives/a-1/pdf')
      .flush(new Blob([JSON.stringify(problem)], { type: 'application/problem+json' }), { status: 410, statusText: 'Gone' });
    const error = await failure;
    expect(statusOf(error)).toBe(410);
    expect(problemOf(error)?.detail).toBe('Đã tiêu hủy');
  });

  it('reads one archive, its access log and loans; lends and takes back', () => {
    api.get('a-1').subscribe();
    backend.expectOne({ method: 'GET', url: '/api/archives/a-1' }).flush({});
    api.accessLog('a-1').subscribe();
    backend.expectOne({ method: 'GET', url: '/api/archives/a-1/access' }).flush({ items: [], total: 0, limit: 50, offset: 0 });
    api.accessLog('a-1', { limit: 10, offset: 10 }).subscribe();
    backend.expectOne({ method: 'GET', url: '/api/archives/a-1/access?limit=10&offset=10' }).flush({ items: [], total: 0, limit: 10, offset: 10 });
    api.loans('a-1').subscribe();
    backend.expectOne({ method: 'GET', url: '/api/archives/a-1/loans' }).flush([]);
    const loan = { borrower: 'Tòa án nhân dân quận Ba Đình', purpose: 'Hồ sơ vụ án', dueAt: '2026-07-01' };
    api.lend('a-1', loan).subscribe();
    expect(backend.expectOne({ method: 'POST', url: '/api/archives/a-1/loans' }).request.body).toEqual(loan);
    api.returnLoan('l-1').subscribe();
    backend.expectOne({ method: 'POST', url: '/api/loans/l-1/return' }).flush({});
  });

  it('places a legal hold and re-opens with a reason', () => {
    api.legalHold('a-1', { hold: true, reason: 'Tranh chấp' }).subscribe();
    expect(backend.expectOne({ method: 'PUT', url: '/api/archives/a-1/legal-hold' }).request.body).toEqual({ hold: true, reason: 'Tranh chấp' });
    api.reopen('a-1', { reason: 'Bổ sung kết quả giải phẫu bệnh' }).subscribe();
    expect(backend.expectOne({ method: 'POST', url: '/api/archives/a-1/reopen' }).request.body).toEqual({ reason: 'Bổ sung kết quả giải phẫu bệnh' });
  });

  it('lists disposal candidates and proposals by status, proposes and decides', () => {
    api.disposalCandidates().subscribe();
    backend.expectOne({ method: 'GET', url: '/api/disposals/candidates' }).flush({ items: [], total: 0, limit: 50, offset: 0 });
    api.disposalCandidates({ offset: 50 }).subscribe();
    backend.expectOne({ method: 'GET', url: '/api/disposals/candidates?offset=50' }).flush({ items: [], total: 0, limit: 50, offset: 50 });
    api.disposals('proposed', { limit: 10 }).subscribe();
    backend.expectOne({ method: 'GET', url: '/api/disposals?status=proposed&limit=10' }).flush({ items: [], total: 0, limit: 10, offset: 0 });
    api.disposals().subscribe();
    backend.expectOne({ method: 'GET', url: '/api/disposals' }).flush([]);
    api.proposeDisposal({ archiveId: 'a-1', reason: 'Hết hạn lưu trữ' }).subscribe();
    expect(backend.expectOne({ method: 'POST', url: '/api/disposals' }).request.body).toEqual({ archiveId: 'a-1', reason: 'Hết hạn lưu trữ' });
    api.decideDisposal('d-1', { approve: false, reason: 'Còn tranh chấp' }).subscribe();
    expect(backend.expectOne({ method: 'POST', url: '/api/disposals/d-1/decision' }).request.body).toEqual({ approve: false, reason: 'Còn tranh chấp' });
  });

  it('reads recent fixity runs and starts one', () => {
    api.fixityRuns(10).subscribe();
    backend.expectOne({ method: 'GET', url: '/api/fixity/runs?limit=10' }).flush([]);
    api.runFixity().subscribe();
    backend.expectOne({ method: 'POST', url: '/api/fixity/runs' }).flush({});
  });

  it('exports every archive as a tar with the reason', () => {
    api.exportAll('Chuyển kho').subscribe();
    const req = backend.expectOne((r) => r.url === '/api/archives/export');
    expect([req.request.params.get('reason'), req.request.responseType]).toEqual(['Chuyển kho', 'blob']);
    req.flush(new Blob([]));
  });

  it('resolves a printed page’s code and fetches a version’s PDF', () => {
    api.verify('V0A1B2C3D4E').subscribe();
    backend.expectOne({ method: 'GET', url: '/api/verify/V0A1B2C3D4E' }).flush({});
    api.versionPdf('v-1').subscribe();
    const pdf = backend.expectOne({ method: 'GET', url: '/api/versions/v-1/pdf' });
    expect(pdf.request.responseType).toBe('blob');
    pdf.flush(new Blob(['%PDF']));
  });
});
