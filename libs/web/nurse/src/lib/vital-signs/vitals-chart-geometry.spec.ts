import { anObservation } from '../../testing/fixtures';
import {
  buildVitalsChart,
  CHART_LAYOUT,
  COLUMN_GAP,
  EDGE_INSET,
  hourStep,
  linearScale,
  MARKER_SIZE,
  pathThrough,
  PULSE_SCALE,
  SIDE_STEP,
  spreadColumns,
  TEMPERATURE_SCALE,
  timeScale,
} from './vitals-chart-geometry';

/** Local times, so the day gridlines are checked against the local calendar whatever TZ runs the tests. */
const at = (day: number, hour: number, minute = 0) => new Date(2026, 4, day, hour, minute);
const iso = (day: number, hour: number, minute = 0) => at(day, hour, minute).toISOString();

describe('vitals chart geometry', () => {
  const layout = CHART_LAYOUT;
  const top = layout.top;
  const bottom = layout.top + layout.plotHeight;
  const left = layout.left;
  const right = layout.width - layout.right;

  it('puts 35 °C on the bottom line and 41 °C on the top line, linearly between', () => {
    const y = linearScale(TEMPERATURE_SCALE, bottom, top);
    expect(y(35)).toBe(bottom);
    expect(y(41)).toBe(top);
    expect(y(38)).toBe((top + bottom) / 2);
  });

  it('puts pulse 40 and 160 on the same lines as 35 and 41 °C, so 1 °C matches 20 beats', () => {
    const temperature = linearScale(TEMPERATURE_SCALE, bottom, top);
    const pulse = linearScale(PULSE_SCALE, bottom, top);
    for (const [degrees, beats] of [[35, 40], [37, 80], [38.5, 110], [41, 160]]) expect(pulse(beats)).toBeCloseTo(temperature(degrees));
  });

  it('maps the range’s start and end onto the plot’s edges', () => {
    const x = timeScale(at(1, 0).getTime(), at(2, 0).getTime(), left, right);
    expect(x(at(1, 0).getTime())).toBe(left);
    expect(x(at(2, 0).getTime())).toBe(right);
    expect(x(at(1, 12).getTime())).toBe((left + right) / 2);
  });

  it('writes SVG path data through the points in order', () => {
    expect(pathThrough([])).toBe('');
    expect(pathThrough([{ x: 1, y: 2 }])).toBe('M1,2');
    expect(pathThrough([{ x: 1.04, y: 2.26 }, { x: 10, y: 20 }])).toBe('M1,2.3 L10,20');
  });

  it('draws the temperature and pulse curves in time order, leaving out entered-in-error values', () => {
    const chart = buildVitalsChart(
      [
        anObservation({ id: 't2', kind: 'temperature', value: 38.6, flag: 'high', takenAt: iso(1, 18) }),
        anObservation({ id: 't1', kind: 'temperature', value: 37, takenAt: iso(1, 6) }),
        anObservation({ id: 'p1', kind: 'pulse', value: 60, takenAt: iso(1, 6) }),
        anObservation({ id: 'p2', kind: 'pulse', value: 140, takenAt: iso(1, 18) }),
        anObservation({ id: 'bad', kind: 'temperature', value: 40, takenAt: iso(1, 12), enteredInError: { at: iso(1, 13), byName: 'ĐD', reason: 'Nhầm' } }),
      ],
      { from: at(1, 0), to: at(2, 0) },
    );
    const quarter = left + (right - left) / 4;
    const threeQuarters = left + ((right - left) * 3) / 4;
    const y37 = bottom - (2 / 6) * layout.plotHeight;
    const y386 = Math.round((bottom - (3.6 / 6) * layout.plotHeight) * 10) / 10;
    expect(chart.temperature.points.map((p) => [p.id, p.x, p.y])).toEqual([
      ['t1', quarter, y37],
      ['t2', threeQuarters, y386],
    ]);
    expect(chart.temperature.path).toBe(`M${quarter},${y37} L${threeQuarters},${y386}`);
    expect(chart.temperature.points[1].flag).toBe('high');
    // Pulse 60 sits on the 36 °C line, 140 on 40 °C: apart from the temperatures, on the same columns.
    expect(chart.pulse.points.map((p) => [p.id, p.x, p.y])).toEqual([
      ['p1', quarter, bottom - (1 / 6) * layout.plotHeight],
      ['p2', threeQuarters, bottom - (5 / 6) * layout.plotHeight],
    ]);
  });

  it('steps a set’s temperature left and its pulse right where their markers would cover each other', () => {
    const chart = buildVitalsChart(
      [
        // 37 °C and 80 /min are on the same line; 38.6 °C and 108 /min (38.4 °C's line) 10 units apart, markers touching.
        anObservation({ id: 't1', kind: 'temperature', value: 37, takenAt: iso(1, 6) }),
        anObservation({ id: 'p1', kind: 'pulse', value: 80, takenAt: iso(1, 6) }),
        anObservation({ id: 't2', kind: 'temperature', value: 38.6, takenAt: iso(1, 18) }),
        anObservation({ id: 'p2', kind: 'pulse', value: 108, takenAt: iso(1, 18) }),
        // 36 °C and 100 /min (38 °C's line) are far apart: they stay on their column.
        anObservation({ id: 't3', kind: 'temperature', value: 36, takenAt: iso(1, 12) }),
        anObservation({ id: 'p3', kind: 'pulse', value: 100, takenAt: iso(1, 12) }),
      ],
      { from: at(1, 0), to: at(2, 0) },
    );
    const x = (fraction: number) => left + (right - left) * fraction;
    expect(chart.temperature.points.map((p) => [p.id, p.x])).toEqual([
      ['t1', x(1 / 4) - SIDE_STEP],
      ['t3', x(1 / 2)],
      ['t2', x(3 / 4) - SIDE_STEP],
    ]);
    expect(chart.pulse.points.map((p) => [p.id, p.x])).toEqual([
      ['p1', x(1 / 4) + SIDE_STEP],
      ['p3', x(1 / 2)],
      ['p2', x(3 / 4) + SIDE_STEP],
    ]);
    // The curves go through the markers where they are drawn.
    expect(chart.temperature.path).toContain(`${x(1 / 4) - SIDE_STEP},`);
    expect(chart.pulse.path).toContain(`${x(3 / 4) + SIDE_STEP},`);
  });

  it('draws two rounds taken minutes apart on a chart of days as two columns that do not overlap, inside the frame', () => {
    // The journey's two rounds: taken a minute apart, just now, at the right edge of a 3-day chart.
    const first = iso(4, 11, 58);
    const second = iso(4, 11, 59);
    const set = (takenAt: string, [temperature, pulse, systolic, diastolic]: number[], id: string) => [
      anObservation({ id: `${id}-t`, kind: 'temperature', value: temperature, takenAt }),
      anObservation({ id: `${id}-p`, kind: 'pulse', value: pulse, takenAt }),
      anObservation({ id: `${id}-s`, kind: 'systolic_bp', value: systolic, takenAt }),
      anObservation({ id: `${id}-d`, kind: 'diastolic_bp', value: diastolic, takenAt }),
    ];
    const chart = buildVitalsChart([...set(first, [38.6, 96, 130, 85], 'a'), ...set(second, [37.4, 84, 120, 75], 'b')], { from: at(1, 12), to: at(4, 12) });

    // No two temperature or pulse markers cover each other.
    const markers = [...chart.temperature.points, ...chart.pulse.points];
    for (const [i, a] of markers.entries()) {
      for (const b of markers.slice(i + 1)) {
        const apart = Math.abs(a.x - b.x) >= MARKER_SIZE || Math.abs(a.y - b.y) >= MARKER_SIZE;
        expect({ a: a.id, b: b.id, apart }).toEqual({ a: a.id, b: b.id, apart: true });
      }
    }
    // Half a marker of room at least between any marker and the frame.
    for (const m of markers) {
      expect(m.x + MARKER_SIZE / 2).toBeLessThanOrEqual(right - MARKER_SIZE / 2);
      expect(m.x - MARKER_SIZE / 2).toBeGreaterThanOrEqual(left + MARKER_SIZE / 2);
    }
    // Each set's values stay on one column, in time order, the last one just inside the frame; the bars apart too.
    const [bar1, bar2] = chart.bloodPressure;
    expect(bar2.x - bar1.x).toBeGreaterThanOrEqual(COLUMN_GAP);
    expect(bar2.x).toBe(right - EDGE_INSET);
    expect(chart.temperature.points.map((p) => [p.takenAt, p.value])).toEqual([
      [first, 38.6],
      [second, 37.4],
    ]);
    for (const p of markers) expect(Math.abs(p.x - (p.takenAt === first ? bar1.x : bar2.x))).toBeLessThanOrEqual(SIDE_STEP);
  });

  it('spreads columns closer than the gap apart in order, keeps them inside the frame, and shrinks the gap when they do not fit', () => {
    expect(spreadColumns([], 0, 100)).toEqual([]);
    // Apart already: left where they are.
    expect(spreadColumns([30, 60], 0, 100)).toEqual([30, 60]);
    // Together: the later ones move right.
    expect(spreadColumns([30, 30, 35], 0, 200)).toEqual([30, 30 + COLUMN_GAP, 30 + 2 * COLUMN_GAP]);
    // Against the right edge: pulled inside, the earlier ones moving left to make room.
    expect(spreadColumns([100, 100], 0, 100)).toEqual([100 - EDGE_INSET - COLUMN_GAP, 100 - EDGE_INSET]);
    expect(spreadColumns([0], 0, 100)).toEqual([EDGE_INSET]);
    // Too many for the gap: evenly between the insets.
    expect(spreadColumns([50, 50, 50, 50, 50], 0, 40 + 2 * EDGE_INSET)).toEqual([0, 10, 20, 30, 40].map((x) => EDGE_INSET + x));
  });

  it('draws a value beyond the scale on its edge, marked as such', () => {
    const chart = buildVitalsChart(
      [anObservation({ kind: 'pulse', value: 190, takenAt: iso(1, 6) }), anObservation({ kind: 'temperature', value: 34.2, takenAt: iso(1, 6) })],
      { from: at(1, 0), to: at(2, 0) },
    );
    expect(chart.pulse.points[0]).toMatchObject({ y: top, value: 190, clamped: true });
    expect(chart.temperature.points[0]).toMatchObject({ y: bottom, value: 34.2, clamped: true });
  });

  it('leaves out observations outside the range', () => {
    const chart = buildVitalsChart([anObservation({ kind: 'temperature', takenAt: iso(3, 6) })], { from: at(1, 0), to: at(2, 0) });
    expect(chart.temperature.points).toEqual([]);
    expect(chart.temperature.path).toBe('');
  });

  it('pairs systolic and diastolic taken together into one blood pressure bar', () => {
    const chart = buildVitalsChart(
      [
        anObservation({ kind: 'systolic_bp', value: 160, flag: 'high', takenAt: iso(1, 6) }),
        anObservation({ kind: 'diastolic_bp', value: 80, takenAt: iso(1, 6) }),
        anObservation({ kind: 'systolic_bp', value: 120, takenAt: iso(1, 8) }),
      ],
      { from: at(1, 0), to: at(2, 0) },
    );
    expect(chart.bloodPressure).toHaveLength(1);
    const [bar] = chart.bloodPressure;
    const bpBottom = layout.bpTop + layout.bpHeight;
    expect(bar).toMatchObject({ systolic: 160, diastolic: 80, abnormal: true });
    expect(bar.ySystolic).toBeCloseTo(bpBottom - (120 / 160) * layout.bpHeight, 1);
    expect(bar.yDiastolic).toBeCloseTo(bpBottom - (40 / 160) * layout.bpHeight, 1);
  });

  it('splits the range into local days, cutting the first and last to the range', () => {
    const chart = buildVitalsChart([], { from: at(1, 12), to: at(3, 12) });
    expect(chart.days.map((d) => [d.date.getDate(), d.x, d.width])).toEqual([
      [1, left, (right - left) / 4],
      [2, left + (right - left) / 4, (right - left) / 2],
      [3, left + ((right - left) * 3) / 4, (right - left) / 4],
    ]);
  });

  it('draws hour gridlines every 3 h over a day, 6 h over 3 days, 12 h over 7 days, none over longer stays', () => {
    const hour = 3_600_000;
    expect([hourStep(24 * hour), hourStep(72 * hour), hourStep(7 * 24 * hour), hourStep(20 * 24 * hour)]).toEqual([3, 6, 12, null]);
    const day = buildVitalsChart([], { from: at(1, 0), to: at(2, 0) });
    expect(day.hours.map((h) => h.hour)).toEqual([3, 6, 9, 12, 15, 18, 21]);
    expect(day.hours[3].x).toBe((left + right) / 2);
  });

  it('labels every whole degree with the pulse of the same line', () => {
    const chart = buildVitalsChart([], { from: at(1, 0), to: at(2, 0) });
    expect(chart.ticks.map((t) => [t.temperature, t.pulse])).toEqual([
      [35, 40],
      [36, 60],
      [37, 80],
      [38, 100],
      [39, 120],
      [40, 140],
      [41, 160],
    ]);
    expect(chart.ticks[0].y).toBe(bottom);
    expect(chart.ticks[6].y).toBe(top);
  });
});
