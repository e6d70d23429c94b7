/** Configuration of the signatures module (from the app's environment). */
export interface SignaturesOptions {
  /** Encrypts the facility CA, seal and TSA private keys at rest (PKI_KEY_SECRET; generated into DATA_DIR in development). */
  keySecret: string;
  /** The URL outsiders reach Benhan at; certificates name `<publicUrl>/api/pki/crl` as their CRL distribution point. */
  publicUrl: string;
  /** Years a user's signing certificate is valid. */
  userCertificateYears: number;
}

export const SIGNATURES_OPTIONS = Symbol('SIGNATURES_OPTIONS');
