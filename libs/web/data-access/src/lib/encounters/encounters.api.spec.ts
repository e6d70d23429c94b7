import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { AdmitRequest, CensusEntry, WardBeds } from '@benhan/shared/contracts';
import { problemCodeOf } from '../http/problem-details';
import { EncountersApi } from './encounters.api';

describe(EncountersApi.name, () => {
  let api: EncountersApi;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    api = TestBed.inject(EncountersApi);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('reads the free-bed map from /api/wards', () => {
    let wards: WardBeds[] = [];
    api.wards().subscribe((w) => (wards = w));
    backend
      .expectOne({ method: 'GET', url: '/api/wards' })
      .flush([{ id: 'w-1', code: 'P101', name: 'Phòng 101', departmentId: 'd-1', beds: [{ id: 'b-1', code: 'G1', occupiedByPatientId: null }] }]);
    expect(wards[0].beds[0].occupiedByPatientId).toBeNull();
  });

  it('admits with POST /api/encounters/admissions and reports a taken bed as bed_occupied', () => {
    const body: AdmitRequest = { patientId: 'p-1', departmentId: 'd-1', bedId: 'b-1', source: 'emergency', admissionDiagnosis: 'J18.9' };
    let code: string | null = null;
    api.admit(body).subscribe({ error: (e: unknown) => (code = problemCodeOf(e)) });
    const req = backend.expectOne({ method: 'POST', url: '/api/encounters/admissions' });
    expect(req.request.body).toEqual(body);
    req.flush(
      { type: 'https://benhan.dev/problems/bed_occupied', title: 'Conflict', status: 409 },
      { status: 409, statusText: 'Conflict' },
    );
    expect(code).toBe('bed_occupied');
  });

  it('reads the census of one department', () => {
    let census: CensusEntry[] = [];
    api.census('d-1').subscribe((c) => (census = c));
    const req = backend.expectOne((r) => r.url === '/api/encounters/census');
    expect(req.request.params.get('departmentId')).toBe('d-1');
    req.flush([{ encounterId: 'e-1' }]);
    expect(census).toHaveLength(1);
  });

  it('lists the encounters of one patient and reads one encounter', () => {
    api.forPatient('p-1').subscribe();
    const list = backend.expectOne((r) => r.url === '/api/encounters');
    expect(list.request.params.get('patientId')).toBe('p-1');
    list.flush([]);

    api.get('e-1').subscribe();
    backend.expectOne({ method: 'GET', url: '/api/encounters/e-1' }).flush({});
  });

  it('transfers and discharges with the version read', () => {
    api.transfer('e-1', { version: 2, departmentId: 'd-2', bedId: null }).subscribe();
    const transfer = backend.expectOne({ method: 'POST', url: '/api/encounters/e-1/transfer' });
    expect(transfer.request.body).toEqual({ version: 2, departmentId: 'd-2', bedId: null });
    transfer.flush({});

    api
      .discharge('e-1', { version: 3, outcome: 'recovered', type: 'discharged', diagnoses: [{ role: 'principal', code: 'J18.9' }] })
      .subscribe();
    const discharge = backend.expectOne({ method: 'POST', url: '/api/encounters/e-1/discharge' });
    expect(discharge.request.body).toMatchObject({ version: 3, outcome: 'recovered', type: 'discharged' });
    discharge.flush({});
  });

  it('opens and concludes an outpatient visit', () => {
    api.openOutpatientVisit({ patientId: 'p-1', departmentId: 'd-1' }).subscribe();
    backend.expectOne({ method: 'POST', url: '/api/encounters/outpatient' }).flush({});
    api.concludeOutpatientVisit('e-1', { version: 1, conclusion: 'home_treatment', diagnoses: [] }).subscribe();
    backend.expectOne({ method: 'POST', url: '/api/encounters/e-1/conclude' }).flush({});
  });
});
