import type { InterfaceMessageDetail, InterfaceMessageSummary } from '@benhan/shared/contracts';
import { decodeHl7Bytes } from '../codec/charset';
import type { Hl7MessageEntity } from '../inbound/hl7-message.entity';

export function toSummary(m: Hl7MessageEntity): InterfaceMessageSummary {
  return {
    id: m.id,
    direction: m.direction,
    status: m.status,
    messageType: m.messageType,
    controlId: m.controlId,
    destination: m.destination,
    attempts: m.attempts,
    nextAttemptAt: m.nextAttemptAt?.toISOString() ?? null,
    sendingApplication: m.sendingApplication,
    sendingFacility: m.sendingFacility,
    clientId: m.clientId,
    patientId: m.patientId,
    orderId: m.orderId,
    reportIds: m.reportIds,
    ackCode: m.ackCode,
    reason: m.reason,
    errorLocation: m.errorLocation,
    receivedAt: m.receivedAt.toISOString(),
    processedAt: m.processedAt?.toISOString() ?? null,
    statusChangedAt: m.statusChangedAt?.toISOString() ?? null,
    replayOfId: m.replayOfId,
    replacedById: m.replacedById,
    replayedBy: m.replayedBy,
  };
}

export function toDetail(m: Hl7MessageEntity, replays: Hl7MessageEntity[]): InterfaceMessageDetail {
  return {
    ...toSummary(m),
    text: decodeAs(m.raw, m.encoding),
    encoding: m.encoding,
    ackText: m.ack ? m.ack.toString('utf8') : null,
    replays: replays.map(toSummary),
  };
}

/** The raw bytes in the charset they were read with (the ACK is always ours: UTF-8). */
function decodeAs(raw: Buffer, encoding: string): string {
  if (encoding === 'latin1') return raw.toString('latin1');
  if (encoding === 'windows-1252') return decodeHl7Bytes(raw).text;
  return raw.toString('utf8');
}
