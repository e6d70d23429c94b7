import type {
  InterfaceDestinationName,
  InterfaceMessageDirection,
  InterfaceMessageQuery,
  InterfaceMessageStatus,
  InterfaceMessageSummary,
} from '@benhan/shared/contracts';
import { problemOf, statusOf } from '@benhan/web/data-access';
import { _ } from '@ngx-translate/core';
import type { Translatable } from '../failure-message';

/** Rows of the message log per page. */
export const MESSAGES_PAGE_SIZE = 25;
/** The overview (connections, outbox depths, quarantine) is read again this often while the page is open. */
export const OVERVIEW_REFRESH_MS = 10_000;

/** The message log's filter form as typed. */
export interface MessageFilters {
  direction: InterfaceMessageDirection | null;
  status: InterfaceMessageStatus | null;
  /** Outbound messages to this destination. */
  destination: InterfaceDestinationName | null;
  type: string;
  controlId: string;
  patientId: string;
}

export const EMPTY_MESSAGE_FILTERS: MessageFilters = { direction: null, status: null, destination: null, type: '', controlId: '', patientId: '' };

/**
 * The log's query. `destination` is spelled out here as well as in the contract's `InterfaceMessageQuery` (where the
 * API adds it alongside this page), so the page compiles against either version of the contract.
 */
export type MessagesQuery = InterfaceMessageQuery & { destination?: InterfaceDestinationName };

/** The shortcuts above the log: what an administrator looks for first. */
export type QuickFilter = 'quarantine' | 'failed' | 'pending';

export const QUICK_FILTERS: Record<QuickFilter, MessageFilters> = {
  quarantine: { ...EMPTY_MESSAGE_FILTERS, direction: 'inbound', status: 'quarantined' },
  failed: { ...EMPTY_MESSAGE_FILTERS, direction: 'outbound', status: 'failed' },
  pending: { ...EMPTY_MESSAGE_FILTERS, direction: 'outbound', status: 'pending' },
};

/** The quick filter the form currently matches, if any (its button shows pressed). */
export function quickFilterOf(filters: MessageFilters): QuickFilter | null {
  const quick = (Object.keys(QUICK_FILTERS) as QuickFilter[]).find((name) => sameFilters(QUICK_FILTERS[name], filters));
  return quick ?? null;
}

function sameFilters(a: MessageFilters, b: MessageFilters): boolean {
  const key = (f: MessageFilters) =>
    [f.direction ?? '', f.status ?? '', f.destination ?? '', f.type.trim(), f.controlId.trim(), f.patientId.trim()].join('\u0000');
  return key(a) === key(b);
}

/** The log query the API takes: only what is filled in, trimmed, with the page. */
export function messagesQuery(filters: MessageFilters, offset: number): MessagesQuery {
  const query: MessagesQuery = {};
  if (filters.direction) query.direction = filters.direction;
  if (filters.status) query.status = filters.status;
  if (filters.destination) query.destination = filters.destination;
  const type = filters.type.trim();
  if (type) query.type = type;
  const controlId = filters.controlId.trim();
  if (controlId) query.controlId = controlId;
  const patientId = filters.patientId.trim();
  if (patientId) query.patientId = patientId;
  query.limit = MESSAGES_PAGE_SIZE;
  query.offset = offset;
  return query;
}

/** A destination's failed messages, from its card's failed count. */
export function failedTo(destination: InterfaceDestinationName): MessageFilters {
  return { ...QUICK_FILTERS.failed, destination };
}

/** An HL7 v2 message's segments, one per line (they are separated by CR; line breaks are read too). */
export function segmentsOf(text: string | null | undefined): string[] {
  return (text ?? '').split(/\r\n|\r|\n/).filter((segment) => segment.trim() !== '');
}

/** The edited message as the API takes it: one segment per non-empty line, separated by CR. */
export function replayTextOf(edited: string): string {
  return segmentsOf(edited).join('\r');
}

/** An inbound message the administrator may fix and replay. */
export function canEditAndReplay(message: InterfaceMessageSummary): boolean {
  return message.direction === 'inbound' && message.status === 'quarantined';
}

/** An outbound message the administrator may send again, as built. */
export function canResend(message: InterfaceMessageSummary): boolean {
  return message.direction === 'outbound' && (message.status === 'failed' || message.status === 'delivered');
}

/** How long the oldest message has been waiting in the outbox: "chờ 3 phút", "chờ 2 giờ 5 phút", "chờ 3 ngày". */
export function waitingFor(since: string, now: number): Translatable {
  const minutes = Math.max(0, Math.floor((now - Date.parse(since)) / 60_000));
  if (minutes < 1) return { key: _('admin.interfaces.waiting.underMinute') };
  if (minutes < 60) return { key: _('admin.interfaces.waiting.minutes'), params: { count: String(minutes) } };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { key: _('admin.interfaces.waiting.hours'), params: { hours: String(hours), minutes: String(minutes % 60) } };
  return { key: _('admin.interfaces.waiting.days'), params: { count: String(Math.floor(hours / 24)) } };
}

/**
 * A failed call as the administrator should read it: the server's problem (its title and detail, any field errors),
 * or that the server could not be reached.
 */
export function interfaceFailure(error: unknown): Translatable {
  const status = statusOf(error);
  if (status === 0) return { key: _('admin.common.networkError') };
  const problem = problemOf(error);
  if (problem) {
    const detail = [problem.detail, ...(problem.errors ?? []).map((e) => `${e.field}: ${e.message}`)].filter(Boolean).join('; ');
    return detail
      ? { key: _('admin.interfaces.problem.withDetail'), params: { title: problem.title, detail } }
      : { key: _('admin.interfaces.problem.titleOnly'), params: { title: problem.title } };
  }
  if (status === 403) return { key: _('admin.common.forbidden') };
  if (status === 404) return { key: _('admin.interfaces.problem.notFound') };
  return { key: _('admin.interfaces.problem.status'), params: { status: String(status) } };
}
