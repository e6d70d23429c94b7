import { Hl7Message as MedplumHl7Message } from '@medplum/core';
import { Message as NodeHl7ClientMessage } from 'node-hl7-client';
import { escapeText } from './escape';
import { DEFAULT_DELIMITERS } from './delimiters';
import { Hl7MessageBuilder, repeat } from './builder';
import { Hl7Message, type Hl7Segment } from './message';

/** An ORU^R01 as Benhan would send one: Vietnamese names, repetitions, sub-components, delimiters inside values, a multi-line FT. */
function sampleOru(): Hl7MessageBuilder {
  return new Hl7MessageBuilder({
    sendingApplication: ['BENHAN', '1.2.840.10008.9.1', 'ISO'],
    sendingFacility: 'BV_DA_KHOA_TINH',
    receivingApplication: 'LIS',
    receivingFacility: 'KHOA_XET_NGHIEM',
    messageType: { code: 'ORU', trigger: 'R01', structure: 'ORU_R01' },
    controlId: 'BH0000000001',
    dateTime: new Date('2026-11-28T08:30:00Z'),
    acceptAckType: 'AL',
    applicationAckType: 'NE',
  })
    .segment('PID', ['1', '', repeat(['BN-000123', '', '', ['BENHAN', '1.2.3', 'ISO'], 'MR'], ['079190000001', '', '', 'BCA', 'NNVN']), '', ['NGUYỄN', 'THỊ HƯỜNG'], '', '19850214', 'F', '', '', ['12 Lê Lợi', '', 'Huế', 'Thừa Thiên Huế', '', 'VNM']])
    .segment('OBR', ['1', 'ORD-1', 'FIL-1', ['24331-1', 'Lipid panel', 'LN'], '', '', new Date('2026-11-28T01:00:00Z')])
    .segment('OBX', ['1', 'NM', ['2093-3', 'Cholesterol [Mass/volume]', 'LN'], '', '5.2', ['mmol/L', '', 'UCUM'], '<5.2', 'H', '', '', 'F'])
    .segment('OBX', ['2', 'ST', ['X-1', 'Free text', 'L'], '', 'A|B^C&D~E\\F', '', '', '', '', '', 'F'])
    .segment('OBX', ['3', 'FT', ['X-2', 'Kết luận', 'L'], '', 'Dòng một\nDòng hai: đường huyết bình thường', '', '', '', '', '', 'F']);
}

/** Every leaf of our parse: [segment index, field, repetition, component, sub-component, value] — the grid the peers must agree on. */
function leaves(msg: Hl7Message): [number, number, number, number, number, string][] {
  const out: [number, number, number, number, number, string][] = [];
  msg.segments().forEach((segment, index) => {
    // MSH-1 and MSH-2 are the delimiters, not values: compared on their own.
    for (let field = segment.name === 'MSH' ? 3 : 1; field <= segment.fieldCount; field++) walkField(segment, field, (r, c, s, value) => out.push([index, field, r, c, s, value]));
  });
  return out;
}

function walkField(segment: Hl7Segment, field: number, visit: (r: number, c: number, s: number, value: string) => void): void {
  const d = DEFAULT_DELIMITERS;
  const raw = segment.raw(field);
  raw.split(d.repetition).forEach((rep, r) =>
    rep.split(d.component).forEach((comp, c) =>
      comp.split(d.subComponent ?? '&').forEach((_, s) => visit(r + 1, c + 1, s + 1, segment.get({ segment: segment.name, field, repetition: r + 1, component: c + 1, subComponent: s + 1 }))),
    ),
  );
}

