import { MllpError } from './mllp.errors';

/** MLLP (HL7 v2 transport, release 2 framing): <VT> payload <FS><CR>. */
export const MLLP_START = 0x0b;
export const MLLP_END = 0x1c;
export const MLLP_TRAILER = 0x0d;

export const DEFAULT_MAX_FRAME_BYTES = 1024 * 1024;

export function encodeMllpFrame(payload: Buffer | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  return Buffer.concat([Buffer.of(MLLP_START), body, Buffer.of(MLLP_END, MLLP_TRAILER)]);
}

export interface MllpDecodeResult {
  /** Complete payloads, in order, as bytes: text is decoded later, with the message's charset, so no character is cut in two. */
  readonly frames: Buffer[];
  /** Bytes seen outside any frame (before a start byte, or an unfinished frame abandoned by a new start byte). */
  readonly discardedBytes: number;
}

/**
 * Streaming MLLP decoder for one connection: feed it chunks as they arrive, in any sizes. A frame ends only at FS followed by CR
 * (a lone FS is payload); a start byte inside a frame abandons the unfinished one, as a sender that restarts would mean (VT never
 * stands in HL7 text). A frame over `maxFrameBytes` throws FRAME_TOO_LARGE and the decoder starts over: the caller drops the connection.
 */
export class MllpFrameDecoder {
  private parts: Buffer[] = [];
  private size = 0;
  private inFrame = false;
  /** The previous chunk ended with FS: this chunk's first byte decides whether it ended the frame. */
  private pendingEnd = false;

  constructor(private readonly maxFrameBytes = DEFAULT_MAX_FRAME_BYTES) {}

  /** Bytes of an unfinished frame: non-zero when the peer closes mid-frame. */
  get pendingBytes(): number {
    return this.inFrame ? this.size + (this.pendingEnd ? 1 : 0) : 0;
  }

  push(chunk: Buffer): MllpDecodeResult {
    const frames: Buffer[] = [];
    let discardedBytes = 0;
    let i = 0;
    while (i < chunk.length) {
      if (!this.inFrame) {
        const start = chunk.indexOf(MLLP_START, i);
        discardedBytes += (start === -1 ? chunk.length : start) - i;
        if (start === -1) break;
        this.startFrame();
        i = start + 1;
        continue;
      }
      if (this.pendingEnd) {
        this.pendingEnd = false;
        if (chunk[i] === MLLP_TRAILER) {
          frames.push(this.finishFrame());
          i += 1;
          continue;
        }
        this.append(Buffer.of(MLLP_END));
      }
      const restart = chunk.indexOf(MLLP_START, i);
      const end = this.findEnd(chunk, i, restart === -1 ? chunk.length : restart);
      if (end.kind === 'complete') {
        this.append(chunk.subarray(i, end.at));
        frames.push(this.finishFrame());
        i = end.at + 2;
      } else if (restart !== -1) {
        // A new frame starts before this one ended: what we had is lost, and said so.
        discardedBytes += this.size + (restart - i);
        this.startFrame();
        i = restart + 1;
      } else {
        this.append(chunk.subarray(i, end.kind === 'fs-at-end' ? chunk.length - 1 : chunk.length));
        this.pendingEnd = end.kind === 'fs-at-end';
        i = chunk.length;
      }
    }
    return { frames, discardedBytes };
  }

  /** Where FS CR is in chunk[from, to): complete, FS as the chunk's last byte (CR may follow in the next chunk), or none. */
  private findEnd(chunk: Buffer, from: number, to: number): { kind: 'complete'; at: number } | { kind: 'fs-at-end' } | { kind: 'none' } {
    // Searched within [from, to) only: scanning on to the chunk's end for every restart made a run of start bytes quadratic.
    const window = chunk.subarray(0, to);
    for (let at = window.indexOf(MLLP_END, from); at !== -1; at = window.indexOf(MLLP_END, at + 1)) {
      if (at === chunk.length - 1) return { kind: 'fs-at-end' };
      if (chunk[at + 1] === MLLP_TRAILER) return { kind: 'complete', at };
    }
    return { kind: 'none' };
  }

  private startFrame(): void {
    this.parts = [];
    this.size = 0;
    this.inFrame = true;
    this.pendingEnd = false;
  }

  private append(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.size += bytes.length;
    if (this.size > this.maxFrameBytes) {
      const size = this.size;
      this.inFrame = false;
      this.parts = [];
      this.size = 0;
      throw new MllpError('FRAME_TOO_LARGE', `more than ${this.maxFrameBytes} bytes (${size} so far)`);
    }
    this.parts.push(bytes);
  }

  private finishFrame(): Buffer {
    const frame = Buffer.concat(this.parts, this.size);
    this.parts = [];
    this.size = 0;
    this.inFrame = false;
    return frame;
  }
}
