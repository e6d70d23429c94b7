import { rangeBounds } from './chart-range';

describe(rangeBounds.name, () => {
  const now = new Date('2026-05-05T08:00:00.000Z');
  const stay = { startedAt: '2026-05-01T02:00:00.000Z', endedAt: null };

  it('ends a minute after now, so a set just taken falls inside the range', () => {
    expect(rangeBounds('24h', now, stay).to.toISOString()).toBe('2026-05-05T08:01:00.000Z');
  });

  it('looks back 24 hours, 3 days or 7 days from its end', () => {
    const span = (range: '24h' | '3d' | '7d') => {
      const { from, to } = rangeBounds(range, now, stay);
      return (to.getTime() - from.getTime()) / 3_600_000;
    };
    expect([span('24h'), span('3d'), span('7d')]).toEqual([24, 72, 168]);
  });

  it('covers the whole stay from admission, to discharge once the stay is over', () => {
    expect(rangeBounds('stay', now, stay).from.toISOString()).toBe('2026-05-01T02:00:00.000Z');
    const finished = rangeBounds('stay', now, { ...stay, endedAt: '2026-05-04T03:00:00.000Z' });
    expect(finished.to.toISOString()).toBe('2026-05-04T03:00:00.000Z');
  });
});
