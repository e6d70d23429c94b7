import type { VitalSignFlag, VitalSignKind, VitalSignObservation } from '@benhan/shared/contracts';

/**
 * Geometry of the vital signs chart, drawn like the paper "phiếu theo dõi chức năng sống": temperature in blue
 * on the left scale (35–41 °C) and pulse in red on the right scale (40–160 /min), one degree matching 20 beats
 * so both share the horizontal gridlines, over time with day and hour gridlines; blood pressure as bars in a
 * band below. Pure functions: the SVG component only draws what this returns.
 *
 * Each set of vital signs is a column: its temperature, pulse and blood pressure share one x. Sets taken close together
 * (two rounds minutes apart, on a chart of days) would be drawn on top of each other, so their columns are moved apart
 * in time order (`spreadColumns`); where a set's temperature and pulse land on the same spot, they step aside
 * (`SIDE_STEP`). The exact time of each point is in its tooltip and in the flowsheet.
 */

export interface Scale {
  min: number;
  max: number;
}

export const TEMPERATURE_SCALE: Scale = { min: 35, max: 41 };
export const PULSE_SCALE: Scale = { min: 40, max: 160 };
export const BLOOD_PRESSURE_SCALE: Scale = { min: 40, max: 200 };

/** Sizes in SVG user units (the viewBox), so the chart scales to any width and prints crisp. */
export interface ChartLayout {
  width: number;
  height: number;
  /** Room for the temperature scale on the left and the pulse scale on the right. */
  left: number;
  right: number;
  /** Room for the day labels above the plot. */
  top: number;
  plotHeight: number;
  /** The blood pressure band below the plot. */
  bpTop: number;
  bpHeight: number;
}

export const CHART_LAYOUT: ChartLayout = { width: 960, height: 500, left: 56, right: 56, top: 40, plotHeight: 300, bpTop: 360, bpHeight: 110 };

/** The size of a temperature or pulse marker. */
export const MARKER_SIZE = 8;
/** How far a set's temperature (left) and pulse (right) markers step aside when they would cover each other. */
export const SIDE_STEP = 5;
/** The least room between two sets' columns: room for both markers of each, stepped aside. */
export const COLUMN_GAP = 4 * SIDE_STEP;
/** The least room between a column and the plot's frame, so a set taken just now is not drawn over the scale. */
export const EDGE_INSET = SIDE_STEP + MARKER_SIZE;

export interface ChartPoint {
  id: string;
  x: number;
  y: number;
  value: number;
  takenAt: string;
  flag: VitalSignFlag;
  /** The value lies outside the scale and is drawn on its edge. */
  clamped: boolean;
}

export interface Curve {
  points: ChartPoint[];
  /** SVG path data through the points in time order (`M x,y L x,y …`); empty without points. */
  path: string;
}

export interface BloodPressureMark {
  x: number;
  ySystolic: number;
  yDiastolic: number;
  systolic: number;
  diastolic: number;
  takenAt: string;
  abnormal: boolean;
}

export interface DayBand {
  /** Local midnight that starts the day. */
  date: Date;
  /** Where the day starts and ends within the range. */
  x: number;
  width: number;
}

export interface HourLine {
  x: number;
  hour: number;
}

export interface Tick {
  y: number;
  value: number;
}

export interface VitalsChartModel {
  layout: ChartLayout;
  plot: { left: number; right: number; top: number; bottom: number };
  temperature: Curve;
  pulse: Curve;
  bloodPressure: BloodPressureMark[];
  days: DayBand[];
  hours: HourLine[];
  /** Whole degrees 35…41, with the matching pulse (40…160) on the same lines. */
  ticks: { y: number; temperature: number; pulse: number }[];
  bpTicks: Tick[];
}

/** Maps a value of the scale onto [bottom, top] (SVG y grows downwards); values outside stay outside. */
export function linearScale(scale: Scale, bottom: number, top: number): (value: number) => number {
  const perUnit = (bottom - top) / (scale.max - scale.min);
  return (value) => bottom - (value - scale.min) * perUnit;
}

