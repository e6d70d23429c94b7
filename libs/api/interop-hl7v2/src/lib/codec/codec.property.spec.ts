import fc from 'fast-check';
import { buildAck } from './ack';
import { Hl7MessageBuilder, repeat, type Hl7ComponentInput, type Hl7FieldInput, type Hl7RepetitionInput } from './builder';
import { Hl7ParseError } from './hl7.errors';
import { Hl7Message } from './message';

// Property-based tests (fast-check): a failure prints its seed and path; rerun it with FC_SEED=<seed> (see README "Tests").
const seed = process.env['FC_SEED'] === undefined ? {} : { seed: Number(process.env['FC_SEED']) };

/** Characters that matter to the codec: delimiters, segment ends, escape bodies, Vietnamese with diacritics, a BOM, an astral character. */
const TRICKY = ['|', '^', '~', '\\', '&', '#', '\r', '\n', 'F', 'S', 'T', 'R', 'E', 'X', '0', 'D', '.br', 'A', 'Z', 'M', 'H', 'MSH', ' ', '\t', '"', 'ệ', 'Ư', 'ờ', 'Đ', '\uFEFF', '😀', '\x0b', '\x1c', '\x85'];
const trickyText = fc.array(fc.oneof(fc.constantFrom(...TRICKY), fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 40 }).map((parts) => parts.join(''));

/** Hostile bytes: random, or text that starts like a message ("MSH" and delimiters of its own) and goes on with tricky characters. */
const hostileBytes = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
  fc.tuple(fc.constantFrom('', '\uFEFF', '\r\n', '  '), fc.string({ unit: 'binary', minLength: 0, maxLength: 6 }), trickyText, fc.array(trickyText, { maxLength: 6 })).map(([lead, msh2, header, rest]) =>
    Buffer.from(`${lead}MSH${msh2}${header}\r${rest.join('\r')}`, 'utf8'),
  ),
  fc.tuple(fc.constantFrom('|^~\\&', '|^~\\&#', '|^~', '#$%^&', '|😀', '|^😀', '|^~\\\\&'), fc.array(trickyText, { maxLength: 20 })).map(([delims, fields]) => Buffer.from(`MSH${delims}|${fields.join('|')}\rPID|${fields.join('^')}\r`, 'utf8')),
);

/** Reads a parsed message the way the inbound path does: header, every field as structure, the ACK, the bytes back. */
function exercise(msg: Hl7Message): void {
  // MSH-2 declared at least components and repetitions: both are real separators.
  expect([typeof msg.delimiters.component, typeof msg.delimiters.repetition]).toEqual(['string', 'string']);
  void [msg.messageType, msg.version, msg.controlId, msg.declaredCharset, msg.toString(), msg.toBuffer()];
  for (const segment of msg.segments()) {
    // The first fields and one past the last: enough to read every shape, and bounded for a segment of 100 000 empty fields.
    for (let field = 1; field <= Math.min(segment.fieldCount + 1, 40); field++) void [segment.value(field), segment.repetitionCount(field), segment.get(`${field}[2].2.2`)];
  }
  const ack = Hl7Message.parse(buildAck(msg, { code: 'AE', text: 'x', error: { code: 102, location: { segment: 'PID', sequence: 1, field: 3 } } }).toBuffer());
  expect(ack.get('MSA-2')).toBe(msg.controlId.replace(/\r\n/g, '\n'));
}

function expectHl7ParseErrorOrMessage(input: Buffer | string): void {
  let msg: Hl7Message;
  try {
    msg = Hl7Message.parse(input);
  } catch (error) {
    if (error instanceof Hl7ParseError) return;
    throw error;
  }
  exercise(msg);
  expect(Hl7Message.parseHeader(input)).not.toBeNull();
}

