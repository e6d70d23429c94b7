/**
 * An in-process RFC 3161 time-stamping authority (and its verifier). The token is a CMS SignedData whose eContent is
 * TSTInfo, signed attributes contentType = id-ct-TSTInfo, messageDigest and signingCertificateV2 (RFC 5816).
 * For a CAdES signature time-stamp the imprint is SHA-256 of the SignerInfo signature value (RFC 5126 / ETSI 319 122).
 */
import { createHash, type KeyObject } from 'node:crypto';

import {
  Asn1ShapeError,
  algorithm,
  children,
  explicit,
  fromDer,
  integer,
  isUniversal,
  Asn1Type,
  generalizedTime,
  octetString,
  oid,
  readOctetString,
  readOid,
  readSmallInteger,
  readTime,
  readUnsignedInteger,
  seq,
  toDer,
  unsignedInteger,
} from './asn1';
import { type CertificateInfo, parseCertificate } from './certificate';
import { describe } from './chain';
import {
  type ParsedSignedData,
  type SignatureVerification,
  buildSignedData,
  parseSignedData,
  verifySignedData,
} from './cms';
import { DIGEST_NAME, OID } from './oids';

type CertificateInput = string | Buffer;

export interface TimestampInput {
  /** SHA-256 of the stamped data; for a signature time-stamp, of the signature value. */
  messageImprint: Buffer;
  tsaCertificate: CertificateInput;
  tsaKey: KeyObject;
  /** CA certificates to embed with the TSA certificate (issuing CA, optionally the root). */
  chain: readonly CertificateInput[];
  /** genTime: the TSA's clock. Milliseconds are kept. */
  time: Date;
  /** Unique per token (RFC 3161 2.4.2): a sequence or a random number. */
  serial: number | bigint | Buffer;
  nonce?: bigint;
  /** Default OID.benhanTsaPolicy (a placeholder arc, see oids.ts). */
  policy?: string;
}

/** TimeStampToken (ContentInfo DER). */
export function timestamp(input: TimestampInput): Buffer {
  if (input.messageImprint.length !== 32) throw new RangeError('messageImprint must be a SHA-256 digest (32 bytes)');
  const tsa = parseCertificate(input.tsaCertificate);
  const serial = Buffer.isBuffer(input.serial) ? unsignedInteger(input.serial) : integer(input.serial);
  const tstInfo = toDer(
    seq([
      integer(1),
      oid(input.policy ?? OID.benhanTsaPolicy),
      seq([algorithm(OID.sha256), octetString(input.messageImprint)]),
      serial,
      generalizedTime(input.time),
      ...(input.nonce !== undefined ? [integer(input.nonce)] : []),
      explicit(0, explicit(4, fromDer(tsa.subjectDer))), // tsa: directoryName of the TSA
    ]),
  );
  return buildSignedData({
    contentType: OID.tstInfo,
    contentDigest: createHash('sha256').update(tstInfo).digest(),
    embeddedContent: tstInfo,
    signerCertificate: tsa.der,
    chain: input.chain,
    privateKey: input.tsaKey,
  });
}

/** SHA-256 of the SignerInfo signature value of a CMS: the imprint of its signature time-stamp. */
export function signatureImprint(cmsDer: Buffer): Buffer {
  return createHash('sha256').update(parseSignedData(cmsDer).signature).digest();
}

/** Time-stamps the signature of a CMS SignedData (imprint = SHA-256 of its signature value). */
export function timestampSignature(
  cmsDer: Buffer,
  tsa: Omit<TimestampInput, 'messageImprint'>,
): Buffer {
  return timestamp({ ...tsa, messageImprint: signatureImprint(cmsDer) });
}

/** TimeStampResp { status granted, timeStampToken } around a token, for tools that want a response. */
export function timestampResponse(tokenDer: Buffer): Buffer {
  return toDer(seq([seq([integer(0)]), fromDer(tokenDer)]));
}

export interface ParsedTimestampToken {
  genTime: Date;
  policy: string;
  messageImprint: { hashAlgorithm: string; hash: Buffer };
  /** Serial number magnitude and hex. */
  serial: Buffer;
  serialHex: string;
  nonce?: Buffer;
  /** PEM of the TSA certificate carried in the token (if it is there). */
  tsaCertificate?: string;
  /** Display subject of the TSA certificate. */
  tsaSubject?: string;
  /** TSTInfo DER (the eContent). */
  tstInfoDer: Buffer;
  signedData: ParsedSignedData;
}

