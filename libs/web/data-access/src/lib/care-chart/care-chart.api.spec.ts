import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ProblemDetails, RecordVitalSignsRoundRequest, VitalSignDefinition } from '@benhan/shared/contracts';
import { problemOf } from '../http/problem-details';
import { CareChartApi } from './care-chart.api';

describe(CareChartApi.name, () => {
  let api: CareChartApi;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    api = TestBed.inject(CareChartApi);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('reads the vital sign definitions once per session', () => {
    const seen: VitalSignDefinition[][] = [];
    api.vitalSignDefinitions().subscribe((d) => seen.push(d));
    backend.expectOne({ method: 'GET', url: '/api/care-chart/vital-sign-definitions' }).flush([{ kind: 'pulse' }]);
    api.vitalSignDefinitions().subscribe((d) => seen.push(d));
    backend.expectNone('/api/care-chart/vital-sign-definitions');
    expect(seen).toHaveLength(2);
  });

  it('records one set of vital signs and hands back the field errors of a 400', () => {
    let problem: ProblemDetails | null = null;
    const body = { takenAt: '2026-05-02T01:00:00.000Z', values: { temperature: 52 } };
    api.recordVitalSigns('e-1', body).subscribe({ error: (e: unknown) => (problem = problemOf(e)) });
    const req = backend.expectOne({ method: 'POST', url: '/api/encounters/e-1/vital-signs' });
    expect(req.request.body).toEqual(body);
    req.flush(
      { type: 'about:blank', title: 'Bad Request', status: 400, errors: [{ field: 'values.temperature', message: 'implausible' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    expect(problem).toMatchObject({ errors: [{ field: 'values.temperature' }] });
  });

  it('saves a ward round with one POST /api/vital-signs/rounds', () => {
    const body: RecordVitalSignsRoundRequest = {
      entries: [
        { encounterId: 'e-1', takenAt: '2026-05-02T01:00:00.000Z', values: { pulse: 80 } },
        { encounterId: 'e-2', takenAt: '2026-05-02T01:00:00.000Z', values: { pulse: 90 } },
      ],
    };
    api.recordVitalSignsRound(body).subscribe();
    const req = backend.expectOne({ method: 'POST', url: '/api/vital-signs/rounds' });
    expect(req.request.body).toEqual(body);
    req.flush([]);
  });

  it('reads the flowsheet of a range and marks an observation entered-in-error with its reason', () => {
    api.flowsheet('e-1', { from: '2026-05-01T00:00:00.000Z', to: '2026-05-02T00:00:00.000Z' }).subscribe();
    const get = backend.expectOne((r) => r.url === '/api/encounters/e-1/vital-signs');
    expect(get.request.params.get('from')).toBe('2026-05-01T00:00:00.000Z');
    expect(get.request.params.get('to')).toBe('2026-05-02T00:00:00.000Z');
    get.flush({ encounterId: 'e-1', from: '', to: '', observations: [] });

    api.flowsheet('e-1').subscribe();
    expect(backend.expectOne((r) => r.url === '/api/encounters/e-1/vital-signs').request.params.keys()).toEqual([]);

    api.markVitalSignEnteredInError('o-1', { reason: 'Nhầm bệnh nhân' }).subscribe();
    const mark = backend.expectOne({ method: 'POST', url: '/api/vital-signs/o-1/entered-in-error' });
    expect(mark.request.body).toEqual({ reason: 'Nhầm bệnh nhân' });
    mark.flush({});
  });

  it('reads the medication orders and records, lists and voids administrations', () => {
    api.medicationOrders('e-1').subscribe();
    backend.expectOne({ method: 'GET', url: '/api/encounters/e-1/medication-orders' }).flush([]);
    api.medicationAdministrations('e-1').subscribe();
    backend.expectOne({ method: 'GET', url: '/api/encounters/e-1/medication-administrations' }).flush([]);
    api.recordAdministration('e-1', { drug: 'Paracetamol', dose: '500 mg', route: 'oral', status: 'held', reason: 'Nhịn ăn' }).subscribe();
    const record = backend.expectOne({ method: 'POST', url: '/api/encounters/e-1/medication-administrations' });
    expect(record.request.body).toMatchObject({ status: 'held', reason: 'Nhịn ăn' });
    record.flush({});
    api.markAdministrationEnteredInError('a-1', { reason: 'Ghi nhầm' }).subscribe();
    backend.expectOne({ method: 'POST', url: '/api/medication-administrations/a-1/entered-in-error' }).flush({});
  });
});
