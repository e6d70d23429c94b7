// What the LIS and PACS simulators share: an MLLP listener that takes Benhan's orders and ADT and answers an
// original-mode ACK (with faults on demand), the orders and patients it has seen, and an MLLP client that delivers
// results to Benhan's listener and waits for Benhan's ACK. The lab and imaging specifics are the `buildResult` hook.
'use strict';

const { EventEmitter } = require('node:events');
const net = require('node:net');
const { randomBytes } = require('node:crypto');
const { Message, header, segment, timestamp } = require('./hl7.cjs');
const { frame, FrameDecoder } = require('./mllp.cjs');

const ACK_MODES = ['AA', 'AE', 'AR', 'none', 'close'];
/** How long a simulator waits for Benhan's ACK before it sends again: short, since Benhan answers in milliseconds. */
const DEFAULT_ACK_TIMEOUT_MS = 10_000;
const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 5_000;

const silentLogger = { info: () => undefined, warn: () => undefined };

/** `host:port`, `:port` or `port` → { host, port }. */
function parseAddress(text, defaultHost = '127.0.0.1') {
  if (text === undefined || text === null || text === '') return null;
  if (typeof text === 'object') return { host: text.host ?? defaultHost, port: Number(text.port) };
  const match = /^(?:\[?([^\]]*?)\]?:)?(\d+)$/.exec(String(text).trim());
  if (!match) throw new Error(`Not an address (host:port): ${text}`);
  return { host: match[1] || defaultHost, port: Number(match[2]) };
}

