import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { InterfacesApi } from './interfaces.api';

describe(InterfacesApi.name, () => {
  let api: InterfacesApi;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    api = TestBed.inject(InterfacesApi);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('reads the overview', () => {
    api.overview().subscribe();
    backend.expectOne({ method: 'GET', url: '/api/interfaces' }).flush({});
  });

  it('reads the log with only the filters filled in, trimmed, and the page', () => {
    api.messages({ direction: 'inbound', status: 'quarantined', type: ' ORU ', controlId: '', patientId: undefined, limit: 25, offset: 50 }).subscribe();
    const req = backend.expectOne((r) => r.url === '/api/interfaces/messages');
    expect(req.request.method).toBe('GET');
    expect(req.request.params.toString()).toBe('direction=inbound&status=quarantined&type=ORU&limit=25&offset=50');
    req.flush({ items: [], total: 0, limit: 25, offset: 50 });
  });

  it('reads one message by its encoded id', () => {
    api.message('m/1').subscribe();
    backend.expectOne({ method: 'GET', url: '/api/interfaces/messages/m%2F1' }).flush({});
  });

  it('replays an edited inbound message with its text, an outbound one without any', () => {
    api.replay('m-1', 'MSH|^~\\&|LIS\rPID|1').subscribe();
    const edited = backend.expectOne({ method: 'POST', url: '/api/interfaces/messages/m-1/replay' });
    expect(edited.request.body).toEqual({ text: 'MSH|^~\\&|LIS\rPID|1' });
    edited.flush({});

    api.replay('m-2').subscribe();
    const resend = backend.expectOne({ method: 'POST', url: '/api/interfaces/messages/m-2/replay' });
    expect(resend.request.body).toEqual({});
    resend.flush({});
  });
});
