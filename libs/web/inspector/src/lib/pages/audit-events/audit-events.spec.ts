import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { AuditEvent } from '@benhan/shared/contracts';
import { provideI18nTesting } from '@benhan/web/ui';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { anAuditEvent, aPatient, pageOf } from '../../../testing/fixtures';
import { storeSession } from '../../../testing/session';
import { VI, vi } from '../../../testing/translations';
import { AuditEvents, EMPTY_EVENT_FILTERS, eventsQuery } from './audit-events';

jest.setTimeout(30_000);

describe(AuditEvents.name, () => {
  let fixture: ComponentFixture<AuditEvents>;
  let backend: HttpTestingController;
  let el: HTMLElement;

  async function render(events: AuditEvent[]): Promise<void> {
    storeSession();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideI18nTesting({ vi: VI })] });
    await firstValueFrom(TestBed.inject(TranslateService).use('vi'));
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AuditEvents);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    const first = backend.expectOne((r) => r.url === '/api/audit/events');
    expect(first.request.params.toString()).toBe('sort=desc&limit=50&offset=0');
    first.flush(pageOf(events, events.length, 50));
    await fixture.whenStable();
  }

  afterEach(() => {
    backend.verify();
    sessionStorage.clear();
  });

  const page = () => fixture.componentInstance as unknown as { set(name: string, value: unknown): void };
  const rows = () => Array.from(el.querySelectorAll<HTMLElement>('[data-testid="event-row"]'));
  const text = (root: ParentNode, testId: string) => root.querySelector(`[data-testid="${testId}"]`)?.textContent?.trim().replace(/\s+/g, ' ') ?? '';
  const send = (testId: string) => {
    el.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`)?.click();
    fixture.detectChanges();
  };

  it('says in plain words what each event was, who did it and whether it went through', async () => {
    await render([
      anAuditEvent(),
      anAuditEvent({ seq: 1249, action: 'login_failed', outcome: 'failure', actorUserId: null, actorName: null, actorUsername: 'nobody', actorRoles: [], resourceType: null }),
      anAuditEvent({ seq: 1248, action: 'config_change', actorUserId: null, actorUsername: null, actorName: null, actorRoles: [] }),
    ]);
    const [sign, failed, system] = rows();
    expect(text(sign, 'event-action')).toBe('Ký số văn bản');
    expect(text(sign, 'event-actor')).toBe('BS. Nguyễn Văn Minh');
    expect(sign.textContent).toContain('Phiên bản văn bản');
    expect(sign.querySelector('[data-testid="event-outcome"]')).toBeNull();
    expect(text(failed, 'event-action')).toBe('Đăng nhập thất bại');
    expect(text(failed, 'event-outcome')).toBe('Không thành công');
    expect(text(failed, 'event-actor')).toBe('nobody');
    expect(text(system, 'event-actor')).toBe(vi('inspector.common.system'));
    expect(text(el, 'events-total')).toBe('3 sự kiện');
  });

  it('builds the query from the filters: patient, actions, kind and id of data, outcome, days, order', async () => {
    await render([]);
    page().set('patient', aPatient());
    page().set('actions', ['document_read', 'document_print']);
    page().set('resourceType', 'document');
    page().set('resourceId', ' doc-1 ');
    page().set('outcome', 'failure');
    page().set('from', new Date(2026, 4, 1));
    page().set('sort', 'asc');
    fixture.detectChanges();
    send('events-submit');
    const req = backend.expectOne((r) => r.url === '/api/audit/events');
    expect(req.request.params.keys()).toEqual(['patient', 'action', 'resourceType', 'resourceId', 'outcome', 'from', 'sort', 'limit', 'offset']);
    expect(req.request.params.getAll('action')).toEqual(['document_read', 'document_print']);
    expect(req.request.params.get('resourceId')).toBe('doc-1');
    expect(req.request.params.get('from')).toBe(new Date(2026, 4, 1).toISOString());
    expect(req.request.params.get('sort')).toBe('asc');
    req.flush(pageOf([], 0, 50));
    await fixture.whenStable();
    expect(text(el, 'events-empty')).toBe(vi('inspector.events.empty'));
  });

  it('narrows the log to one user from a row, and lets go of it', async () => {
    await render([anAuditEvent()]);
    el.querySelector<HTMLButtonElement>('[data-testid="event-actor"]')?.click();
    fixture.detectChanges();
    const req = backend.expectOne((r) => r.url === '/api/audit/events');
    expect(req.request.params.get('actor')).toBe('u-1');
    req.flush(pageOf([anAuditEvent()], 1, 50));
    await fixture.whenStable();
    expect(text(el, 'events-actor-filter')).toBe('Thao tác của BS. Nguyễn Văn Minh');
    send('events-actor-remove');
    const all = backend.expectOne((r) => r.url === '/api/audit/events');
    expect(all.request.params.has('actor')).toBe(false);
    all.flush(pageOf([], 0, 50));
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="events-actor-filter"]')).toBeNull();
  });

  it('opens an event to show what was recorded and its place in the chain', async () => {
    await render([anAuditEvent()]);
    el.querySelector<HTMLButtonElement>('[data-testid="event-toggle"]')?.click();
    await fixture.whenStable();
    expect(text(el, 'event-hash')).toBe('b'.repeat(64));
    expect(text(el, 'event-json')).toContain('"formCode": "39/BV2"');
  });
});

describe('eventsQuery', () => {
  it('sends only the order and the page when nothing is filled in', () => {
    expect(eventsQuery(EMPTY_EVENT_FILTERS, 100)).toEqual({ sort: 'desc', limit: 50, offset: 100 });
  });
});