/** Maps an instant (ms) of [from, to] onto [x0, x1]. */
export function timeScale(from: number, to: number, x0: number, x1: number): (time: number) => number {
  const span = Math.max(to - from, 1);
  return (time) => x0 + ((time - from) / span) * (x1 - x0);
}

/** SVG path data through the points, coordinates rounded to 0.1 unit. */
export function pathThrough(points: readonly { x: number; y: number }[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${round(p.x)},${round(p.y)}`).join(' ');
}

/**
 * Where the columns at `xs` (in time order) are drawn: each at its time, except that a column closer than `gap` to the
 * one before moves right until it is `gap` away, and columns are kept `EDGE_INSET` inside [left, right], those pressed
 * against the right edge moving left in turn. With more columns than fit, `gap` shrinks so they still all fit.
 */
export function spreadColumns(xs: readonly number[], left: number, right: number, gap = COLUMN_GAP): number[] {
  const low = left + EDGE_INSET;
  const high = right - EDGE_INSET;
  const step = xs.length > 1 ? Math.min(gap, (high - low) / (xs.length - 1)) : gap;
  const spread = xs.map((x) => Math.min(Math.max(x, low), high));
  for (let i = 1; i < spread.length; i++) spread[i] = Math.max(spread[i], spread[i - 1] + step);
  for (let i = spread.length - 1; i >= 0; i--) spread[i] = Math.min(spread[i], i === spread.length - 1 ? high : spread[i + 1] - step);
  return spread.map(round);
}

/** Hour gridlines dense enough to read times and sparse enough to stay apart: 3 h, 6 h, 12 h, or none. */
export function hourStep(spanMs: number): number | null {
  const hours = spanMs / 3_600_000;
  if (hours <= 36) return 3;
  if (hours <= 4 * 24) return 6;
  if (hours <= 8 * 24) return 12;
  return null;
}

export function buildVitalsChart(
  observations: readonly VitalSignObservation[],
  range: { from: Date; to: Date },
  layout: ChartLayout = CHART_LAYOUT,
): VitalsChartModel {
  const from = range.from.getTime();
  const to = Math.max(range.to.getTime(), from + 1);
  const plot = { left: layout.left, right: layout.width - layout.right, top: layout.top, bottom: layout.top + layout.plotHeight };
  const x = timeScale(from, to, plot.left, plot.right);
  const inRange = observations
    .filter((o) => !o.enteredInError)
    .filter((o) => {
      const t = Date.parse(o.takenAt);
      return t >= from && t <= to;
    })
    .sort((a, b) => Date.parse(a.takenAt) - Date.parse(b.takenAt));

  // One column per instant a set was taken at, moved apart from its neighbours where they would overlap.
  const instants = [...new Set(inRange.map((o) => o.takenAt))];
  const columns = spreadColumns(
    instants.map((takenAt) => x(Date.parse(takenAt))),
    plot.left,
    plot.right,
  );
  const columnOf = new Map(instants.map((takenAt, i) => [takenAt, columns[i]]));
  const xOf = (takenAt: string) => columnOf.get(takenAt) ?? round(x(Date.parse(takenAt)));

  const curve = (kind: VitalSignKind, scale: Scale): ChartPoint[] => {
    const y = linearScale(scale, plot.bottom, plot.top);
    return inRange
      .filter((o) => o.kind === kind)
      .map((o): ChartPoint => {
        const clampedValue = Math.min(Math.max(o.value, scale.min), scale.max);
        return {
          id: o.id,
          x: xOf(o.takenAt),
          y: round(y(clampedValue)),
          value: o.value,
          takenAt: o.takenAt,
          flag: o.flag,
          clamped: clampedValue !== o.value,
        };
      });
  };
  const [temperature, pulse] = stepAside(curve('temperature', TEMPERATURE_SCALE), curve('pulse', PULSE_SCALE));

  const bpBottom = layout.bpTop + layout.bpHeight;
  const bpY = linearScale(BLOOD_PRESSURE_SCALE, bpBottom, layout.bpTop);
  const clampBp = (v: number) => round(bpY(Math.min(Math.max(v, BLOOD_PRESSURE_SCALE.min), BLOOD_PRESSURE_SCALE.max)));
  const diastolicAt = new Map(inRange.filter((o) => o.kind === 'diastolic_bp').map((o) => [o.takenAt, o]));
  const bloodPressure = inRange
    .filter((o) => o.kind === 'systolic_bp' && diastolicAt.has(o.takenAt))
    .map((systolic): BloodPressureMark => {
      const diastolic = diastolicAt.get(systolic.takenAt) as VitalSignObservation;
      return {
        x: xOf(systolic.takenAt),
        ySystolic: clampBp(systolic.value),
        yDiastolic: clampBp(diastolic.value),
        systolic: systolic.value,
        diastolic: diastolic.value,
        takenAt: systolic.takenAt,
        abnormal: systolic.flag !== 'normal' || diastolic.flag !== 'normal',
      };
    });

  const temperatureY = linearScale(TEMPERATURE_SCALE, plot.bottom, plot.top);
  const ticks = [];
  for (let degree = TEMPERATURE_SCALE.min; degree <= TEMPERATURE_SCALE.max; degree++) {
    ticks.push({ y: round(temperatureY(degree)), temperature: degree, pulse: PULSE_SCALE.min + (degree - TEMPERATURE_SCALE.min) * 20 });
  }
  const bpTicks: Tick[] = [];
  for (let mmHg = BLOOD_PRESSURE_SCALE.min; mmHg <= BLOOD_PRESSURE_SCALE.max; mmHg += 40) bpTicks.push({ y: round(bpY(mmHg)), value: mmHg });

  return {
    layout,
    plot,
    temperature: { points: temperature, path: pathThrough(temperature) },
    pulse: { points: pulse, path: pathThrough(pulse) },
    bloodPressure,
    days: dayBands(from, to, x),
    hours: hourLines(from, to, x),
    ticks,
    bpTicks,
  };
}

/**
 * The temperature and pulse of one set whose markers would cover or touch each other (on the same column, less than a
 * marker and a half apart): the temperature steps left and the pulse right, so both stay visible.
 */
export function stepAside(temperature: readonly ChartPoint[], pulse: readonly ChartPoint[]): [ChartPoint[], ChartPoint[]] {
  const covering = (t: ChartPoint, p: ChartPoint) => t.takenAt === p.takenAt && Math.abs(t.y - p.y) < 1.5 * MARKER_SIZE;
  return [
    temperature.map((t) => (pulse.some((p) => covering(t, p)) ? { ...t, x: round(t.x - SIDE_STEP) } : t)),
    pulse.map((p) => (temperature.some((t) => covering(t, p)) ? { ...p, x: round(p.x + SIDE_STEP) } : p)),
  ];
}

/** The local calendar days the range touches, each cut to the range. */
function dayBands(from: number, to: number, x: (t: number) => number): DayBand[] {
  const days: DayBand[] = [];
  for (let day = startOfLocalDay(from); day.getTime() < to; day = nextLocalDay(day)) {
    const start = Math.max(day.getTime(), from);
    const end = Math.min(nextLocalDay(day).getTime(), to);
    days.push({ date: day, x: round(x(start)), width: round(x(end) - x(start)) });
  }
  return days;
}

/** Gridlines at every step of local clock hours (not at midnight: the day lines are there). */
function hourLines(from: number, to: number, x: (t: number) => number): HourLine[] {
  const step = hourStep(to - from);
  if (step === null) return [];
  const lines: HourLine[] = [];
  for (let day = startOfLocalDay(from); day.getTime() < to; day = nextLocalDay(day)) {
    for (let hour = step; hour < 24; hour += step) {
      const at = new Date(day.getFullYear(), day.getMonth(), day.getDate(), hour).getTime();
      if (at > from && at < to) lines.push({ x: round(x(at)), hour });
    }
  }
  return lines;
}

function startOfLocalDay(time: number): Date {
  const d = new Date(time);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate());
}

/** The next local midnight (by calendar, so days stay whole across clock changes). */
function nextLocalDay(day: Date): Date {
  return new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1);
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
