import { encodeMllpFrame, MllpFrameDecoder } from './frame';

const VT = '\x0b';
const END = '\x1c\r';

function decodeAll(decoder: MllpFrameDecoder, chunks: Buffer[]): { frames: string[]; discarded: number } {
  const frames: string[] = [];
  let discarded = 0;
  for (const chunk of chunks) {
    const result = decoder.push(chunk);
    frames.push(...result.frames.map((f) => f.toString('utf8')));
    discarded += result.discardedBytes;
  }
  return { frames, discarded };
}

describe(MllpFrameDecoder.name, () => {
  const message = 'MSH|^~\\&|LIS|LAB|BENHAN|BV|20261128||ORU^R01|1|P|2.5.1\rPID|1||||NGUYỄN^THỊ HƯỜNG\r';

  it('wraps a payload as VT … FS CR', () => {
    expect(encodeMllpFrame('AB')).toEqual(Buffer.from([0x0b, 0x41, 0x42, 0x1c, 0x0d]));
  });

  it('reassembles a frame fed one byte at a time, without cutting a multi-byte UTF-8 character', () => {
    const bytes = encodeMllpFrame(message);
    const result = decodeAll(new MllpFrameDecoder(), [...bytes].map((b) => Buffer.of(b)));
    expect(result).toEqual({ frames: [message], discarded: 0 });
  });

  it('splits two messages written in one chunk, and a third across chunks', () => {
    const all = Buffer.concat([encodeMllpFrame('one'), encodeMllpFrame('two'), encodeMllpFrame('three')]);
    const result = decodeAll(new MllpFrameDecoder(), [all.subarray(0, 13), all.subarray(13)]);
    expect(result.frames).toEqual(['one', 'two', 'three']);
  });

  it('holds FS at the end of a chunk until the next byte says whether it ends the frame', () => {
    const decoder = new MllpFrameDecoder();
    expect(decoder.push(Buffer.from(`${VT}abc\x1c`)).frames).toEqual([]);
    expect(decoder.pendingBytes).toBe(4);
    expect(decodeAll(decoder, [Buffer.from('\r')]).frames).toEqual(['abc']);
    expect(decodeAll(decoder, [Buffer.from(`${VT}a\x1c`), Buffer.from(`b${END}`)]).frames).toEqual(['a\x1cb']);
  });

  it('discards and counts bytes before a start byte, between frames, and of a frame abandoned by a new start', () => {
    const result = decodeAll(new MllpFrameDecoder(), [Buffer.from(`noise${VT}one${END}\r\n${VT}lost${VT}two${END}`)]);
    expect(result).toEqual({ frames: ['one', 'two'], discarded: 5 + 2 + 4 });
  });

  it('refuses a frame over the limit, then reads the next frame', () => {
    const decoder = new MllpFrameDecoder(10);
    expect(() => decoder.push(Buffer.from(`${VT}0123456789A`))).toThrow(expect.objectContaining({ code: 'FRAME_TOO_LARGE' }));
    expect(decoder.pendingBytes).toBe(0);
    expect(decodeAll(decoder, [Buffer.from(`${VT}0123456789${END}`)]).frames).toEqual(['0123456789']);
  });

  it('reports an unfinished frame, as when the peer closes mid-frame', () => {
    const decoder = new MllpFrameDecoder();
    decoder.push(Buffer.from(`${VT}MSH|^~`));
    expect(decoder.pendingBytes).toBe(6);
  });
});