/** Reads a TimeStampToken, or a TimeStampResp holding one. Throws Asn1ShapeError on anything else. */
export function parseTimestampToken(der: Buffer): ParsedTimestampToken {
  const signedData = parseSignedData(unwrapResponse(der));
  if (signedData.eContentType !== OID.tstInfo || !signedData.eContent) {
    throw new Asn1ShapeError('not a time-stamp token (eContentType is not id-ct-TSTInfo)');
  }
  const fields = children(fromDer(signedData.eContent), 'TSTInfo');
  if (readSmallInteger(fields[0]) !== 1) throw new Asn1ShapeError('TSTInfo version is not 1');
  const [hashAlg, hashed] = children(fields[2], 'MessageImprint');
  const serial = readUnsignedInteger(fields[3], 'serialNumber');
  const optional = fields.slice(5);
  const nonceNode = optional.find((n) => isUniversal(n, Asn1Type.INTEGER));
  const tsaCert = signedData.signerCertificate ? parseCertificate(signedData.signerCertificate) : undefined;
  return {
    genTime: readTime(fields[4], 'genTime'),
    policy: readOid(fields[1]),
    messageImprint: { hashAlgorithm: readOid(children(hashAlg)[0]), hash: readOctetString(hashed) },
    serial,
    serialHex: serial.toString('hex'),
    ...(nonceNode ? { nonce: readUnsignedInteger(nonceNode) } : {}),
    ...(tsaCert ? { tsaCertificate: tsaCert.pem, tsaSubject: tsaCert.subject } : {}),
    tstInfoDer: signedData.eContent,
    signedData,
  };
}

/** A TimeStampResp (SEQUENCE { PKIStatusInfo, token }) → its token; a token passes through. */
function unwrapResponse(der: Buffer): Buffer {
  const top = children(fromDer(der), 'TimeStamp');
  if (isUniversal(top[0], Asn1Type.OID)) return der;
  const [status, token] = top;
  if (readSmallInteger(children(status, 'PKIStatusInfo')[0]) > 1 || !token) {
    throw new Asn1ShapeError('the time-stamp response carries no token (status not granted)');
  }
  return toDer(token);
}

/** TSA usage: EKU exactly id-kp-timeStamping and critical (RFC 3161 2.3); keyUsage allows signatures. */
export function timestampingUsage(cert: CertificateInfo): string | undefined {
  const eku = cert.extKeyUsage;
  if (!eku || eku.length !== 1 || eku[0] !== OID.kpTimeStamping) {
    return `${describe(cert)} lacks the sole extended key usage id-kp-timeStamping`;
  }
  if (!cert.extensions.get(OID.extKeyUsage)?.critical) return `the extended key usage of ${describe(cert)} is not critical`;
  if (cert.keyUsage && !cert.keyUsage.has('digitalSignature') && !cert.keyUsage.has('nonRepudiation')) {
    return `keyUsage of ${describe(cert)} does not allow signatures`;
  }
  return undefined;
}

export interface TimestampVerification extends SignatureVerification {
  /** The token's imprint equals the expected one (same algorithm and hash). */
  imprintMatches: boolean;
  genTime?: Date;
  serialHex?: string;
}

export interface VerifyTimestampOptions {
  /** The imprint expected; or give `signatureValue` and SHA-256 of it is expected. */
  messageImprint?: Buffer;
  signatureValue?: Buffer;
  trustedRoots: readonly CertificateInput[];
  /** When the TSA certificate must be valid; default genTime. */
  at?: Date;
}

/**
 * Verifies a token: imprint, the CMS signature over TSTInfo, signingCertificateV2, the TSA chain at genTime and the
 * TSA's key usage. Never throws; `imprintMatches` and the CMS booleans say what failed.
 */
export function verifyTimestampToken(der: Buffer, options: VerifyTimestampOptions): TimestampVerification {
  let token: ParsedTimestampToken;
  try {
    token = parseTimestampToken(der);
  } catch (e) {
    return {
      valid: false,
      imprintMatches: false,
      contentDigestMatches: false,
      signatureValid: false,
      signingCertificateMatches: false,
      chainValid: false,
      keyUsageOk: false,
      reasons: { structure: `not a readable time-stamp token: ${(e as Error).message}` },
      checkedAt: options.at ?? new Date(),
      path: [],
    };
  }
  const cms = verifySignedData(token.signedData, token.tstInfoDer, options.trustedRoots, {
    at: options.at ?? token.genTime,
    usage: timestampingUsage,
  });

  const expected =
    options.messageImprint ??
    (options.signatureValue ? createHash('sha256').update(options.signatureValue).digest() : undefined);
  const { hashAlgorithm, hash } = token.messageImprint;
  let imprintMatches = false;
  let imprintReason: string | undefined;
  if (!expected) imprintReason = 'no expected imprint given';
  else if (DIGEST_NAME[hashAlgorithm] !== 'sha256') imprintReason = `imprint algorithm ${hashAlgorithm} is not SHA-256`;
  else if (!hash.equals(expected)) imprintReason = 'the token stamps other data (imprint differs)';
  else imprintMatches = true;

  return {
    ...cms,
    valid: cms.valid && imprintMatches,
    imprintMatches,
    reasons: { ...cms.reasons, ...(imprintReason ? { imprint: imprintReason } : {}) },
    genTime: token.genTime,
    serialHex: token.serialHex,
  };
}

/** Verifies the signature time-stamp (unsigned attribute) of a CMS: the token must stamp its signature value. */
export function verifySignatureTimestamp(
  cmsDer: Buffer,
  trustedRoots: readonly CertificateInput[],
): TimestampVerification | undefined {
  const parsed = parseSignedData(cmsDer);
  if (!parsed.unsignedTimestampToken) return undefined;
  return verifyTimestampToken(parsed.unsignedTimestampToken, { signatureValue: parsed.signature, trustedRoots });
}
