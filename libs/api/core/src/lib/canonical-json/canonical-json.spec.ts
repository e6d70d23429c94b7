import { CanonicalJsonError, canonicalJson, canonicalJsonBytes, canonicalSha256 } from './canonical-json';

/** Test vectors published in RFC 8785 (sections 3.2.2–3.2.4 and Appendix B). */
describe('RFC 8785 JSON canonicalisation', () => {
  it('serialises the §3.2.2 example (primitives, escapes, numbers) exactly', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
    );
    expect(canonicalJson(input)).toBe('{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}');
  });

  it('produces the §3.2.4 UTF-8 bytes of that example', () => {
    // 333333333.33333329 as printed in the RFC; the literal rounds to the same double.
    const input = { numbers: [333333333.3333333, 1e30, 4.5, 2e-3, 1e-27], string: '€$\u000f\nA\'B"\\\\"/', literals: [null, true, false] };
    const expected =
      '7b 22 6c 69 74 65 72 61 6c 73 22 3a 5b 6e 75 6c 6c 2c 74 72 75 65 2c 66 61 6c 73 65 5d 2c 22 6e 75 6d 62 65 72 73 22 3a 5b ' +
      '33 33 33 33 33 33 33 33 33 2e 33 33 33 33 33 33 33 2c 31 65 2b 33 30 2c 34 2e 35 2c 30 2e 30 30 32 2c 31 65 2d 32 37 5d 2c ' +
      '22 73 74 72 69 6e 67 22 3a 22 e2 82 ac 24 5c 75 30 30 30 66 5c 6e 41 27 42 5c 22 5c 5c 5c 5c 5c 22 2f 22 7d';
    expect(canonicalJsonBytes(input).toString('hex').match(/../g)?.join(' ')).toBe(expected);
  });

  it('sorts members by UTF-16 code units (§3.2.3)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // Read the order from the text: JSON.parse would move the integer-like key "1" first.
    const order = [...canonicalJson(input).matchAll(/:"([^"]+)"/g)].map((m) => m[1]);
    expect(order).toEqual([
      'Carriage Return',
      'One',
      'Control',
      'Latin Small Letter O With Diaeresis',
      'Euro Sign',
      'Emoji: Grinning Face',
      'Hebrew Letter Dalet With Dagesh',
    ]);
  });

  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('serialises the IEEE-754 value %s as %s (Appendix B)', (hex, expected) => {
    expect(canonicalJson(Buffer.from(hex, 'hex').readDoubleBE(0))).toBe(expected);
  });

  it.each([
    ['7fffffffffffffff', 'NaN'],
    ['7ff0000000000000', 'Infinity'],
  ])('refuses %s (%s), which JSON cannot carry', (hex) => {
    expect(() => canonicalJson({ a: [Buffer.from(hex, 'hex').readDoubleBE(0)] })).toThrow(CanonicalJsonError);
  });

  it('refuses lone surrogates and Dates, and names where they are', () => {
    expect(() => canonicalJson({ a: { b: 'x\ud800' } })).toThrow('$.a.b');
    expect(() => canonicalJson({ at: new Date() })).toThrow(CanonicalJsonError);
  });

  it('is independent of member order and whitespace, and omits undefined members', () => {
    const a = JSON.parse('{ "b": [1, {"y": 2, "x": 1}], "a": "Nguyễn" }');
    const b = { a: 'Nguyễn', b: [1, { x: 1, y: 2 }], c: undefined };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalSha256(a)).toBe(canonicalSha256(b));
    expect(canonicalSha256(a)).toMatch(/^[0-9a-f]{64}$/);
  });
});
