/** The pure crypto layer of the signatures module (no database, no Nest). */
export * from './crypto.errors';
export { OID } from './oids';
export {
  type CertificateInfo,
  type CertificateExtension,
  type KeyUsageName,
  parseCertificate,
  derToPem,
  pemToDer,
  certificateDer,
  pemBlocks,
  keyIdentifier,
} from './certificate';
export { type ChainResult, validateChain } from './chain';
export * from './pki';
export * from './cms';
export * from './tsa';
export * from './crl';
export * from './seal';
