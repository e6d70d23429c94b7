import { HttpErrorResponse } from '@angular/common/http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { anInterfaceMessage } from '../../testing/fixtures';
import { vi } from '../../testing/translations';
import {
  canEditAndReplay,
  canResend,
  EMPTY_MESSAGE_FILTERS,
  failedTo,
  interfaceFailure,
  messagesQuery,
  QUICK_FILTERS,
  quickFilterOf,
  replayTextOf,
  segmentsOf,
  waitingFor,
} from './interface-model';

describe('messagesQuery', () => {
  it('sends only the page when nothing is filled in', () => {
    expect(messagesQuery(EMPTY_MESSAGE_FILTERS, 50)).toEqual({ limit: 25, offset: 50 });
  });

  it('sends the filters filled in, trimmed, blank text left out', () => {
    expect(messagesQuery({ direction: 'outbound', status: 'failed', destination: 'pacs', type: ' OML^O21 ', controlId: '  ', patientId: 'p-1' }, 0)).toEqual({
      direction: 'outbound',
      status: 'failed',
      destination: 'pacs',
      type: 'OML^O21',
      patientId: 'p-1',
      limit: 25,
      offset: 0,
    });
  });
});

describe('quickFilterOf', () => {
  it('recognises a quick filter in the form, whatever blanks the text fields hold', () => {
    expect(quickFilterOf({ ...QUICK_FILTERS.quarantine, type: ' ' })).toBe('quarantine');
    expect(quickFilterOf(QUICK_FILTERS.failed)).toBe('failed');
    expect(quickFilterOf({ ...QUICK_FILTERS.failed, patientId: 'p-1' })).toBeNull();
    expect(quickFilterOf(failedTo('lis'))).toBeNull();
    expect(quickFilterOf(EMPTY_MESSAGE_FILTERS)).toBeNull();
  });
});

describe('segmentsOf / replayTextOf', () => {
  it('reads segments separated by CR, CRLF or LF, blank lines dropped', () => {
    expect(segmentsOf('MSH|1\rPID|1\r\nOBR|1\nOBX|1\r\r')).toEqual(['MSH|1', 'PID|1', 'OBR|1', 'OBX|1']);
    expect(segmentsOf(null)).toEqual([]);
  });

  it('turns an edited text back into CR-separated segments without blank lines', () => {
    expect(replayTextOf('MSH|1\n\nPID|1\r\nOBX|1|NM|||5.4\n')).toBe('MSH|1\rPID|1\rOBX|1|NM|||5.4');
  });
});

describe('canEditAndReplay / canResend', () => {
  it('lets a quarantined inbound message be edited and replayed, nothing else', () => {
    expect(canEditAndReplay(anInterfaceMessage())).toBe(true);
    expect(canEditAndReplay(anInterfaceMessage({ status: 'rejected' }))).toBe(false);
    expect(canEditAndReplay(anInterfaceMessage({ direction: 'outbound', status: 'failed' }))).toBe(false);
  });

  it('lets a failed or delivered outbound message be sent again, not a pending or replayed one', () => {
    expect(canResend(anInterfaceMessage({ direction: 'outbound', status: 'failed' }))).toBe(true);
    expect(canResend(anInterfaceMessage({ direction: 'outbound', status: 'delivered' }))).toBe(true);
    expect(canResend(anInterfaceMessage({ direction: 'outbound', status: 'pending' }))).toBe(false);
    expect(canResend(anInterfaceMessage({ direction: 'outbound', status: 'replayed' }))).toBe(false);
    expect(canResend(anInterfaceMessage())).toBe(false);
  });
});

describe('waitingFor', () => {
  const now = Date.parse('2026-11-28T12:00:00.000Z');
  const text = (since: string) => {
    const { key, params } = waitingFor(since, now);
    return vi(key, params);
  };

  it('says how long the oldest message has waited, in minutes, hours and minutes, or days', () => {
    expect(text('2026-11-28T11:59:30.000Z')).toBe('chờ dưới 1 phút');
    expect(text('2026-11-28T11:57:00.000Z')).toBe('chờ 3 phút');
    expect(text('2026-11-28T09:55:00.000Z')).toBe('chờ 2 giờ 5 phút');
    expect(text('2026-11-25T10:00:00.000Z')).toBe('chờ 3 ngày');
    // A clock slightly ahead of ours does not make a negative wait.
    expect(text('2026-11-28T12:00:10.000Z')).toBe('chờ dưới 1 phút');
  });
});

describe('interfaceFailure', () => {
  it('shows the problem’s title and detail, its title alone, or why there is none', () => {
    const problem = (body: object | null, status: number) => new HttpErrorResponse({ error: body, status, statusText: 'x' });
    const say = (error: unknown) => {
      const { key, params } = interfaceFailure(error);
      return vi(key, params);
    };
    expect(say(problem({ type: 'about:blank', title: 'Conflict', status: 409, detail: 'already replayed' }, 409))).toBe('Conflict: already replayed');
    expect(say(problem({ type: 'about:blank', title: 'Unprocessable Entity', status: 422, errors: [{ field: 'text', message: 'MSH missing' }] }, 422))).toBe(
      'Unprocessable Entity: text: MSH missing',
    );
    expect(say(problem({ type: 'about:blank', title: 'Forbidden', status: 403 }, 403))).toBe('Forbidden');
    expect(say(problem(null, 404))).toBe(vi('admin.interfaces.problem.notFound'));
    expect(say(problem(null, 502))).toBe('Máy chủ báo lỗi (502). Vui lòng thử lại.');
    expect(say(problem(null, 0))).toBe(vi('admin.common.networkError'));
  });
});

describe('admin.interfaces translations', () => {
  const i18n = (lang: string) => JSON.parse(readFileSync(join(__dirname, `../../../../../../apps/web/public/i18n/${lang}.json`), 'utf8')) as Record<string, unknown>;
  const leaves = (node: unknown, prefix = ''): string[] =>
    typeof node === 'object' && node !== null ? Object.entries(node).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k)) : [prefix];
  const subtree = (lang: string) => ((i18n(lang)['admin'] as Record<string, unknown>)['interfaces'] as object) ?? {};

  it('has the same keys in Vietnamese and English', () => {
    expect(leaves(subtree('en')).sort()).toEqual(leaves(subtree('vi')).sort());
  });

  it('translates every admin.interfaces key the page and the panel use', () => {
    const sources = [
      '../pages/interfaces/interfaces.html',
      '../pages/interfaces/interfaces.ts',
      '../components/interface-message-panel/interface-message-panel.html',
      '../components/interface-message-panel/interface-message-panel.ts',
      './interface-model.ts',
      '../labels.ts',
      '../pages/admin-home/admin-home.html',
      '../admin.routes.ts',
    ].map((path) => readFileSync(join(__dirname, path), 'utf8'));
    const used = new Set(sources.flatMap((source) => Array.from(source.matchAll(/'(admin\.(?:interfaces|nav)\.[\w.]+)'/g), (m) => m[1])));
    expect(used.size).toBeGreaterThan(60);
    for (const key of used) expect(() => vi(key)).not.toThrow();
  });
});
