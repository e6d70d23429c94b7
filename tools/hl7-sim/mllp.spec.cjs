// The framing and the small HL7 reader the simulators rely on, byte by byte.
const { FrameDecoder, frame } = require('./mllp.cjs');
const { Message, escape, unescape, segment, header, timestamp } = require('./hl7.cjs');
const { createRandom } = require('./random.cjs');

describe('FrameDecoder', () => {
  const text = 'MSH|^~\\&|BENHAN|BV|LIS|XN|20261128090000+0700||OML^O21^OML_O21|BH-1|P|2.5.1\rPID|1||BN1^^^BV^PI||NGUYỄN^THỊ HƯỜNG';

  it('gives a message back whole when it arrives one byte at a time, cut inside a UTF-8 character and inside the end marker', () => {
    const decoder = new FrameDecoder();
    const bytes = frame(text);
    const frames = [];
    for (const byte of bytes) frames.push(...decoder.push(Buffer.of(byte)));
    expect(frames.map((f) => f.toString('utf8'))).toEqual([text]);
  });

  it('cuts two frames written in one chunk, and a third that begins in it and ends in the next', () => {
    const decoder = new FrameDecoder();
    const third = frame(`${text}-3`);
    const first = decoder.push(Buffer.concat([frame(`${text}-1`), frame(`${text}-2`), third.subarray(0, 10)]));
    const second = decoder.push(third.subarray(10));
    expect([...first, ...second].map((f) => f.toString('utf8'))).toEqual([`${text}-1`, `${text}-2`, `${text}-3`]);
  });

  it('ignores bytes outside a frame and a 0x1C that is not followed by a CR', () => {
    const decoder = new FrameDecoder();
    const inner = Buffer.concat([Buffer.of(0x0b), Buffer.from('A'), Buffer.of(0x1c), Buffer.from('B'), Buffer.of(0x1c, 0x0d)]);
    expect(decoder.push(Buffer.concat([Buffer.from('\r\nnoise'), inner])).map((f) => f.toString('latin1'))).toEqual(['A\x1cB']);
  });
});

describe('hl7 reader and writer', () => {
  it('reads 1-based paths with repetitions and sub-components, and unescapes', () => {
    const m = new Message('MSH|^~\\&|BENHAN|BV|LIS|XN|20261128||OML^O21^OML_O21|BH-1|P|2.5.1\rPID|1||A^^^BV^PI~B^^^VNM^NNVNM||TRẦN\\S\\X^VĂN\rSPM|1|p&BENHAN^acc&LIS');
    expect([m.type, m.controlId, m.get('MSH-12'), m.get('PID-3[2].1'), m.get('PID-3[2].4'), m.get('PID-5.1'), m.get('SPM-2.2.1')]).toEqual(['OML^O21', 'BH-1', '2.5.1', 'B', 'VNM', 'TRẦN^X', 'acc']);
  });

  it('unescapes line breaks and hex bytes, and keeps unknown sequences as sent', () => {
    expect(unescape('a\\.br\\b\\XC3A1\\ \\Zx\\')).toBe('a\nbá \\Zx\\');
  });

  it('writes segments with escaped text, components, sub-components and no trailing empty fields', () => {
    expect(segment('OBX', { 1: '1', 2: 'ST', 5: 'a|b^c&d~e\\f', 6: ['g/L', '', 'UCUM'], 9: '' })).toBe('OBX|1|ST|||a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f|g/L^^UCUM');
    expect(escape('dòng 1\ndòng 2')).toBe('dòng 1\\.br\\dòng 2');
    expect(header({ 3: 'lis', 10: 'X' })).toBe('MSH|^~\\&|lis|||||||X||2.5.1||||||UNICODE UTF-8');
  });

  it('writes timestamps in Vietnam time with the offset', () => {
    expect(timestamp(new Date('2026-11-28T01:02:03Z'))).toBe('20261128080203+0700');
  });

  it('draws the same numbers from the same seed', () => {
    const [a, b] = [createRandom(42), createRandom(42)];
    expect([a.next(), a.next(), a.next()]).toEqual([b.next(), b.next(), b.next()]);
    expect(createRandom('demo').next()).toBe(createRandom('demo').next());
  });
});