class Hl7Simulator extends EventEmitter {
  /**
   * @param {object} options see the .d.cts next to the LIS and PACS simulators
   * @param {{ name: string, defaultApplication: string, defaultFacility: string, buildResult: (order: object, sim: Hl7Simulator) => string, onOrderAccepted?: (order: object, sim: Hl7Simulator) => void }} role
   */
  constructor(options, role) {
    super();
    this.role = role;
    this.options = options;
    this.host = options.host ?? '127.0.0.1';
    this.requestedPort = Number(options.port ?? 0);
    this.benhan = parseAddress(options.benhan);
    this.resultDelayMs = Number(options.resultDelayMs ?? 3000);
    this.sendingApplication = options.sendingApplication ?? role.defaultApplication;
    this.sendingFacility = options.sendingFacility ?? role.defaultFacility;
    this.ackDelayMs = Number(options.ackDelayMs ?? 0);
    this.ackTimeoutMs = Number(options.ackTimeoutMs ?? DEFAULT_ACK_TIMEOUT_MS);
    this.autoResults = options.autoResults ?? true;
    this.logger = { ...silentLogger, ...(options.logger ?? {}) };
    this.clock = options.clock ?? (() => new Date());
    this.setAckMode(options.ackMode ?? 'AA');

    /** Every message received, in arrival order, with the ACK answered. */
    this.received = [];
    /** Every result queued for Benhan, with Benhan's ACK once it came. */
    this.sent = [];
    /** Orders by placer order number (Benhan's order id). */
    this.orders = new Map();
    /** Patients by each PID-3 identifier (CX.1); one record is reachable from all of its identifiers. */
    this.patients = new Map();

    // Ids unique across runs: Benhan treats a known sender + MSH-10 as a resend and a known filler number as the same report.
    this.runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`.toUpperCase();
    this.sequence = 0;
    this.sockets = new Set();
    this.held = false;
    this.releaseWaiters = [];
    this.queue = [];
    this.pumping = false;
    this.closed = false;
    this.timers = new Set();
    this.server = null;
    this.connection = null;
    this.inFlight = null;
    this.sleepers = new Set();
  }

  get port() {
    const address = this.server?.address();
    return address && typeof address === 'object' ? address.port : null;
  }

  /** A new id for this run: `<prefix>-<run>-<n>`. */
  nextId(prefix) {
    this.sequence += 1;
    return `${prefix}-${this.runId}-${String(this.sequence).padStart(4, '0')}`;
  }

  async start() {
    this.server = net.createServer((socket) => this.accept(socket));
    await new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.requestedPort, this.host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.logger.info(`${this.role.name} listening on ${this.host}:${this.port}${this.benhan ? `, results to ${this.benhan.host}:${this.benhan.port}` : ', no Benhan address: results are kept, not sent'}`);
    return this;
  }

  setAckMode(mode) {
    if (!ACK_MODES.includes(mode)) throw new Error(`ackMode must be one of ${ACK_MODES.join(', ')}, not ${mode}`);
    this.ackMode = mode;
  }

  /** Where results go (the API may start after the simulator). */
  setBenhan(address) {
    this.benhan = parseAddress(address);
    this.connection?.destroy();
    void this.pump();
  }

  /** Keep every ACK back until release(): Benhan's sender sees a slow destination. */
  hold() {
    this.held = true;
  }

  release() {
    this.held = false;
    for (const resolve of this.releaseWaiters.splice(0)) resolve();
  }

  /** The first received or sent entry matching, now or later; rejects after timeoutMs with what was seen. */
  waitFor(predicate, timeoutMs = 10_000) {
    const entries = () => [...this.received, ...this.sent];
    const found = entries().find((e) => predicate(e));
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const onChange = (entry) => {
        if (!predicate(entry)) return;
        cleanup();
        resolve(entry);
      };
      const onClose = () => {
        cleanup();
        reject(new Error(`${this.role.name}: closed while waiting for a matching message`));
      };
      const timer = setTimeout(() => {
        cleanup();
        const seen = entries().map((e) => `${e.direction === 'in' ? 'received' : 'sent'} ${e.type} ${e.controlId} ack ${e.ackCode ?? '-'}`);
        reject(new Error(`${this.role.name}: no matching message within ${timeoutMs} ms; seen: ${seen.length ? seen.join('; ') : 'nothing'}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.off('entry', onChange);
        this.off('closed', onClose);
      };
      this.on('entry', onChange);
      this.once('closed', onClose);
    });
  }

  /** An entry changed (arrived, answered, delivered): waitFor looks again. */
  changed(entry) {
    this.emit('entry', entry);
  }

  // ---- listener: Benhan → simulator ----

  accept(socket) {
    if (this.closed) return socket.destroy();
    this.sockets.add(socket);
    const decoder = new FrameDecoder();
    const remote = `${socket.remoteAddress}:${socket.remotePort}`;
    // One message at a time per connection, in order, as MLLP's original mode expects.
    let chain = Promise.resolve();
    socket.on('data', (chunk) => {
      let payloads;
      try {
        payloads = decoder.push(chunk);
      } catch (error) {
        this.logger.warn(`${this.role.name}: ${error.message} from ${remote}: connection closed`);
        return socket.destroy();
      }
      for (const payload of payloads) chain = chain.then(() => this.handle(socket, payload, remote)).catch((error) => this.logger.warn(`${this.role.name}: ${error.stack ?? error}`));
    });
    socket.on('error', () => undefined);
    socket.on('close', () => this.sockets.delete(socket));
  }

  async handle(socket, payload, remote) {
    const text = payload.toString('utf8');
    let message = null;
    try {
      message = new Message(text);
    } catch {
      // Answered AR below: an unreadable message is still acknowledged, so the sender does not wait for nothing.
    }
    const mode = this.ackMode;
    const entry = {
      direction: 'in',
      text,
      type: message?.type ?? '',
      controlId: message?.controlId ?? '',
      receivedAt: this.clock(),
      remoteAddress: remote,
      ackMode: mode,
      ack: null,
      ackCode: null,
      ackedAt: null,
      outcome: 'received',
    };
    this.received.push(entry);
    this.changed(entry);

    if (mode === 'close') {
      socket.destroy();
      entry.outcome = 'closed';
      this.logger.info(`← ${entry.type || '(unreadable)'} ${entry.controlId} from ${remote}: connection closed, no ACK (fault)`);
      return this.changed(entry);
    }
    if (mode === 'none') {
      entry.outcome = 'unanswered';
      this.logger.info(`← ${entry.type || '(unreadable)'} ${entry.controlId} from ${remote}: no ACK (fault)`);
      return this.changed(entry);
    }
    if (this.ackDelayMs > 0) await this.sleep(this.ackDelayMs);
    if (this.held) await new Promise((resolve) => this.releaseWaiters.push(resolve));
    if (socket.destroyed || this.closed) {
      entry.outcome = 'connection closed before the ACK';
      return this.changed(entry);
    }

    let code = message ? mode : 'AR';
    let reason = message ? (code === 'AA' ? null : `Simulated ${code} (${this.role.name} ackMode ${code})`) : 'Unreadable: no MSH segment';
    if (code === 'AA') {
      try {
        entry.outcome = this.apply(message);
      } catch (error) {
        // A message the simulator cannot read as an order is Benhan's bug to see: answered AE with the reason.
        code = 'AE';
        reason = error.message;
        entry.outcome = `refused: ${reason}`;
      }
    } else {
      entry.outcome = `answered ${code} (fault)`;
    }
    const ack = this.buildAck(message, code, reason);
    socket.write(frame(ack));
    Object.assign(entry, { ack, ackCode: code, ackedAt: this.clock() });
    this.logger.info(`← ${entry.type || '(unreadable)'} ${entry.controlId} from ${remote} → ACK ${code}${reason ? ` (${reason})` : ''}; ${entry.outcome}`);
    this.changed(entry);
  }

  /** ACK in original mode: MSH with sender and receiver swapped, MSA-2 their MSH-10; AE/AR with ERR (table 0357). */
  buildAck(message, code, reason) {
    const msh = (path) => message?.get(`MSH-${path}`) ?? '';
    const segments = [
      header({
        3: msh('5') || this.sendingApplication,
        4: msh('6') || this.sendingFacility,
        5: msh('3'),
        6: msh('4'),
        7: timestamp(this.clock()),
        9: ['ACK', msh('9.2'), 'ACK'],
        10: this.nextId('ACK'),
        11: msh('11') || 'P',
        12: msh('12') || '2.5.1',
      }),
      segment('MSA', { 1: code, 2: msh('10'), 3: reason ? reason.slice(0, 80) : '' }),
    ];
    if (code !== 'AA') segments.push(segment('ERR', { 3: [message ? '207' : '100', message ? 'Application internal error' : 'Segment sequence error', 'HL70357'], 4: 'E', 8: reason ?? '' }));
    return segments.join('\r');
  }

  /** What an accepted message does: orders are remembered (and answered with results), ADT updates the patient map. */
  apply(message) {
    const code = message.get('MSH-9.1');
    if (code === 'ADT') return this.applyAdt(message);
    if (code === 'OML' || code === 'ORM') return this.applyOrders(message);
    return `${message.type} acknowledged, not used`;
  }

  applyAdt(message) {
    const pid = message.segment('PID');
    if (!pid) throw new Error('ADT without a PID segment');
    const patient = this.rememberPatient(pid);
    const pv1 = message.segment('PV1');
    const event = message.get('MSH-9.2') || message.get('EVN-1');
    patient.events.push({ event, controlId: message.controlId, at: this.clock() });
    if (pv1) {
      patient.patientClass = pv1.get('2') || patient.patientClass;
      patient.location = pv1.get('3.1') ? { pointOfCare: pv1.get('3.1'), room: pv1.get('3.2'), bed: pv1.get('3.3'), facility: pv1.get('3.4') } : patient.location;
      if (event === 'A02') patient.priorLocation = pv1.get('6.1') || null;
      if (event === 'A03') patient.dischargedAt = pv1.get('45.1') || message.get('EVN-2') || null;
      if (event === 'A01' || event === 'A04') patient.dischargedAt = null;
      patient.visitNumber = pv1.get('19.1') || patient.visitNumber;
    }
    return `ADT^${event}: patient ${patient.identifiers.map((i) => i.id).join(', ')}`;
  }

  /** The patient of a PID, merged with what earlier messages said about any of its identifiers. */
  rememberPatient(pid) {
    const identifiers = [];
    for (let r = 1; r <= pid.repetitionCount(3); r++) {
      const id = pid.get(`3[${r}].1`);
      if (id) identifiers.push({ id, authority: pid.get(`3[${r}].4.1`), type: pid.get(`3[${r}].5`) });
    }
    const existing = identifiers.map((i) => this.patients.get(i.id)).find(Boolean);
    const patient = existing ?? { identifiers: [], events: [], location: null, priorLocation: null, patientClass: null, dischargedAt: null, visitNumber: null };
    for (const identifier of identifiers) {
      if (!patient.identifiers.some((i) => i.id === identifier.id)) patient.identifiers.push(identifier);
      this.patients.set(identifier.id, patient);
    }
    Object.assign(patient, {
      name: { family: pid.get('5.1'), given: pid.get('5.2'), middle: pid.get('5.3') },
      birthDate: pid.get('7.1') || null,
      sex: pid.get('8') || null,
      pid: pid.text,
      updatedAt: this.clock(),
    });
    return patient;
  }

  /**
   * Each ORC starts an item (ORC, TQ1, OBR, ZDS…); items are grouped into orders by placer number (ORC-2, else OBR-2):
   * Benhan sends one order per message, with the same placer on every item, but nothing here relies on it.
   */
  applyOrders(message) {
    const pid = message.segment('PID');
    const pv1 = message.segment('PV1');
    if (pid) this.rememberPatient(pid);
    const items = [];
    let current = null;
    for (const seg of message.segments) {
      if (seg.name === 'ORC') {
        current = { orc: seg, obr: null, tq1: null, zds: null, notes: [] };
        items.push(current);
      } else if (seg.name === 'OBR') {
        // An OBR without its own ORC (v2.3 senders) belongs to the previous ORC's control code.
        if (!current || current.obr) {
          current = { orc: current?.orc ?? null, obr: null, tq1: null, zds: null, notes: [] };
          items.push(current);
        }
        current.obr = seg;
      } else if (current && seg.name === 'TQ1') current.tq1 = seg;
      else if (current && seg.name === 'ZDS') current.zds = seg;
      else if (current && seg.name === 'NTE') current.notes.push(seg);
    }
    const withObr = items.filter((i) => i.obr);
    if (!withObr.length) throw new Error(`${message.type} without an OBR: no ordered item`);
    const byPlacer = new Map();
    for (const item of withObr) {
      const placer = item.orc?.get('2.1') || item.obr.get('2.1');
      if (!placer) throw new Error('ORC-2 and OBR-2 (placer order number) are empty');
      if (!byPlacer.has(placer)) byPlacer.set(placer, []);
      byPlacer.get(placer).push(item);
    }
    const outcomes = [];
    for (const [placer, orderItems] of byPlacer) {
      const control = (orderItems[0].orc?.get('1') || 'NW').toUpperCase();
      if (control === 'NW') outcomes.push(this.newOrder(message, placer, orderItems, pid, pv1));
      else if (control === 'CA' || control === 'DC') outcomes.push(this.cancelOrder(message, placer, orderItems));
      else outcomes.push(`order ${placer}: ORC-1 ${control} noted`);
    }
    return outcomes.join('; ');
  }

  newOrder(message, placer, items, pid, pv1) {
    const known = this.orders.get(placer);
    if (known && known.status !== 'cancelled') return `order ${placer} already known (${known.status}): a resend, no second result`;
    const order = {
      placer,
      status: 'pending',
      messageType: message.type,
      controlId: message.controlId,
      receivedAt: this.clock(),
      benhanApplication: message.get('MSH-3.1'),
      benhanFacility: message.get('MSH-4.1'),
      pid: pid ? pid.text : null,
      pv1: pv1 ? pv1.text : null,
      items: items.map((item) => ({
        orc: item.orc?.text ?? null,
        obr: item.obr.text,
        /** The parsed segments, for copying fields as received. */
        segments: { orc: item.orc, obr: item.obr, tq1: item.tq1, zds: item.zds },
        serviceCode: item.obr.get('4.1'),
        serviceName: item.obr.get('4.2'),
        loinc: item.obr.get('4.6') === 'LN' ? item.obr.get('4.4') : item.obr.get('4.3') === 'LN' ? item.obr.get('4.1') : '',
        priority: item.tq1?.get('9.1') || '',
        accessionNumber: item.obr.get('18.1'),
        requestedProcedureId: item.obr.get('19.1'),
        scheduledStepId: item.obr.get('20.1'),
        modality: item.obr.get('24.1'),
        studyInstanceUid: item.zds?.get('1.1') || '',
      })),
      cancelReason: null,
      result: null,
      timer: null,
    };
    this.orders.set(placer, order);
    if (this.role.onOrderAccepted) this.role.onOrderAccepted(order, this);
    if (this.autoResults) {
      order.timer = this.later(this.resultDelayMs, () => {
        order.timer = null;
        if (order.status === 'pending') this.sendResult(placer);
      });
    }
    return `order ${placer}: ${order.items.map((i) => i.serviceCode).join(', ')}${this.autoResults ? `, result in ${this.resultDelayMs} ms` : ''}`;
  }

  cancelOrder(message, placer, items) {
    const order = this.orders.get(placer);
    const reason = items[0].orc?.get('16.2') || items[0].orc?.get('16.1') || '';
    if (!order) return `cancel of unknown order ${placer} noted`;
    if (order.status !== 'pending') return `cancel of order ${placer} noted, too late: ${order.status}`;
    if (order.timer) clearTimeout(order.timer);
    this.timers.delete(order.timer);
    order.timer = null;
    order.status = 'cancelled';
    order.cancelReason = reason || null;
    order.cancelledBy = message.controlId;
    // A result already queued but not yet on the wire is taken back too.
    const queued = this.queue.find((q) => q.entry.orderId === placer && q !== this.inFlight);
    if (queued) {
      this.queue.splice(this.queue.indexOf(queued), 1);
      queued.entry.status = 'cancelled';
      this.changed(queued.entry);
      queued.resolve(queued.entry);
    }
    return `order ${placer} cancelled${reason ? ` (${reason})` : ''}: no result`;
  }

  // ---- client: simulator → Benhan ----

  /** Build and queue the result of a pending order now (autoResults: false, or to skip the delay). */
  sendResult(placer) {
    const order = this.orders.get(placer);
    if (!order) throw new Error(`${this.role.name}: no order ${placer}`);
    if (order.status !== 'pending') throw new Error(`${this.role.name}: order ${placer} is ${order.status}`);
    if (order.timer) {
      clearTimeout(order.timer);
      this.timers.delete(order.timer);
      order.timer = null;
    }
    order.status = 'sent';
    const text = this.role.buildResult(order, this);
    order.result = text;
    return this.sendMessage(text, { orderId: placer });
  }

  /** MSH, PID and PV1 of a result for this order: PID and PV1 copied as Benhan sent them, so PID-3 names its patient. */
  resultHeader(order, reportedAt) {
    const segments = [
      header({
        3: this.sendingApplication,
        4: this.sendingFacility,
        5: order.benhanApplication || 'BENHAN',
        6: order.benhanFacility,
        7: timestamp(reportedAt),
        9: ['ORU', 'R01', 'ORU_R01'],
        10: this.nextId(this.sendingApplication.toUpperCase()),
        11: 'P',
        15: 'AL',
        16: 'NE',
      }),
    ];
    // One patient in the result: set id 1, whatever Benhan numbered it.
    if (order.pid) segments.push(withSetId(order.pid));
    if (order.pv1) segments.push(withSetId(order.pv1));
    return segments;
  }

  /** Queue any HL7 message for Benhan (a correction, a malformed one for a test); resolves with its entry once answered. */
  sendMessage(text, { orderId = null } = {}) {
    let message = null;
    try {
      message = new Message(text);
    } catch {
      // Sent as is: a test may want Benhan's AR for it.
    }
    const entry = {
      direction: 'out',
      text,
      type: message?.type ?? '',
      controlId: message?.controlId ?? '',
      orderId,
      queuedAt: this.clock(),
      sentAt: null,
      ackedAt: null,
      ack: null,
      ackCode: null,
      attempts: 0,
      lastError: null,
      status: 'queued',
    };
    this.sent.push(entry);
    this.changed(entry);
    return new Promise((resolve) => {
      this.queue.push({ entry, resolve });
      void this.pump();
    });
  }

  /** One message in flight; a failure (no connection, no ACK in time) is retried on a new connection after a backoff. */
  async pump() {
    if (this.pumping) return;
    this.pumping = true;
    let backoff = RECONNECT_MIN_MS;
    try {
      while (this.queue.length && !this.closed) {
        const item = this.queue[0];
        if (!this.benhan) {
          this.queue.shift();
          Object.assign(item.entry, { status: 'undeliverable', lastError: 'no Benhan address configured' });
          this.logger.warn(`→ ${item.entry.type} ${item.entry.controlId}: not sent, no Benhan address (--benhan host:port)`);
          this.changed(item.entry);
          item.resolve(item.entry);
          continue;
        }
        this.inFlight = item;
        const { entry } = item;
        entry.attempts += 1;
        entry.sentAt = this.clock();
        try {
          const ack = await this.deliver(entry.text);
          let ackMessage = null;
          try {
            ackMessage = new Message(ack);
          } catch {
            // kept as text; the code stays null
          }
          const code = ackMessage?.get('MSA-1') || null;
          const answers = ackMessage?.get('MSA-2') ?? '';
          Object.assign(entry, { ack, ackCode: code, ackText: ackMessage?.get('MSA-3') || ackMessage?.get('ERR-8') || null, ackedAt: this.clock(), status: 'answered' });
          if (answers !== entry.controlId) entry.lastError = `MSA-2 ${answers} does not answer ${entry.controlId}`;
          this.queue.shift();
          this.inFlight = null;
          backoff = RECONNECT_MIN_MS;
          this.logger.info(`→ ${entry.type} ${entry.controlId}${entry.orderId ? ` order ${entry.orderId}` : ''} ← ACK ${code ?? '(unreadable)'}${entry.ackText ? ` (${entry.ackText})` : ''}`);
          this.changed(entry);
          item.resolve(entry);
        } catch (error) {
          this.inFlight = null;
          entry.lastError = error.message;
          this.logger.warn(`→ ${entry.type} ${entry.controlId}: ${error.message}; retry in ${backoff} ms`);
          this.changed(entry);
          await this.sleep(backoff);
          backoff = Math.min(backoff * 2, RECONNECT_MAX_MS);
        }
      }
    } finally {
      this.pumping = false;
    }
  }

  /** Write one frame on the connection to Benhan (opened if needed) and resolve with the ACK's text. */
  async deliver(text) {
    const connection = await this.connect();
    return new Promise((resolve, reject) => {
      // One callback for the three endings: the ACK, a connection error or close, the timeout.
      const settle = (error, ack) => {
        clearTimeout(timer);
        connection.waiter = null;
        if (error) reject(error);
        else resolve(ack);
      };
      const timer = setTimeout(() => {
        // The ACK may still come later: on this connection it would answer the next message, so the connection goes.
        connection.destroy();
        settle(new Error(`no ACK within ${this.ackTimeoutMs} ms`));
      }, this.ackTimeoutMs);
      connection.waiter = settle;
      connection.write(frame(text));
    });
  }

  connect() {
    if (this.connection && !this.connection.destroyed) return Promise.resolve(this.connection);
    const { host, port } = this.benhan;
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port });
      const decoder = new FrameDecoder();
      socket.setNoDelay(true);
      socket.once('connect', () => {
        this.connection = socket;
        resolve(socket);
      });
      socket.on('data', (chunk) => {
        for (const payload of decoder.push(chunk)) {
          if (socket.waiter) socket.waiter(null, payload.toString('utf8'));
          else this.logger.warn(`${this.role.name}: an ACK nobody waits for from ${host}:${port}: ignored`);
        }
      });
      socket.on('error', (error) => {
        reject(new Error(`${host}:${port}: ${error.message}`));
        socket.waiter?.(new Error(`${host}:${port}: ${error.message}`));
      });
      socket.on('close', () => {
        socket.waiter?.(new Error(`${host}:${port} closed the connection before its ACK`));
        if (this.connection === socket) this.connection = null;
      });
    });
  }

  // ---- timers and shutdown ----

  later(ms, fn) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
    return timer;
  }

  /** A pause that close() cuts short. */
  sleep(ms) {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.sleepers.delete(done);
        resolve();
      };
      this.sleepers.add(done);
      this.later(ms, done);
    });
  }

  async close() {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const done of [...this.sleepers]) done();
    this.release();
    this.connection?.destroy();
    for (const socket of this.sockets) socket.destroy();
    if (this.server) await new Promise((resolve) => this.server.close(() => resolve()));
    for (const item of this.queue.splice(0)) {
      if (item.entry.status === 'queued') item.entry.status = 'undelivered (simulator closed)';
      item.resolve(item.entry);
    }
    this.emit('closed');
    this.logger.info(`${this.role.name} closed`);
  }
}

function withSetId(text) {
  const fields = text.split('|');
  if (fields.length > 1) fields[1] = '1';
  return fields.join('|');
}

/** Start a simulator for a role; the object it resolves with is the programmatic interface. */
async function startSimulator(options, role) {
  const sim = new Hl7Simulator(options ?? {}, role);
  return sim.start();
}

module.exports = { ACK_MODES, Hl7Simulator, startSimulator, parseAddress };
