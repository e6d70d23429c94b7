/**
 * Typed failures of the crypto layer. They are plain Errors (no Nest, no HTTP): the signatures service maps them to
 * its domain error codes. Failed *verification* checks are not errors; they are booleans in the result objects.
 */

/** The signing PIN (or a PKCS#12 password) does not open the key. */
export class WrongPinError extends Error {
  readonly code = 'wrong_pin' as const;

  constructor(message = 'the PIN does not open this private key') {
    super(message);
    this.name = 'WrongPinError';
  }
}

/** A key of a type or size this layer does not accept. */
export class UnsupportedKeyError extends Error {
  readonly code = 'unsupported_key' as const;

  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedKeyError';
  }
}
