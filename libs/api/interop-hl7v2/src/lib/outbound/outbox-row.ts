import type { Hl7MessageEntity } from '../inbound/hl7-message.entity';

/** What tells one outbound message from another: the rest of a new outbox row is the same for all. */
export type OutboundMessage = Pick<
  Hl7MessageEntity,
  'facilityId' | 'destination' | 'messageType' | 'controlId' | 'sendingApplication' | 'sendingFacility' | 'patientId' | 'orderId' | 'encounterId' | 'event' | 'raw'
>;

/** A message as it enters the outbox (built for an event, or an administrator's copy of one): pending, due now. */
export function pendingOutboundRow(message: OutboundMessage, at: Date, replay?: { ofId: string; by: string }): Partial<Hl7MessageEntity> {
  return {
    ...message,
    direction: 'outbound',
    status: 'pending',
    clientId: null,
    reportIds: [],
    ackCode: null,
    encoding: 'utf-8',
    attempts: 0,
    nextAttemptAt: at,
    receivedAt: at,
    processedAt: null,
    replayOfId: replay?.ofId ?? null,
    replayedBy: replay?.by ?? null,
  };
}
