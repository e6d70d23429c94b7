import { _ } from '@ngx-translate/core';

export type ChartRange = '24h' | '3d' | '7d' | 'stay';

export const CHART_RANGES: { value: ChartRange; labelKey: string }[] = [
  { value: '24h', labelKey: _('nurse.range.last24h') },
  { value: '3d', labelKey: _('nurse.range.last3d') },
  { value: '7d', labelKey: _('nurse.range.last7d') },
  { value: 'stay', labelKey: _('nurse.range.stay') },
];

const HOUR = 3_600_000;
const LOOK_BACK: Record<Exclude<ChartRange, 'stay'>, number> = { '24h': 24 * HOUR, '3d': 72 * HOUR, '7d': 168 * HOUR };

/**
 * The instants a range covers, ending a minute after `now` (so a set just taken is inside it) or at discharge.
 * The whole stay starts at admission; without one it falls back to the last 7 days.
 */
export function rangeBounds(range: ChartRange, now: Date, stay: { startedAt: string; endedAt: string | null } | null): { from: Date; to: Date } {
  const to = stay?.endedAt && range === 'stay' ? new Date(stay.endedAt) : new Date(now.getTime() + 60_000);
  if (range === 'stay') return { from: stay ? new Date(stay.startedAt) : new Date(to.getTime() - LOOK_BACK['7d']), to };
  return { from: new Date(to.getTime() - LOOK_BACK[range]), to };
}
