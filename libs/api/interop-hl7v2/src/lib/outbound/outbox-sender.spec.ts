import { readAck } from './outbox-sender.service';

const ack = (msa: string, extra = '') => Buffer.from(`MSH|^~\\&|LIS|LAB|BENHAN|01999|20261128101500+0700||ACK^O21^ACK|A1|P|2.5.1\r${msa}\r${extra}`, 'utf8');

describe('readAck: what one delivery attempt came to', () => {
  it('AA and CA deliver', () => {
    expect(readAck(ack('MSA|AA|C1'), 'C1')).toEqual(expect.objectContaining({ delivered: true, refused: false, ackCode: 'AA', reason: null }));
    expect(readAck(ack('MSA|CA|C1'), 'C1')).toEqual(expect.objectContaining({ delivered: true, ackCode: 'AA' }));
  });

  it('AE is retried, with the reason from MSA-3 and ERR-8', () => {
    const outcome = readAck(ack('MSA|AE|C1|Unknown test', 'ERR||OBR^1^4|103^Table value not found^HL70357|E||||Mã dịch vụ XN-ZZZ không có trong danh mục'), 'C1');
    expect(outcome).toEqual(expect.objectContaining({ delivered: false, refused: false, ackCode: 'AE' }));
    expect(outcome.reason).toBe('Unknown test; Mã dịch vụ XN-ZZZ không có trong danh mục');
  });

  it('AR and CR refuse: retrying the same message is pointless', () => {
    expect(readAck(ack('MSA|AR|C1|Unsupported message type'), 'C1')).toEqual(expect.objectContaining({ delivered: false, refused: true, ackCode: 'AR', reason: 'Unsupported message type' }));
    expect(readAck(ack('MSA|CR|C1'), 'C1')).toEqual(expect.objectContaining({ refused: true, reason: 'CR without a reason' }));
  });

  it('an ACK for another message, an unknown code or an unreadable one is retried as if none had come', () => {
    expect(readAck(ack('MSA|AA|OTHER'), 'C1')).toEqual(expect.objectContaining({ delivered: false, refused: false, ackCode: null, reason: 'the ACK answers OTHER (MSA-2), not C1' }));
    expect(readAck(ack('MSA|ZZ|C1'), 'C1')).toEqual(expect.objectContaining({ delivered: false, refused: false, reason: 'MSA-1 "ZZ" is not an acknowledgement code' }));
    expect(readAck(Buffer.from('garbage'), 'C1')).toEqual(expect.objectContaining({ delivered: false, refused: false, ackCode: null }));
    expect(readAck(Buffer.from('garbage'), 'C1').reason).toMatch(/^unreadable ACK/);
  });
});
