import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { Commune, Icd10SearchResult, Province } from '@benhan/shared/contracts';
import { TerminologyApi } from './terminology.api';

describe(TerminologyApi.name, () => {
  let api: TerminologyApi;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    api = TestBed.inject(TerminologyApi);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('searches ICD-10 by code or title with a limit', () => {
    let result: Icd10SearchResult | undefined;
    api.icd10({ q: ' viêm phổi ', limit: 10 }).subscribe((r) => (result = r));
    const req = backend.expectOne((r) => r.url === '/api/icd10');
    expect(req.request.params.get('q')).toBe('viêm phổi');
    expect(req.request.params.get('limit')).toBe('10');
    expect(req.request.params.has('at')).toBe(false);
    req.flush({ catalogue: { version: 'QD4469-BHYT' }, items: [{ code: 'J18.9', titleVi: 'Viêm phổi, không đặc hiệu' }] });
    expect(result?.items[0].code).toBe('J18.9');
  });

  it('fetches the province list once and shares it', () => {
    const seen: Province[][] = [];
    api.provinces().subscribe((p) => seen.push(p));
    backend.expectOne('/api/provinces').flush([{ code: '01', name: 'Thành phố Hà Nội' }]);
    api.provinces().subscribe((p) => seen.push(p));
    backend.expectNone('/api/provinces');
    expect(seen).toHaveLength(2);
  });

  it('asks again after a failed call instead of remembering the failure', () => {
    api.provinces().subscribe({ error: () => undefined });
    backend.expectOne('/api/provinces').flush(null, { status: 503, statusText: 'Unavailable' });
    api.provinces().subscribe();
    backend.expectOne('/api/provinces').flush([]);
  });

  it('fetches the communes of each province once', () => {
    let communes: Commune[] = [];
    api.communes('01').subscribe((c) => (communes = c));
    backend.expectOne('/api/provinces/01/communes').flush([{ code: '00004', name: 'Phường Ba Đình', provinceCode: '01' }]);
    api.communes('01').subscribe();
    api.communes('79').subscribe();
    backend.expectOne('/api/provinces/79/communes').flush([]);
    expect(communes[0].name).toBe('Phường Ba Đình');
  });

  it('fetches the ethnic groups', () => {
    api.ethnicities().subscribe();
    backend.expectOne('/api/ethnicities').flush([{ code: '01', name: 'Kinh' }]);
  });
});
