export type MllpErrorCode = 'FRAME_TOO_LARGE' | 'CONNECTION_REFUSED' | 'CONNECT_TIMEOUT' | 'CONNECTION_FAILED' | 'ACK_TIMEOUT' | 'CLOSED_BEFORE_ACK' | 'CLIENT_CLOSED';

/** Transport failures, one code each, so the outbox can tell "retry later" (all of them) from a message the peer refused (an ACK). */
export class MllpError extends Error {
  constructor(
    readonly code: MllpErrorCode,
    detail?: string,
    options?: { cause?: unknown },
  ) {
    super(detail ? `${MllpError.describe(code)}: ${detail}` : MllpError.describe(code), options);
    this.name = 'MllpError';
  }

  static describe(code: MllpErrorCode): string {
    switch (code) {
      case 'FRAME_TOO_LARGE':
        return 'MLLP frame larger than the limit';
      case 'CONNECTION_REFUSED':
        return 'The peer refused the connection';
      case 'CONNECT_TIMEOUT':
        return 'No connection within the connect timeout';
      case 'CONNECTION_FAILED':
        return 'Could not connect';
      case 'ACK_TIMEOUT':
        return 'No acknowledgement within the ACK timeout';
      case 'CLOSED_BEFORE_ACK':
        return 'The connection closed before the acknowledgement arrived';
      case 'CLIENT_CLOSED':
        return 'The client was closed';
    }
  }
}
