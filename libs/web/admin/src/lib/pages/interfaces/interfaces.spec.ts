import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { InterfaceMessageSummary, InterfacesOverview, ReplayInterfaceMessageResponse } from '@benhan/shared/contracts';
import { provideI18nTesting } from '@benhan/web/ui';
import {
  aDestination,
  anInterfaceMessage,
  anInterfaceMessageDetail,
  anInterfacesOverview,
  anOutboundMessage,
  ORU_TEXT,
  pageOf,
} from '../../../testing/fixtures';
import { VI, vi } from '../../../testing/translations';
import { OVERVIEW_REFRESH_MS } from '../../interfaces/interface-model';
import { Interfaces } from './interfaces';

describe(Interfaces.name, () => {
  let fixture: ComponentFixture<Interfaces>;
  let backend: HttpTestingController;
  let el: HTMLElement;

  const isOverview = (r: { url: string; method: string }) => r.method === 'GET' && r.url === '/api/interfaces';
  const isLog = (r: { url: string; method: string }) => r.method === 'GET' && r.url === '/api/interfaces/messages';

  async function render(overview: InterfacesOverview = anInterfacesOverview(), messages: InterfaceMessageSummary[] = [anInterfaceMessage()]): Promise<void> {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideI18nTesting({ vi: VI })] });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Interfaces);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    backend.expectOne(isOverview).flush(overview);
    const log = backend.expectOne(isLog);
    expect(log.request.params.toString()).toBe('limit=25&offset=0');
    log.flush(pageOf(messages));
    await fixture.whenStable();
  }

  afterEach(() => {
    backend.verify();
    jest.useRealTimers();
  });

  const q = <T extends Element = HTMLElement>(testId: string, root: ParentNode = document) => root.querySelector<T>(`[data-testid="${testId}"]`);
  const text = (testId: string, root: ParentNode = document) => q(testId, root)?.textContent?.trim().replace(/\s+/g, ' ') ?? '';
  const settle = async () => {
    fixture.detectChanges();
    await fixture.whenStable();
  };
  const click = async (testId: string, root: ParentNode = document) => {
    const button = q<HTMLElement>(testId, root);
    if (!button) throw new Error(`no ${testId}`);
    button.click();
    fixture.detectChanges();
  };
  const type = async (testId: string, value: string) => {
    const input = q<HTMLInputElement | HTMLTextAreaElement>(testId);
    if (!input) throw new Error(`no ${testId}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await settle();
  };
  const page = () => fixture.componentInstance as unknown as { set(name: string, value: unknown): void };
  /** The next log request: its query, answered with these rows. */
  const nextLog = async (rows: InterfaceMessageSummary[] = []): Promise<string> => {
    const req = backend.expectOne(isLog);
    req.flush(pageOf(rows));
    await settle();
    return req.request.params.toString();
  };

  /** Opens the first row's message and answers its detail. */
  async function openDetail(detail = anInterfaceMessageDetail()): Promise<HTMLElement> {
    const row = q<HTMLElement>('message-row', el);
    row?.click();
    fixture.detectChanges();
    backend.expectOne({ method: 'GET', url: `/api/interfaces/messages/${detail.id}` }).flush(detail);
    await settle();
    const panel = q<HTMLElement>('message-detail');
    if (!panel) throw new Error('no detail panel');
    return panel;
  }

  describe('overview', () => {
    it('shows the listener and each destination with its connection, outbox depth, waiting time, failures and last error', async () => {
      jest.useFakeTimers({ now: new Date('2026-11-28T02:10:00.000Z'), doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'requestAnimationFrame', 'cancelAnimationFrame', 'performance', 'hrtime'] });
      await render(
        anInterfacesOverview({
          destinations: [
            aDestination({ pending: 4, failed: 2, oldestPendingAt: '2026-11-28T02:07:00.000Z', connection: 'disconnected', lastError: 'connect ECONNREFUSED 10.0.0.5:2576' }),
            aDestination({ name: 'pacs', address: 'pacs.bv.local:2577', tls: false, orderMessage: 'ORM^O01', connection: 'idle', lastDeliveredAt: null }),
          ],
          quarantined: 3,
        }),
      );

      expect(text('listener-address')).toBe('0.0.0.0:2575');
      expect(text('listener-connections')).toBe('1');
      expect(text('quarantine-count')).toBe('3');

      const lis = q<HTMLElement>('destination-lis') as HTMLElement;
      expect(text('destination-address', lis)).toBe('lis.bv.local:2576');
      expect(text('destination-tls', lis)).toBe(vi('admin.interfaces.tlsOn'));
      expect(text('order-message', lis)).toBe('OML^O21');
      expect(text('connection-state', lis)).toBe('Mất kết nối');
      expect(q('connection-state', lis)?.classList).toContain('p-tag-danger');
      expect(text('outbox-depth', lis)).toBe('4');
      expect(text('oldest-pending', lis)).toBe('· chờ 3 phút');
      expect(text('failed-count', lis)).toBe('2');
      expect(text('last-error', lis)).toBe('connect ECONNREFUSED 10.0.0.5:2576');

      const pacs = q<HTMLElement>('destination-pacs') as HTMLElement;
      expect(text('order-message', pacs)).toBe('ORM^O01');
      expect(text('connection-state', pacs)).toBe('Chưa mở kết nối');
      expect(q('connection-state', pacs)?.classList).toContain('p-tag-secondary');
      expect(text('outbox-depth', pacs)).toBe('0');
      expect(q('oldest-pending', pacs)).toBeNull();
      expect(q('last-error', pacs)).toBeNull();
      expect(text('last-delivered', pacs)).toBe(vi('admin.interfaces.destination.neverDelivered'));
      expect(q('no-destinations')).toBeNull();
    });

    it('colours a connected destination green', async () => {
      await render();
      const lis = q<HTMLElement>('destination-lis') as HTMLElement;
      expect(text('connection-state', lis)).toBe('Đã kết nối');
      expect(q('connection-state', lis)?.classList).toContain('p-tag-success');
    });

    it('says when no destination is configured that orders are not sent over HL7 v2, and when the listener is not started', async () => {
      await render(anInterfacesOverview({ destinations: [], listener: { host: '0.0.0.0', port: null, tls: false, connections: 0 } }));

      expect(text('no-destinations')).toBe(vi('admin.interfaces.destination.none'));
      expect(text('no-destinations')).toContain('không được gửi qua HL7 v2');
      expect(q('destination-lis')).toBeNull();
      expect(text('listener-address')).toBe(vi('admin.interfaces.listener.notStarted'));
    });

    it('reads the overview again on demand, keeping the last one shown if the refresh fails', async () => {
      await render();
      await click('overview-refresh');
      backend.expectOne(isOverview).flush(anInterfacesOverview({ quarantined: 5 }));
      await settle();
      expect(text('quarantine-count')).toBe('5');

      await click('overview-refresh');
      backend.expectOne(isOverview).flush({ type: 'about:blank', title: 'Service Unavailable', status: 503 }, { status: 503, statusText: 'Service Unavailable' });
      await settle();
      expect(text('overview-error')).toContain('Service Unavailable');
      expect(text('quarantine-count')).toBe('5');
    });

    it('reads the overview every 10 seconds while open and stops when the page is left', async () => {
      jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate', 'setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame', 'performance', 'hrtime', 'Date'] });
      await render();

      jest.advanceTimersByTime(OVERVIEW_REFRESH_MS - 1);
      fixture.detectChanges();
      backend.expectNone(isOverview);
      jest.advanceTimersByTime(1);
      fixture.detectChanges();
      backend.expectOne(isOverview).flush(anInterfacesOverview({ quarantined: 1 }));
      await settle();
      expect(text('quarantine-count')).toBe('1');

      jest.advanceTimersByTime(OVERVIEW_REFRESH_MS);
      fixture.detectChanges();
      backend.expectOne(isOverview).flush(anInterfacesOverview({ quarantined: 2 }));
      await settle();
      expect(text('quarantine-count')).toBe('2');

      fixture.destroy();
      jest.advanceTimersByTime(OVERVIEW_REFRESH_MS * 3);
      backend.expectNone(isOverview);
      expect(jest.getTimerCount()).toBe(0);
    });
  });

  describe('message log', () => {
    it('shows each message’s time, direction, type, control id, sender or destination, patient, status, attempts, ACK and reason', async () => {
      await render(anInterfacesOverview(), [anInterfaceMessage(), anOutboundMessage({ status: 'pending', attempts: 2, ackCode: null, reason: 'timeout after 30 s' })]);
      const [inbound, outbound] = Array.from(el.querySelectorAll<HTMLElement>('[data-testid="message-row"]'));

      expect(q('message-direction', inbound)?.getAttribute('aria-label')).toBe('Nhận vào');
      expect(text('message-type', inbound)).toBe('ORU^R01');
      expect(text('message-open', inbound)).toBe('LIS-0042');
      expect(text('message-party', inbound)).toBe('LIS');
      expect(text('message-patient', inbound)).toBe('p-1');
      expect(text('message-status', inbound)).toBe('Cách ly');
      expect(text('message-attempts', inbound)).toBe('');
      expect(text('message-ack', inbound)).toBe('AE');
      expect(q('message-reason', inbound)?.getAttribute('title')).toBe('OBX-5 is not a number');
      expect(text('message-time', inbound)).toMatch(/^28\/11\/2026 \d\d:\d\d:00$/);

      expect(q('message-direction', outbound)?.getAttribute('aria-label')).toBe('Gửi đi');
      expect(text('message-party', outbound)).toBe('LIS – Xét nghiệm');
      expect(text('message-status', outbound)).toBe('Chờ gửi');
      expect(text('message-attempts', outbound)).toBe('2');
      expect(text('messages-total')).toBe('2 thông điệp');
    });

    it('builds the query from the filters: direction, status, destination, type, control id and patient, trimmed, from the first page', async () => {
      await render();
      page().set('direction', 'inbound');
      page().set('status', 'rejected');
      page().set('destination', 'lis');
      await type('filter-type', ' ORU ');
      await type('filter-control-id', 'LIS-0042');
      await type('filter-patient', ' p-1 ');
      await click('filter-submit');

      expect(await nextLog()).toBe('direction=inbound&status=rejected&destination=lis&type=ORU&controlId=LIS-0042&patientId=p-1&limit=25&offset=0');
      expect(text('messages-empty')).toBe(vi('admin.interfaces.log.empty'));

      await click('filter-reset');
      expect(await nextLog()).toBe('limit=25&offset=0');
      expect((q<HTMLInputElement>('filter-type') as HTMLInputElement).value).toBe('');
    });

    it('narrows the log with the quick filters, pressed while they apply, and lets go when pressed again', async () => {
      await render();

      await click('filter-quarantine');
      expect(await nextLog()).toBe('direction=inbound&status=quarantined&limit=25&offset=0');
      expect(q('filter-quarantine')?.getAttribute('aria-pressed')).toBe('true');

      await click('filter-failed');
      expect(await nextLog()).toBe('direction=outbound&status=failed&limit=25&offset=0');
      expect(q('filter-failed')?.getAttribute('aria-pressed')).toBe('true');
      expect(q('filter-quarantine')?.getAttribute('aria-pressed')).toBe('false');

      await click('filter-pending');
      expect(await nextLog()).toBe('direction=outbound&status=pending&limit=25&offset=0');

      await click('filter-pending');
      expect(await nextLog()).toBe('limit=25&offset=0');
      expect(q('filter-pending')?.getAttribute('aria-pressed')).toBe('false');
    });

    it('opens the failed outbound messages from a destination’s failed count, and the quarantined ones from the quarantine count', async () => {
      await render(anInterfacesOverview({ destinations: [aDestination({ failed: 2 }), aDestination({ name: 'pacs', failed: 1 })], quarantined: 3 }));

      await click('failed-count', q('destination-pacs') as HTMLElement);
      expect(await nextLog()).toBe('direction=outbound&status=failed&destination=pacs&limit=25&offset=0');
      // A destination's failures are not the Failed shortcut (every destination's).
      expect(q('filter-failed')?.getAttribute('aria-pressed')).toBe('false');

      await click('quarantine-count');
      expect(await nextLog()).toBe('direction=inbound&status=quarantined&limit=25&offset=0');
    });

    it('pages on the server: the next page asks for its offset with the same filters', async () => {
      const rows = Array.from({ length: 25 }, (_, i) => anInterfaceMessage({ id: `m-${i}`, controlId: `LIS-${i}` }));
      await render(anInterfacesOverview(), []);
      await click('filter-quarantine');
      const first = backend.expectOne(isLog);
      first.flush(pageOf(rows, 60));
      await settle();

      const next = el.querySelector<HTMLButtonElement>('.p-paginator-next');
      expect(next).not.toBeNull();
      next?.click();
      fixture.detectChanges();
      expect(await nextLog()).toBe('direction=inbound&status=quarantined&limit=25&offset=25');
    });

    it('says what went wrong when the log cannot be read', async () => {
      await render();
      await click('filter-failed');
      backend
        .expectOne(isLog)
        .flush({ type: 'https://benhan.dev/problems/validation', title: 'Bad Request', status: 400, detail: 'status must be one of accepted, quarantined' }, { status: 400, statusText: 'Bad Request' });
      await settle();
      expect(text('messages-error')).toContain('Bad Request: status must be one of accepted, quarantined');
    });
  });

  describe('message detail', () => {
    it('shows the message’s facts, its text and ACK one segment per line, and its replays', async () => {
      await render();
      const panel = await openDetail(
        anInterfaceMessageDetail({ replays: [anInterfaceMessage({ id: 'm-2', controlId: 'LIS-0042-R1', status: 'rejected', ackCode: 'AR', replayOfId: 'm-1', replayedBy: 'admin' })] }),
      );

      expect(text('detail-status', panel)).toBe('Cách ly');
      expect(text('detail-control-id', panel)).toBe('LIS-0042');
      expect(text('detail-sender', panel)).toContain('LIS^LAB');
      expect(text('detail-reason', panel)).toBe('OBX-5 is not a number');
      expect(text('detail-error-location', panel)).toBe('OBX^1^5');
      expect(q('message-text', panel)?.textContent?.split('\n')).toEqual(ORU_TEXT.split('\r'));
      expect(q('ack-text', panel)?.textContent?.split('\n')).toEqual([
        'MSH|^~\\&|BENHAN|BV|LIS|LAB|20261128090001||ACK^R01|ACK-0042|P|2.5',
        'MSA|AE|LIS-0042|OBX-5 is not a number',
        'ERR||OBX^1^5|102^Data type error^HL70357|E',
      ]);
      const replays = Array.from(panel.querySelectorAll('[data-testid="replay-item"]'));
      expect(replays.map((r) => r.textContent?.replace(/\s+/g, ' '))).toEqual([expect.stringContaining('LIS-0042-R1')]);
      expect(replays[0].textContent).toContain('Bị từ chối');
      expect(q('resend-button', panel)).toBeNull();

      await click('replay-link', panel);
      backend.expectOne({ method: 'GET', url: '/api/interfaces/messages/m-2' }).flush(anInterfaceMessageDetail({ id: 'm-2', controlId: 'LIS-0042-R1', status: 'rejected', replayOfId: 'm-1' }));
      await settle();
      expect(text('detail-control-id')).toBe('LIS-0042-R1');
      expect(q('edit-replay-button')).toBeNull();
      expect(q('open-replay-of')).not.toBeNull();
    });

    it('replays a quarantined message with the administrator’s edit, then shows the outcome, opens the new attempt and reads the log and overview again', async () => {
      await render();
      const panel = await openDetail();

      await click('edit-replay-button', panel);
      const textarea = q<HTMLTextAreaElement>('replay-text') as HTMLTextAreaElement;
      expect(textarea.value.split('\n')).toEqual(ORU_TEXT.split('\r'));
      await type('replay-text', textarea.value.replace('||abc|mmol/L', '||5.4|mmol/L') + '\n');
      await click('replay-button');

      const post = backend.expectOne({ method: 'POST', url: '/api/interfaces/messages/m-1/replay' });
      expect(post.request.body).toEqual({ text: ORU_TEXT.replace('||abc|mmol/L', '||5.4|mmol/L') });
      const attempt = anInterfaceMessageDetail({ id: 'm-3', controlId: 'LIS-0042', status: 'accepted', ackCode: 'AA', reason: null, replayOfId: 'm-1', replayedBy: 'admin' });
      post.flush({ attempt, original: anInterfaceMessageDetail({ status: 'replayed', replacedById: 'm-3' }) } satisfies ReplayInterfaceMessageResponse);
      fixture.detectChanges();

      backend.expectOne({ method: 'GET', url: '/api/interfaces/messages/m-3' }).flush(attempt);
      const log = backend.expectOne(isLog);
      expect(log.request.params.toString()).toBe('limit=25&offset=0');
      log.flush(pageOf([anInterfaceMessage({ status: 'replayed' })]));
      backend.expectOne(isOverview).flush(anInterfacesOverview());
      await settle();
      expect(text('message-status', el)).toBe('Đã gửi lại');

      expect(text('replay-outcome')).toContain('Đã gửi lại');
      expect(text('replay-outcome-status')).toBe('Đã nhận');
      expect(text('replay-outcome-ack')).toBe('xác nhận AA');
      expect(q('message-detail')?.getAttribute('data-message-id')).toBe('m-3');
      expect(text('detail-status')).toBe('Đã nhận');
      expect(q('replay-text')).toBeNull();
    });

    it('sends a failed outbound message again as built, without text, only once confirmed', async () => {
      await render(anInterfacesOverview(), [anOutboundMessage()]);
      const panel = await openDetail(anOutboundMessage());

      expect(q('edit-replay-button', panel)).toBeNull();
      await click('resend-button', panel);
      backend.expectNone({ method: 'POST', url: '/api/interfaces/messages/m-9/replay' });
      expect(text('resend-confirm')).toContain('LIS – Xét nghiệm');

      await click('resend-confirm-button');
      const post = backend.expectOne({ method: 'POST', url: '/api/interfaces/messages/m-9/replay' });
      expect(post.request.body).toEqual({});
      const attempt = anOutboundMessage({ id: 'm-10', controlId: 'BH-0010', status: 'pending', attempts: 0, ackCode: null, reason: null, replayOfId: 'm-9' });
      post.flush({ attempt, original: anOutboundMessage({ status: 'replayed' }) } satisfies ReplayInterfaceMessageResponse);
      fixture.detectChanges();

      backend.expectOne({ method: 'GET', url: '/api/interfaces/messages/m-10' }).flush(attempt);
      backend.expectOne(isLog).flush(pageOf([]));
      backend.expectOne(isOverview).flush(anInterfacesOverview());
      await settle();
      expect(text('replay-outcome-status')).toBe('Chờ gửi');
      expect(text('replay-outcome-ack')).toBe('chưa có xác nhận');
      expect(text('detail-control-id')).toBe('BH-0010');
    });

    it('offers to send a delivered outbound message again too', async () => {
      await render(anInterfacesOverview(), [anOutboundMessage({ status: 'delivered' })]);
      const panel = await openDetail(anOutboundMessage({ status: 'delivered', ackCode: 'AA' }));
      expect(q('resend-button', panel)).not.toBeNull();
    });

    it('shows the server’s problem when a replay is refused, and keeps the edit', async () => {
      await render();
      const panel = await openDetail();
      await click('edit-replay-button', panel);
      await click('replay-button');

      backend
        .expectOne({ method: 'POST', url: '/api/interfaces/messages/m-1/replay' })
        .flush(
          { type: 'https://benhan.dev/problems/interface_message_not_replayable', title: 'Conflict', status: 409, detail: 'Message m-1 was already replayed' },
          { status: 409, statusText: 'Conflict' },
        );
      await settle();

      expect(text('replay-error')).toBe('Conflict: Message m-1 was already replayed');
      expect(q('replay-error')?.getAttribute('role')).toBe('alert');
      expect(q<HTMLTextAreaElement>('replay-text')?.value.split('\n')).toEqual(ORU_TEXT.split('\r'));
      expect(q('replay-outcome')).toBeNull();
    });
  });
});

