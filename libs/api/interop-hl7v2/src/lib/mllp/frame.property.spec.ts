import fc from 'fast-check';
import { encodeMllpFrame, MLLP_END, MLLP_START, MLLP_TRAILER, MllpFrameDecoder } from './frame';
import { MllpError } from './mllp.errors';

// Property-based tests (fast-check): a failure prints its seed and path; rerun it with FC_SEED=<seed> (see README "Tests").
const seed = process.env['FC_SEED'] === undefined ? {} : { seed: Number(process.env['FC_SEED']) };

/** Bytes biased towards the framing bytes, so that lone FS, FS CR and VT come up often. */
const byte = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(MLLP_START, MLLP_END, MLLP_TRAILER));
const bytes = (maxLength: number) => fc.array(byte, { maxLength }).map((b) => Buffer.from(b));

/** A payload a sender can frame: no VT (it would restart the frame) and no FS CR (it would end it). A lone FS is payload. */
const payload = bytes(60).map((b) => {
  let text = Buffer.from(b.filter((x) => x !== MLLP_START)).toString('latin1');
  while (text.includes('\x1c\r')) text = text.split('\x1c\r').join('');
  return Buffer.from(text, 'latin1');
});
/** Bytes between frames that a decoder must skip: anything without VT. */
const garbage = bytes(10).map((b) => Buffer.from(b.filter((x) => x !== MLLP_START)));

/** The stream cut at the given points (sorted, deduplicated, within the stream). */
function cut(stream: Buffer, points: number[]): Buffer[] {
  const at = [...new Set(points.map((p) => p % (stream.length + 1)))].sort((a, b) => a - b);
  return [0, ...at].map((start, i) => stream.subarray(start, at[i] ?? stream.length));
}

describe('MLLP frame decoder (property-based)', () => {
  it('gives back exactly the frames sent, however the stream is cut, skipping bytes between frames', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(garbage, payload), { maxLength: 8 }), garbage, fc.array(fc.nat(), { maxLength: 12 }), (frames, tail, points) => {
        const stream = Buffer.concat([...frames.flatMap(([before, body]) => [before, encodeMllpFrame(body)]), tail]);
        const decoder = new MllpFrameDecoder();
        const received: Buffer[] = [];
        let discarded = 0;
        for (const chunk of cut(stream, points)) {
          const result = decoder.push(chunk);
          received.push(...result.frames);
          discarded += result.discardedBytes;
        }
        expect(received.map((f) => f.toString('hex'))).toEqual(frames.map(([, body]) => body.toString('hex')));
        expect(discarded).toBe(frames.reduce((n, [before]) => n + before.length, tail.length));
        expect(decoder.pendingBytes).toBe(0);
      }),
      { numRuns: 1000, ...seed },
    );
  });

  it('survives any bytes: frames, discarded bytes or FRAME_TOO_LARGE, and keeps decoding after that error', () => {
    fc.assert(
      fc.property(fc.array(bytes(80), { maxLength: 10 }), fc.integer({ min: 1, max: 64 }), payload, (chunks, max, body) => {
        const decoder = new MllpFrameDecoder(max);
        for (const chunk of chunks) {
          try {
            const result = decoder.push(chunk);
            for (const frame of result.frames) expect(frame.length).toBeLessThanOrEqual(max);
            expect(result.discardedBytes).toBeGreaterThanOrEqual(0);
          } catch (error) {
            if (!(error instanceof MllpError) || error.code !== 'FRAME_TOO_LARGE') throw error;
          }
        }
        // Whatever came before, a whole frame of allowed size is read next (a frame left at the limit and ending in FS is refused first).
        const next = encodeMllpFrame(body.subarray(0, max));
        let frames: Buffer[];
        try {
          frames = decoder.push(next).frames;
        } catch (error) {
          if (!(error instanceof MllpError) || error.code !== 'FRAME_TOO_LARGE') throw error;
          frames = decoder.push(next).frames;
        }
        expect(frames.map((f) => f.toString('hex'))).toEqual([body.subarray(0, max).toString('hex')]);
      }),
      { numRuns: 1000, ...seed },
    );
  });

  it('reads a long run of framing bytes in linear time', () => {
    const decoder = new MllpFrameDecoder(4 * 1024 * 1024);
    const started = performance.now();
    for (const filler of [MLLP_END, MLLP_TRAILER, 0x41]) decoder.push(Buffer.concat([Buffer.of(MLLP_START), Buffer.alloc(1_000_000, filler)]));
    // Each start byte abandons the frame before it: the search for its end must not scan on to the end of the chunk every time.
    decoder.push(Buffer.alloc(1_000_000, MLLP_START));
    decoder.push(Buffer.concat([Buffer.alloc(200_000, MLLP_START), Buffer.alloc(200_000, 0x41), Buffer.of(MLLP_END, MLLP_TRAILER)]));
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
