/**
 * The organisation seal for PAdES (ETSI EN 319 142-1 baseline B-T): a detached CMS over the PDF's signed bytes,
 * signed attributes contentType (id-data), messageDigest and signingCertificateV2 and no signingTime (PAdES takes
 * the claimed time from the signature dictionary's /M), plus an RFC 3161 signature time-stamp as the unsigned
 * attribute id-aa-signatureTimeStampToken.
 */
import { createHash, randomBytes } from 'node:crypto';

import { addUnsignedTimestamp, buildSignedData } from './cms';
import { OID } from './oids';
import { type Issuer } from './pki';
import { timestampSignature } from './tsa';

export interface SealCmsInput {
  /** The bytes sealed: for a PDF, the whole file but the /Contents hex string. */
  content: Buffer;
  /** The facility's organisation seal: certificate and key. */
  seal: Issuer;
  /** CA certificates above the seal and the TSA (issuing CA, root), embedded in the CMS and in the token. */
  chain: readonly string[];
  /** The facility's time-stamping authority. */
  tsa: Issuer;
  /** The time-stamp's genTime. */
  at: Date;
  /** The token's serial number; default 16 random bytes (as user signatures get). */
  serial?: number | bigint | Buffer;
}

/** DER ContentInfo(SignedData), detached, PAdES B-T. */
export function sealCms(input: SealCmsInput): Buffer {
  const cms = buildSignedData({
    contentType: OID.data,
    contentDigest: createHash('sha256').update(input.content).digest(),
    signerCertificate: input.seal.certificatePem,
    chain: input.chain,
    privateKey: input.seal.privateKey,
  });
  const token = timestampSignature(cms, {
    tsaCertificate: input.tsa.certificatePem,
    tsaKey: input.tsa.privateKey,
    chain: input.chain,
    time: input.at,
    serial: input.serial ?? randomBytes(16),
  });
  return addUnsignedTimestamp(cms, token);
}
