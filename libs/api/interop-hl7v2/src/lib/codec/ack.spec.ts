import { Hl7Message as MedplumHl7Message } from '@medplum/core';
import { Message as NodeHl7ClientMessage } from 'node-hl7-client';
import { hl7v2FixtureNames, readHl7v2Fixture } from '../../testing/fixtures';
import { buildAck } from './ack';
import { Hl7Message } from './message';

const at = new Date('2026-11-28T03:00:00Z');

describe('buildAck', () => {
  const inbound = Hl7Message.parse(readHl7v2Fixture('oru_r01_v251_nist_lri_cbc.hl7'));

  it('accepts (AA) with sender and receiver swapped, ACK^<trigger>^ACK, a fresh control id and MSA-2 = the inbound MSH-10', () => {
    const ack = buildAck(inbound, { code: 'AA', dateTime: at }).build();
    expect(ack.get('MSH-3')).toBe(inbound.get('MSH-5'));
    expect(ack.get('MSH-4')).toBe(inbound.get('MSH-6'));
    expect(ack.get('MSH-5')).toBe('NIST Test Lab APP');
    expect(ack.get('MSH-6')).toBe('NIST Lab Facility');
    expect(ack.get('MSH-7')).toBe('20261128100000+0700');
    expect(ack.header.raw(9)).toBe('ACK^R01^ACK');
    expect(ack.controlId).toMatch(/^[0-9A-F]{20}$/);
    expect(ack.get('MSH-11')).toBe('T');
    expect(ack.version).toBe('2.5.1');
    expect(ack.get('MSH-18')).toBe('UNICODE UTF-8');
    expect(ack.segments().map((s) => s.name)).toEqual(['MSH', 'MSA']);
    expect([ack.get('MSA-1'), ack.get('MSA-2')]).toEqual(['AA', 'NIST-LRI-NG-002.00']);
  });

  it('keeps composite sender/receiver ids whole, re-encoded in our delimiters', () => {
    const elr = Hl7Message.parse(readHl7v2Fixture('oru_r01_v251_nist_elr_lead.hl7'));
    const ack = buildAck(elr, { code: 'AA' }).build();
    expect(ack.header.raw(3)).toBe('PH Application^2.16.840.1.113883.3.72.7.3^HL7');
    expect(ack.header.raw(6)).toBe('EHR Facility^2.16.840.1.113883.3.72.7.2^HL7');
  });

  it('re-escapes copied values for our delimiters when the sender used others', () => {
    const odd = Hl7Message.parse('MSH*:!/$*LAB:A^B*FAC*BENHAN*BV*20261128**ORU:R01*Z-1*P*2.3\r');
    const ack = buildAck(odd, { code: 'AA' });
    expect(ack.toString().split('\r')[0]).toMatch(/^MSH\|\^~\\&\|BENHAN\|BV\|LAB\^A\\S\\B\|FAC\|/);
    expect(ack.build().get('MSH-5.2')).toBe('A^B');
  });

  it.each([
    ['AE', 101, 'Required field missing', { segment: 'OBX', sequence: 3, field: 5 }, 'OBX^3^5'],
    ['AE', 103, 'Table value not found', { segment: 'OBX', sequence: 1, field: 11 }, 'OBX^1^11'],
    ['AE', 204, 'Unknown key identifier', { segment: 'OBR', sequence: 1, field: 2 }, 'OBR^1^2'],
    ['AR', 207, 'Application internal error', undefined, ''],
  ] as const)('reports %s %s with an ERR segment (location, HL7 table 0357 code, severity E, user message)', (code, errorCode, label, location, erl) => {
    const ack = buildAck(inbound, { code, text: `Lỗi: ${label}`, error: { code: errorCode, location, userMessage: 'Kết quả không khớp với chỉ định' } }).build();
    expect([ack.get('MSA-1'), ack.get('MSA-2'), ack.get('MSA-3')]).toEqual([code, 'NIST-LRI-NG-002.00', `Lỗi: ${label}`]);
    expect(ack.segment('ERR')?.raw(2)).toBe(erl);
    expect(ack.segment('ERR')?.raw(3)).toBe(`${errorCode}^${label}^HL70357`);
    expect(ack.get('ERR-4')).toBe('E');
    expect(ack.get('ERR-8')).toBe('Kết quả không khớp với chỉ định');
  });

  it('defaults an error ACK without details to 207 with the MSA-3 text as the user message', () => {
    const ack = buildAck(inbound, { code: 'AE', text: 'database unavailable' }).build();
    expect(ack.segment('ERR')?.raw(3)).toBe('207^Application internal error^HL70357');
    expect(ack.get('ERR-8')).toBe('database unavailable');
  });

  it('answers a message whose body does not parse from its header alone', () => {
    const bytes = Buffer.from('MSH|^~\\&|LIS|LAB|BENHAN|BV|20261128||ORU^R01^ORU_R01|C-77|P|2.5.1\rPID|1\r#broken line\r');
    expect(() => Hl7Message.parse(bytes)).toThrow();
    const ack = buildAck(Hl7Message.parseHeader(bytes), { code: 'AR', text: 'Segment 3 is not a segment', error: { code: 100 } }).build();
    expect([ack.get('MSH-5'), ack.header.raw(9), ack.get('MSA-1'), ack.get('MSA-2')]).toEqual(['LIS', 'ACK^R01^ACK', 'AR', 'C-77']);
    expect(ack.segment('ERR')?.raw(3)).toBe('100^Segment sequence error^HL70357');
  });

  it('answers bytes with no readable MSH at all, with an empty MSA-2', () => {
    const ack = buildAck(Hl7Message.parseHeader('not hl7'), { code: 'AR', text: 'No MSH segment', sendingApplication: 'BENHAN', sendingFacility: 'BV' }).build();
    expect([ack.get('MSH-3'), ack.get('MSH-4'), ack.get('MSH-5'), ack.header.raw(9), ack.get('MSA-1'), ack.get('MSA-2')]).toEqual(['BENHAN', 'BV', '', 'ACK^^ACK', 'AR', '']);
  });

  it('acknowledges every shared fixture, and both independent parsers read the ACK', () => {
    for (const name of hl7v2FixtureNames()) {
      const message = Hl7Message.parse(readHl7v2Fixture(name));
      const text = buildAck(message, { code: 'AE', text: 'x', error: { code: 207, location: { segment: 'MSH', sequence: 1, field: 10 } } }).toString();
      const medplum = MedplumHl7Message.parse(text);
      expect([name, medplum.getSegment('MSA')?.getComponent(2, 1)]).toEqual([name, message.controlId]);
      expect(medplum.getSegment('MSH')?.getComponent(9, 1)).toBe('ACK');
      expect(medplum.getSegment('ERR')?.getComponent(3, 1)).toBe('207');
      const peer = new NodeHl7ClientMessage({ text });
      expect([name, peer.get('MSA.1').toString(), peer.get('MSA.2').toString(), peer.get('MSH.9.2').toString()]).toEqual([name, 'AE', message.controlId, message.messageType.trigger]);
    }
  });
});
