import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { SignatureReportSet } from '@benhan/shared/contracts';
import { problemCodeOf, problemOf } from '../http/problem-details';
import { SignaturesApi } from './signatures.api';

describe(SignaturesApi.name, () => {
  let api: SignaturesApi;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    api = TestBed.inject(SignaturesApi);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('reads the caller’s signing state and enrols a PIN', () => {
    api.mySigning().subscribe();
    backend.expectOne({ method: 'GET', url: '/api/me/signing' }).flush({ certificate: null, locked: false, failedPinAttempts: 0 });
    api.enrol('123456').subscribe();
    const enrol = backend.expectOne({
      method: 'POST',
      url: '/api/me/signing/enrol',
    });
    expect(enrol.request.body).toEqual({ pin: '123456' });
    enrol.flush({});
  });

  it('signs a version with the PIN and passes on the remaining attempts of a wrong one', () => {
    api.sign('v-1', '123456').subscribe();
    const ok = backend.expectOne({
      method: 'POST',
      url: '/api/versions/v-1/signatures',
    });
    expect(ok.request.body).toEqual({ pin: '123456' });
    ok.flush({ id: 's-1' }, { status: 201, statusText: 'Created' });

    let failure: unknown;
    api.sign('v-1', '000000').subscribe({ error: (e: unknown) => (failure = e) });
    backend.expectOne({ method: 'POST', url: '/api/versions/v-1/signatures' }).flush(
      {
        type: 'https://benhan.dev/problems/wrong_pin',
        title: 'Forbidden',
        status: 403,
        remainingAttempts: 3,
      },
      { status: 403, statusText: 'Forbidden' },
    );
    expect(problemCodeOf(failure)).toBe('wrong_pin');
    expect(problemOf(failure)?.['remainingAttempts']).toBe(3);
  });

  it('reads the validation reports of a version, a document, an encounter and one signature', () => {
    let set: SignatureReportSet | null = null;
    api.versionReport('v-1').subscribe((s) => (set = s));
    backend.expectOne({ method: 'GET', url: '/api/versions/v-1/signatures/report' }).flush({ indication: 'PASSED', reports: [] });
    expect(set).toEqual({ indication: 'PASSED', reports: [] });
    api.documentReport('d-1').subscribe();
    backend.expectOne({ method: 'GET', url: '/api/documents/d-1/signatures/report' }).flush({});
    api.encounterReport('e-1').subscribe();
    backend
      .expectOne({
        method: 'GET',
        url: '/api/encounters/e-1/signatures/report',
      })
      .flush({});
    api.report('s-1').subscribe();
    backend.expectOne({ method: 'GET', url: '/api/signatures/s-1/report' }).flush({});
  });

  it('downloads the .p7s, the chain and the canonical bytes as blobs', () => {
    const blobs: Blob[] = [];
    api.p7s('s-1').subscribe((b) => blobs.push(b));
    const p7s = backend.expectOne({
      method: 'GET',
      url: '/api/signatures/s-1/p7s',
    });
    expect(p7s.request.responseType).toBe('blob');
    p7s.flush(new Blob([new Uint8Array([0x30, 0x82])]));
    api.chain('s-1').subscribe((b) => blobs.push(b));
    backend.expectOne({ method: 'GET', url: '/api/signatures/s-1/chain' }).flush(new Blob(['-----BEGIN CERTIFICATE-----']));
    api.canonical('v-1').subscribe((b) => blobs.push(b));
    const canonical = backend.expectOne({
      method: 'GET',
      url: '/api/versions/v-1/canonical',
    });
    expect(canonical.request.responseType).toBe('blob');
    canonical.flush(new Blob(['{}']));
    expect(blobs).toHaveLength(3);
  });
});
