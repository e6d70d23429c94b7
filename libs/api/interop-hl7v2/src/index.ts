// The pure HL7 v2 layers (the message codec and the MLLP transport), and the NestJS module that uses them in the API:
// the MLLP listener for ORU^R01, the outbox for orders and ADT, the message log and its administrators' routes.
export * from './lib/codec';
export * from './lib/mllp';
export { InteropHl7v2Module } from './lib/interop-hl7v2.module';
export type { Hl7v2Options, Hl7DestinationOptions, Hl7OutboxOptions } from './lib/hl7v2.options';
export { OutboxSender } from './lib/outbound/outbox-sender.service';
export { accessionNumber, studyInstanceUid } from './lib/outbound/outbound-messages';
export { MllpListener } from './lib/inbound/mllp-listener.service';
export { Hl7InboundService, type InboundContext, type InboundOutcome } from './lib/inbound/hl7-inbound.service';
export { Hl7MessageEntity } from './lib/inbound/hl7-message.entity';
