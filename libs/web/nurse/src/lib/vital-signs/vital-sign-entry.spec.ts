import { DEFINITIONS, anObservation } from '../../testing/fixtures';
import { checkEntry, fieldErrorTarget, flagOf, hasProblems, latestByKind, parseEntryNumber, serverProblems } from './vital-sign-entry';

describe('vital sign entry', () => {
  describe(parseEntryNumber.name, () => {
    it('reads a decimal comma the Vietnamese way and a decimal point alike', () => {
      expect(parseEntryNumber('38,6')).toBe(38.6);
      expect(parseEntryNumber(' 38.6 ')).toBe(38.6);
      expect(parseEntryNumber('120')).toBe(120);
    });

    it('treats an empty field as not measured and anything else as not a number', () => {
      expect(parseEntryNumber('')).toBeNull();
      expect(parseEntryNumber('   ')).toBeNull();
      expect(parseEntryNumber(undefined)).toBeNull();
      for (const text of ['38..6', '38,6,1', 'abc', '-37', '1e2', '37°']) expect(parseEntryNumber(text)).toBeNaN();
    });
  });

  it('flags values below and above the normal range, and not its bounds', () => {
    const temperature = DEFINITIONS[1];
    expect(flagOf(temperature, 35.9)).toBe('low');
    expect(flagOf(temperature, 36)).toBe('normal');
    expect(flagOf(temperature, 37.5)).toBe('normal');
    expect(flagOf(temperature, 38.6)).toBe('high');
  });

  it('sends only the typed values, each flagged as typed (38.6 °C is high, pulse 88 normal)', () => {
    const check = checkEntry({ pulse: '88', temperature: '38,6', respiratory_rate: '' }, DEFINITIONS);
    expect(check.values).toEqual({ pulse: 88, temperature: 38.6 });
    expect(check.flags).toEqual({ pulse: 'normal', temperature: 'high' });
    expect(hasProblems(check)).toBe(false);
    expect(check.empty).toBe(false);
  });

  it('refuses an impossible value before sending (temperature 52 °C), naming the plausible range', () => {
    const check = checkEntry({ pulse: '88', temperature: '52' }, DEFINITIONS);
    expect(check.problems.temperature).toEqual({ code: 'implausible', params: { min: '30', max: '45' } });
    expect(check.values).toEqual({ pulse: 88 });
    expect(hasProblems(check)).toBe(true);
  });

  it('accepts the plausible bounds themselves', () => {
    expect(checkEntry({ temperature: '45', spo2: '100' }, DEFINITIONS).problems).toEqual({});
    expect(checkEntry({ temperature: '45.1' }, DEFINITIONS).problems.temperature?.code).toBe('implausible');
  });

  it('refuses text that is not a number', () => {
    expect(checkEntry({ pulse: '8o' }, DEFINITIONS).problems).toEqual({ pulse: { code: 'format' } });
  });

  it('wants systolic and diastolic together, systolic the higher', () => {
    expect(checkEntry({ systolic_bp: '120' }, DEFINITIONS).problems).toEqual({ diastolic_bp: { code: 'bp_pair' } });
    expect(checkEntry({ diastolic_bp: '80' }, DEFINITIONS).problems).toEqual({ systolic_bp: { code: 'bp_pair' } });
    const inverted = checkEntry({ systolic_bp: '80', diastolic_bp: '120' }, DEFINITIONS);
    expect(inverted.problems).toEqual({ diastolic_bp: { code: 'bp_order' } });
    expect(inverted.values).toEqual({});
    expect(checkEntry({ systolic_bp: '150', diastolic_bp: '95' }, DEFINITIONS)).toMatchObject({
      values: { systolic_bp: 150, diastolic_bp: 95 },
      flags: { systolic_bp: 'high', diastolic_bp: 'high' },
      problems: {},
    });
  });

  it('knows when nothing at all was typed', () => {
    expect(checkEntry({ pulse: ' ', temperature: '' }, DEFINITIONS).empty).toBe(true);
  });

  it('places a server field error on its input, and a round’s on its row', () => {
    expect(fieldErrorTarget('values.temperature')).toEqual({ entry: null, kind: 'temperature' });
    expect(fieldErrorTarget('entries[2].values.pulse')).toEqual({ entry: 2, kind: 'pulse' });
    expect(fieldErrorTarget('entries[0].encounterId')).toEqual({ entry: 0, kind: null });
    expect(fieldErrorTarget('values.unknown_kind')).toEqual({ entry: null, kind: null });
    expect(fieldErrorTarget('takenAt')).toEqual({ entry: null, kind: null });
  });

  it('keeps the server’s message for the input and the rest apart', () => {
    expect(
      serverProblems([
        { field: 'values.spo2', message: 'must not be greater than 100' },
        { field: 'takenAt', message: 'must not be in the future' },
      ]),
    ).toEqual({
      byKind: { spo2: { code: 'server', params: { message: 'must not be greater than 100' } } },
      other: ['takenAt: must not be in the future'],
    });
  });

  it('takes the latest valid observation of each kind, skipping entered-in-error ones', () => {
    const older = anObservation({ kind: 'pulse', value: 80, takenAt: '2026-05-02T01:00:00.000Z' });
    const newer = anObservation({ kind: 'pulse', value: 90, takenAt: '2026-05-02T05:00:00.000Z' });
    const voided = anObservation({
      kind: 'pulse',
      value: 200,
      takenAt: '2026-05-02T06:00:00.000Z',
      enteredInError: { at: '2026-05-02T06:10:00.000Z', byName: 'ĐD', reason: 'Nhầm' },
    });
    expect(latestByKind([newer, voided, older]).pulse?.value).toBe(90);
  });
});
