import { formatHl7Timestamp, parseHl7Timestamp } from './timestamp';

describe('HL7 timestamps (DTM)', () => {
  it('reads every precision, with the offset given or +0700 when none', () => {
    expect(parseHl7Timestamp('2024')?.toISOString()).toBe('2023-12-31T17:00:00.000Z');
    expect(parseHl7Timestamp('202402')?.toISOString()).toBe('2024-01-31T17:00:00.000Z');
    expect(parseHl7Timestamp('20240229')?.toISOString()).toBe('2024-02-28T17:00:00.000Z');
    expect(parseHl7Timestamp('2024022913')?.toISOString()).toBe('2024-02-29T06:00:00.000Z');
    expect(parseHl7Timestamp('202402291305')?.toISOString()).toBe('2024-02-29T06:05:00.000Z');
    expect(parseHl7Timestamp('20240229130559')?.toISOString()).toBe('2024-02-29T06:05:59.000Z');
    expect(parseHl7Timestamp('20240229130559.1234')?.toISOString()).toBe('2024-02-29T06:05:59.123Z');
    expect(parseHl7Timestamp('20110531140551-0500')?.toISOString()).toBe('2011-05-31T19:05:51.000Z');
    expect(parseHl7Timestamp('200004011417+1000')?.toISOString()).toBe('2000-04-01T04:17:00.000Z');
    expect(parseHl7Timestamp('20240229130559', { defaultOffset: '+0000' })?.toISOString()).toBe('2024-02-29T13:05:59.000Z');
    expect(parseHl7Timestamp('20141006092900+0700^S')?.toISOString()).toBe('2014-10-06T02:29:00.000Z');
  });

  it('reads empty and the explicit null as no time', () => {
    expect(parseHl7Timestamp('')).toBeUndefined();
    expect(parseHl7Timestamp('""')).toBeUndefined();
  });

  it.each(['2024-02-29', '20240230', '20241301', '2024022925', '202402291260', '20240229120060', '20240229+07', '20240229+2500', 'tomorrow'])('refuses %s', (text) => {
    expect(() => parseHl7Timestamp(text)).toThrow(expect.objectContaining({ code: 'BAD_TIMESTAMP' }));
  });

  it('writes +0700 local time, with milliseconds or date only on request', () => {
    const at = new Date('2026-11-28T17:30:05.042Z');
    expect(formatHl7Timestamp(at)).toBe('20261129003005+0700');
    expect(formatHl7Timestamp(at, { milliseconds: true })).toBe('20261129003005.042+0700');
    expect(formatHl7Timestamp(at, { dateOnly: true })).toBe('20261129');
    expect(formatHl7Timestamp(at, { offset: '-0500' })).toBe('20261128123005-0500');
    expect(parseHl7Timestamp(formatHl7Timestamp(at, { milliseconds: true }))?.getTime()).toBe(at.getTime());
  });
});
