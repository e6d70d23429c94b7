export type Hl7ParseErrorCode = 'NO_MSH' | 'BAD_DELIMITERS' | 'BAD_SEGMENT_NAME' | 'BAD_PATH' | 'BAD_TIMESTAMP';

/** Raised by the codec for input it cannot read; `code` lets a caller choose the ACK (AR for a broken envelope). */
export class Hl7ParseError extends Error {
  constructor(
    readonly code: Hl7ParseErrorCode,
    detail: string,
  ) {
    super(`${Hl7ParseError.describe(code)}: ${detail}`);
    this.name = 'Hl7ParseError';
  }

  static describe(code: Hl7ParseErrorCode): string {
    switch (code) {
      case 'NO_MSH':
        return 'The message does not start with an MSH segment';
      case 'BAD_DELIMITERS':
        return 'MSH-1/MSH-2 do not declare usable delimiters';
      case 'BAD_SEGMENT_NAME':
        return 'A segment name is not three letters or digits';
      case 'BAD_PATH':
        return 'Not an HL7 field path';
      case 'BAD_TIMESTAMP':
        return 'Not an HL7 DTM timestamp';
    }
  }
}