describe(Hl7MessageBuilder.name, () => {
  it('writes v2.5.1 with UNICODE UTF-8 in MSH-18, escaping what the values contain', () => {
    const text = sampleOru().toString();
    expect(text.split('\r')[0]).toBe('MSH|^~\\&|BENHAN^1.2.840.10008.9.1^ISO|BV_DA_KHOA_TINH|LIS|KHOA_XET_NGHIEM|20261128153000+0700||ORU^R01^ORU_R01|BH0000000001|P|2.5.1|||AL|NE||UNICODE UTF-8');
    expect(text).toContain('\rOBX|2|ST|X-1^Free text^L||A\\F\\B\\S\\C\\T\\D\\R\\E\\E\\F||||||F\r');
    expect(text).toContain('||Dòng một\\.br\\Dòng hai');
    expect(text.endsWith('\r')).toBe(true);
  });

  it('round-trips Vietnamese names and text through UTF-8 bytes', () => {
    const bytes = sampleOru().toBuffer();
    const msg = Hl7Message.parse(bytes);
    expect(msg.declaredCharset).toBe('UNICODE UTF-8');
    expect(`${msg.get('PID-5.1')}^${msg.get('PID-5.2')}`).toBe('NGUYỄN^THỊ HƯỜNG');
    expect(msg.get('PID-11.4')).toBe('Thừa Thiên Huế');
    expect(msg.get('OBX-5', { segmentIndex: 2 })).toBe('Dòng một\nDòng hai: đường huyết bình thường');
    expect(msg.toBuffer().equals(bytes)).toBe(true);
  });

  it('reads back its own values, repetitions and sub-components', () => {
    const msg = sampleOru().build();
    expect(msg.get('PID-3[2].1')).toBe('079190000001');
    expect(msg.get('PID-3.4.2')).toBe('1.2.3');
    expect(msg.get('OBX-5', { segmentIndex: 1 })).toBe('A|B^C&D~E\\F');
    expect(msg.get('OBR-7')).toBe('20261128080000+0700');
    expect(msg.controlId).toBe('BH0000000001');
  });

  it('leaves out trailing empty fields and components, and writes null/undefined as empty', () => {
    const text = new Hl7MessageBuilder({ sendingApplication: 'A', messageType: { code: 'ADT', trigger: 'A08' }, controlId: '1', dateTime: new Date(0) })
      .segment('PV1', ['1', null, ['W1', '', undefined, ''], '', undefined])
      .segment('NTE', ['1', '', '""'])
      .toString();
    expect(text).toBe('MSH|^~\\&|A||||19700101070000+0700||ADT^A08|1|P|2.5.1||||||UNICODE UTF-8\rPV1|1||W1\rNTE|1||""\r');
  });

  it('generates a fresh 20-character control id when none is given', () => {
    const a = new Hl7MessageBuilder({ sendingApplication: 'A', messageType: { code: 'ADT', trigger: 'A08' } });
    const b = new Hl7MessageBuilder({ sendingApplication: 'A', messageType: { code: 'ADT', trigger: 'A08' } });
    expect(a.controlId).toMatch(/^[0-9A-F]{20}$/);
    expect(a.controlId).not.toBe(b.controlId);
  });

  it('refuses a segment name that is not three letters or digits, or a second MSH', () => {
    const builder = new Hl7MessageBuilder({ sendingApplication: 'A', messageType: { code: 'ADT', trigger: 'A08' } });
    expect(() => builder.segment('pid', [])).toThrow(expect.objectContaining({ code: 'BAD_SEGMENT_NAME' }));
    expect(() => builder.segment('MSH', [])).toThrow(expect.objectContaining({ code: 'BAD_SEGMENT_NAME' }));
  });

  describe('read by two independent parsers', () => {
    const text = sampleOru().toString();
    const ours = Hl7Message.parse(text);
    const grid = leaves(ours);

    it('has a grid worth comparing', () => {
      expect(grid.length).toBeGreaterThan(60);
      expect(grid.filter(([, , r]) => r === 2).length).toBeGreaterThan(3);
      expect(grid.filter(([, , , , s]) => s === 3).length).toBeGreaterThan(0);
    });

    it('@medplum/core 4.5.2 reads the same segments and every leaf the same (it leaves escapes as sent)', () => {
      const medplum = MedplumHl7Message.parse(text);
      // Medplum keeps the empty text after the final CR as a nameless segment.
      expect(medplum.segments.map((s) => s.name).filter((name) => name !== '')).toEqual(ours.segments().map((s) => s.name));
      expect(medplum.getSegment('MSH')?.getField(1).toString()).toBe('|');
      expect(medplum.getSegment('MSH')?.getField(2).toString()).toBe('^~\\&');
      for (const [index, field, r, c, s, value] of grid) {
        const theirs = medplum.segments[index].getComponent(field, c, s - 1, r - 1);
        expect([ours.segments()[index].name, field, r, c, s, theirs]).toEqual([ours.segments()[index].name, field, r, c, s, escapeText(value, DEFAULT_DELIMITERS)]);
      }
    });

    it('node-hl7-client 3.2.0 reads every leaf the same, unescaped', () => {
      const peer = new NodeHl7ClientMessage({ text });
      for (const [index, field, r, c, s, value] of grid) {
        const segment = ours.segments()[index];
        const occurrence = ours.segments(segment.name).indexOf(segment);
        // Its path lookups ('OBX.5') only reach the first segment of a name, so walk its tree by 0-based child indexes; a segment's
        // children are its split on '|', which for MSH is one short of the standard's numbering (MSH-1 is the separator).
        const child = segment.name === 'MSH' ? field - 1 : field;
        const theirs = peer.get(segment.name).get(occurrence).get(child).get(r - 1).get(c - 1).get(s - 1).toString();
        // It decodes the delimiter escapes but leaves the FT formatting command \.br\ as sent; we read it as a line break.
        expect([segment.name, field, r, c, s, theirs]).toEqual([segment.name, field, r, c, s, value.replace(/\n/g, '\\.br\\')]);
      }
      expect(peer.get('MSH.9.2').toString()).toBe('R01');
      expect(peer.get('MSH.10').toString()).toBe('BH0000000001');
      expect(peer.get('MSH.12').toString()).toBe('2.5.1');
      expect(peer.get('PID.5.1').toString()).toBe('NGUYỄN');
      expect(peer.get('PID.5.2').toString()).toBe('THỊ HƯỜNG');
    });
  });
});
