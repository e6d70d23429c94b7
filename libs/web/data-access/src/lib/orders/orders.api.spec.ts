import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { problemOf, statusOf } from '../http/problem-details';
import { OrdersApi } from './orders.api';

describe(OrdersApi.name, () => {
  let api: OrdersApi;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    api = TestBed.inject(OrdersApi);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('reads the lab and imaging catalogues', () => {
    api.labCatalogue().subscribe();
    backend.expectOne({ method: 'GET', url: '/api/order-catalogue/lab' }).flush({ tests: [], panels: [] });
    api.imagingCatalogue().subscribe();
    backend.expectOne({ method: 'GET', url: '/api/order-catalogue/imaging' }).flush([]);
  });

  it('lists and places an encounter’s orders, passing the problem of a refused item', () => {
    api.forEncounter('e 1').subscribe();
    backend.expectOne({ method: 'GET', url: '/api/encounters/e%201/orders' }).flush([]);
    let failure: unknown;
    const body = { category: 'laboratory' as const, priority: 'stat' as const, items: ['SH-K', 'NOPE'], reason: { code: 'E11.9', text: null }, clinicalNote: null };
    api.place('e-1', body).subscribe({ error: (e: unknown) => (failure = e) });
    const req = backend.expectOne({ method: 'POST', url: '/api/encounters/e-1/orders' });
    expect(req.request.body).toEqual(body);
    req.flush({ type: 'x/validation', title: 'Bad Request', status: 400, errors: [{ field: 'items/1', message: 'unknown' }] }, { status: 400, statusText: 'Bad Request' });
    expect(statusOf(failure)).toBe(400);
    expect(problemOf(failure)?.errors?.[0]?.field).toBe('items/1');
  });

  it('reads an order, activates it with the PIN, revokes and marks entered-in-error with a trimmed reason', () => {
    api.get('o-1').subscribe();
    backend.expectOne({ method: 'GET', url: '/api/orders/o-1' }).flush({});
    api.activate('o-1', '123456').subscribe();
    expect(backend.expectOne({ method: 'POST', url: '/api/orders/o-1/activate' }).request.body).toEqual({ pin: '123456' });
    api.revoke('o-1', '  Đã làm sáng nay ').subscribe();
    expect(backend.expectOne({ method: 'POST', url: '/api/orders/o-1/revoke' }).request.body).toEqual({ reason: 'Đã làm sáng nay' });
    api.enteredInError('o-1', 'Nhầm bệnh nhân').subscribe();
    expect(backend.expectOne({ method: 'POST', url: '/api/orders/o-1/entered-in-error' }).request.body).toEqual({ reason: 'Nhầm bệnh nhân' });
  });

  it('reads the inbox, acknowledges a report and reads a test’s trend by code', () => {
    api.inbox().subscribe();
    backend.expectOne({ method: 'GET', url: '/api/results/inbox' }).flush({ items: [], total: 0, limit: 50, offset: 0 });
    api.inbox({ limit: 20, offset: 40 }).subscribe();
    backend.expectOne({ method: 'GET', url: '/api/results/inbox?limit=20&offset=40' }).flush({ items: [], total: 0, limit: 20, offset: 40 });
    api.acknowledge('r-1').subscribe();
    const ack = backend.expectOne({ method: 'POST', url: '/api/results/r-1/acknowledge' });
    expect(ack.request.body).toEqual({});
    api.trend('p-1', '2823-3').subscribe();
    backend.expectOne({ method: 'GET', url: '/api/patients/p-1/observations?code=2823-3' }).flush([]);
  });
});
