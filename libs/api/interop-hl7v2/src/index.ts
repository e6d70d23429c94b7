// Pure HL7 v2 layers, free of Benhan's domain: the message codec and the MLLP transport. The NestJS module, outbox and message
// log that use them belong to the domain wiring.
export * from './lib/codec';
export * from './lib/mllp';
