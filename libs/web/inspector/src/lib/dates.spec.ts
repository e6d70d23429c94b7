import { instantRange, rangeInvalid } from './dates';

describe('instantRange', () => {
  it('runs from the first day’s local midnight up to the midnight after the last day', () => {
    expect(instantRange(new Date(2026, 4, 1), new Date(2026, 4, 12))).toEqual({
      from: new Date(2026, 4, 1).toISOString(),
      to: new Date(2026, 4, 13).toISOString(),
    });
  });

  it('leaves out an empty end, and ignores the time of day a picker may carry', () => {
    expect(instantRange(null, null)).toEqual({});
    expect(instantRange(new Date(2026, 4, 1, 15, 30), null)).toEqual({ from: new Date(2026, 4, 1).toISOString() });
    expect(instantRange(null, new Date(2026, 11, 31, 8))).toEqual({ to: new Date(2027, 0, 1).toISOString() });
  });

  it('finds a range that ends before it starts', () => {
    expect(rangeInvalid(new Date(2026, 4, 2), new Date(2026, 4, 1))).toBe(true);
    expect(rangeInvalid(new Date(2026, 4, 1), new Date(2026, 4, 1))).toBe(false);
    expect(rangeInvalid(null, new Date(2026, 4, 1))).toBe(false);
  });
});
