// MLLP framing (HL7 v2 Implementation Guide, appendix C): 0x0B <message> 0x1C 0x0D.
'use strict';

const START_BLOCK = 0x0b;
const END_BLOCK = 0x1c;
const CARRIAGE_RETURN = 0x0d;
/** A peer that never closes a frame must not make the simulator grow without bound. */
const MAX_FRAME_BYTES = 16 * 1024 * 1024;

/** The frame around one message, UTF-8 as MSH-18 says. */
function frame(text) {
  return Buffer.concat([Buffer.of(START_BLOCK), Buffer.from(text, 'utf8'), Buffer.of(END_BLOCK, CARRIAGE_RETURN)]);
}

/**
 * Cuts a TCP stream into frames. Works on bytes and decodes nothing: a read may end inside a frame, inside its end
 * marker or inside a multi-byte UTF-8 character, and one read may hold several frames.
 */
class FrameDecoder {
  constructor() {
    this.buffer = Buffer.alloc(0);
  }

  /** Adds a chunk and returns the payloads of the frames it completed, in order. */
  push(chunk) {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    const frames = [];
    for (;;) {
      const start = this.buffer.indexOf(START_BLOCK);
      if (start === -1) {
        // Bytes outside a frame (keep-alive newlines, noise) are not a message.
        this.buffer = Buffer.alloc(0);
        break;
      }
      let end = this.buffer.indexOf(END_BLOCK, start + 1);
      while (end !== -1 && end + 1 < this.buffer.length && this.buffer[end + 1] !== CARRIAGE_RETURN) end = this.buffer.indexOf(END_BLOCK, end + 1);
      if (end === -1 || end + 1 >= this.buffer.length) {
        this.buffer = this.buffer.subarray(start);
        if (this.buffer.length > MAX_FRAME_BYTES) throw new Error(`An MLLP frame longer than ${MAX_FRAME_BYTES} bytes`);
        break;
      }
      frames.push(Buffer.from(this.buffer.subarray(start + 1, end)));
      this.buffer = this.buffer.subarray(end + 2);
    }
    return frames;
  }
}

module.exports = { START_BLOCK, END_BLOCK, CARRIAGE_RETURN, frame, FrameDecoder };
