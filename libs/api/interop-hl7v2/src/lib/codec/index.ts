export { buildAck, HL7_ERROR_CODES, type Hl7AckCode, type Hl7AckError, type Hl7AckOptions, type Hl7ErrorCode, type Hl7ErrorLocation } from './ack';
export { BENHAN_HL7_VERSION, Hl7MessageBuilder, newControlId, repeat, type Hl7ComponentInput, type Hl7FieldInput, type Hl7HeaderInput, type Hl7RepeatedInput, type Hl7RepetitionInput, type Hl7Value } from './builder';
export { BENHAN_CHARSET, decodeHl7Bytes, encodeHl7Text, type DecodedHl7, type Hl7Encoding } from './charset';
export { DEFAULT_DELIMITERS, type Hl7Delimiters } from './delimiters';
export { escapeText, unescapeText } from './escape';
export { Hl7ParseError, type Hl7ParseErrorCode } from './hl7.errors';
export { Hl7Message, Hl7Segment, type Hl7ComponentValue, type Hl7GetOptions, type Hl7MessageType, type Hl7ParseOptions, type Hl7Repeated, type Hl7RepetitionValue, type Hl7StructuredValue } from './message';
export { parseHl7Path, type Hl7Path } from './path';
export { formatHl7Timestamp, parseHl7Timestamp, VIETNAM_OFFSET, type Hl7FormatOptions, type Hl7TimestampOptions } from './timestamp';
