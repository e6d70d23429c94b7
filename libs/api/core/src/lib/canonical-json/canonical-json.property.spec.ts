import fc from 'fast-check';
import { CanonicalJsonError, MAX_CANONICAL_DEPTH, canonicalJson, canonicalJsonBytes } from './canonical-json';

// Property-based tests (fast-check): a failure prints its seed and path; rerun it with FC_SEED=<seed> (see README "Tests").
const seed = process.env['FC_SEED'] === undefined ? {} : { seed: Number(process.env['FC_SEED']) };

/** JSON values with any Unicode (astral, Vietnamese, controls) in keys and strings, integer-like keys (which JS orders first), and -0. */
const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom('', '1', '10', '-1', '__proto__', 'Nguyễn', 'ế', '\u0000', '😀', '\u2028'));
const json = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    text,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(text, tie('value'), { maxKeys: 6 }),
  ),
})).value;

/** A deep copy of `value` with every object's keys inserted in another order, drawn from `order`. */
function reordered(value: unknown, order: () => number): unknown {
  if (Array.isArray(value)) return value.map((item) => reordered(item, order));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).map(([k, v]) => [k, reordered(v, order), order()] as const);
  entries.sort((a, b) => a[2] - b[2]);
  const out: Record<string, unknown> = {};
  // defineProperty: a "__proto__" member is data here, as JSON.parse makes it.
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

/** What the value reads back as: -0 prints as 0 (RFC 8785 §3.2.2.3). */
function normalised(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v) => (Object.is(v, -0) ? 0 : v)));
}

describe('RFC 8785 canonical JSON (property-based)', () => {
  it('gives the same bytes for the same value whatever the order of its members', () => {
    fc.assert(
      fc.property(json, fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })), (value, stream) => {
        const order = stream[Symbol.iterator]();
        const other = reordered(value, () => order.next().value as number);
        expect(canonicalJsonBytes(other).equals(canonicalJsonBytes(value))).toBe(true);
      }),
      { numRuns: 1000, ...seed },
    );
  });

  it('reads back as the value it was made from, and is its own canonical form', () => {
    fc.assert(
      fc.property(json, (value) => {
        const bytes = canonicalJsonBytes(value);
        const parsed = JSON.parse(bytes.toString('utf8'));
        expect(parsed).toEqual(normalised(value));
        expect(canonicalJsonBytes(parsed).equals(bytes)).toBe(true);
      }),
      { numRuns: 1000, ...seed },
    );
  });

  it('refuses what JSON cannot carry with CanonicalJsonError, never another error', () => {
    const hostile = fc.oneof(
      fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true, withBoxedValues: true, withObjectString: true, stringUnit: 'binary' }),
      fc.string({ unit: 'binary', maxLength: 8 }).map((s) => `${s}\uD800${s}`),
      fc.constantFrom(NaN, Infinity, -Infinity, undefined, () => 1, Symbol('x')).map((v) => ({ a: [v] })),
    );
    fc.assert(
      fc.property(hostile, (value) => {
        let out: string;
        try {
          out = canonicalJson(value);
        } catch (error) {
          if (error instanceof CanonicalJsonError) return;
          throw error;
        }
        // Accepted: then it is JSON (objects such as Map serialise by their own enumerable members, as JSON.stringify does).
        expect(() => JSON.parse(out)).not.toThrow();
      }),
      { numRuns: 1000, ...seed },
    );
  });

  it('refuses deep nesting and cycles with CanonicalJsonError, and writes a long string in linear time', () => {
    for (const text of ['['.repeat(100_000) + ']'.repeat(100_000), '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000)]) {
      expect(() => canonicalJson(JSON.parse(text))).toThrow(CanonicalJsonError);
    }
    const nested = JSON.parse('['.repeat(MAX_CANONICAL_DEPTH) + ']'.repeat(MAX_CANONICAL_DEPTH));
    expect(canonicalJson(nested)).toBe('['.repeat(MAX_CANONICAL_DEPTH) + ']'.repeat(MAX_CANONICAL_DEPTH));
    const cycle: Record<string, unknown> = { a: [] };
    (cycle['a'] as unknown[]).push(cycle);
    expect(() => canonicalJson(cycle)).toThrow(CanonicalJsonError);
    const started = performance.now();
    const long = { s: 'ệ😀\\"\n'.repeat(1_000_000) };
    expect(canonicalJsonBytes(long).equals(Buffer.from(JSON.stringify(long), 'utf8'))).toBe(true);
    expect(() => canonicalJson({ s: `${'ệ😀'.repeat(1_000_000)}\uDC00` })).toThrow(CanonicalJsonError);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