describe('HL7 v2 codec (property-based)', () => {
  it('reads any bytes as a message or refuses them with Hl7ParseError, and a message read can be used and acknowledged', () => {
    fc.assert(
      fc.property(hostileBytes, (bytes) => expectHl7ParseErrorOrMessage(bytes)),
      { numRuns: 2000, ...seed },
    );
  });

  it('reads pathological runs of delimiters and escape characters in linear time', () => {
    const run = 100_000;
    for (const c of ['\\', '^', '~', '&', '|', '\r', '\\X', '\\X0', '\\E', '\\.br']) {
      const filler = c.repeat(Math.ceil(run / c.length));
      const bytes = Buffer.from(`MSH|^~\\&|${filler}|B|C|D|20261128||ORU^R01|${filler}|P|2.5.1\rOBX|1|ST|${filler}^${filler}||${filler}\r`, 'utf8');
      const started = performance.now();
      expectHl7ParseErrorOrMessage(bytes);
      // Linear work on ~500 kB is milliseconds; a quadratic scan would take seconds.
      expect([c, performance.now() - started < 2000]).toEqual([c, true]);
    }
  });

  /** A leaf value as the codec reads it back: CR LF is written as one line break (`\.br\`), read back as LF. */
  const readBack = (value: string) => value.replace(/\r\n/g, '\n');
  const leaf = fc.oneof(trickyText, fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom('', '""', 'Nguyễn Thị Hường', 'Kết luận: bình thường'));
  const component = fc.oneof(leaf, fc.array(leaf, { minLength: 1, maxLength: 4 }));
  const repetition = fc.oneof(leaf, fc.array(component, { minLength: 1, maxLength: 5 }));
  const field = fc.oneof(repetition, fc.array(repetition, { minLength: 1, maxLength: 3 }).map((reps) => repeat(...reps)));

  /** The leaf at (repetition, component, sub-component) of a field given to the builder, '' when absent. */
  function leafOf(input: Hl7FieldInput, r: number, c: number, s: number): string {
    const rep: Hl7RepetitionInput | undefined = typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as { repetitions: Hl7RepetitionInput[] }).repetitions[r - 1] : r === 1 ? (input as Hl7RepetitionInput) : undefined;
    const comp: Hl7ComponentInput | undefined = Array.isArray(rep) ? rep[c - 1] : c === 1 ? (rep as Hl7ComponentInput) : undefined;
    const value = Array.isArray(comp) ? comp[s - 1] : s === 1 ? comp : undefined;
    return typeof value === 'string' ? readBack(value) : '';
  }

  it('reads back every value the builder wrote, whatever delimiters, line breaks and Vietnamese text it holds', () => {
    fc.assert(
      fc.property(leaf, leaf, leaf, fc.array(field, { minLength: 1, maxLength: 8 }), (application, facility, controlId, fields) => {
        const builder = new Hl7MessageBuilder({ sendingApplication: application, sendingFacility: facility, messageType: { code: 'ORU', trigger: 'R01', structure: 'ORU_R01' }, controlId }).segment('OBX', fields);
        const msg = Hl7Message.parse(builder.toBuffer());
        expect([msg.get('MSH-3'), msg.get('MSH-4'), msg.controlId, msg.get('MSH-9.2'), msg.version, msg.declaredCharset]).toEqual([readBack(application), readBack(facility), readBack(controlId), 'R01', '2.5.1', 'UNICODE UTF-8']);
        const obx = msg.segments('OBX');
        expect(obx).toHaveLength(1);
        const [got, want]: string[][] = [[], []];
        fields.forEach((input, i) => {
          for (let r = 1; r <= 3; r++) {
            for (let c = 1; c <= 5; c++) {
              for (let s = 1; s <= 4; s++) {
                got.push(`${i + 1}[${r}].${c}.${s} ${obx[0].get({ segment: 'OBX', field: i + 1, repetition: r, component: c, subComponent: s })}`);
                want.push(`${i + 1}[${r}].${c}.${s} ${leafOf(input, r, c, s)}`);
              }
            }
          }
        });
        expect(got).toEqual(want);
        // A field copied through value() into another message is written the same way.
        const copy = new Hl7MessageBuilder({ sendingApplication: 'X', messageType: { code: 'ORU', trigger: 'R01' } }).segment('OBX', fields.map((_, i) => obx[0].value(i + 1))).build();
        expect(copy.segments('OBX')[0].toString()).toBe(obx[0].toString());
      }),
      { numRuns: 500, ...seed },
    );
  });
});
