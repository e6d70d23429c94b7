/**
 * X.509 v2 CRLs (RFC 5280 section 5) of the facility CAs: built with forge.asn1, signed by node:crypto.
 * Extensions: CRL number and authority key identifier on the list, reasonCode on each entry.
 */
import { sign, type KeyObject } from 'node:crypto';

import {
  Asn1ShapeError,
  Asn1Type,
  bitString,
  children,
  enumerated,
  fromDer,
  implicitPrimitive,
  integer,
  isContext,
  isUniversal,
  octetString,
  oid,
  primitiveBytes,
  readBitString,
  readOctetString,
  readOid,
  readSmallInteger,
  readTime,
  readUnsignedInteger,
  seq,
  time,
  toDer,
  unsignedInteger,
  explicit,
} from './asn1';
import { type CertificateInfo, keyIdentifier, nameToString, parseCertificate } from './certificate';
import { verifyX509Signature } from './chain';
import { OID } from './oids';
import { signatureAlgorithmFor } from './pki';

/** CRLReason (RFC 5280 5.3.1); value 7 is unused. */
export const REVOCATION_REASONS = {
  unspecified: 0,
  keyCompromise: 1,
  cACompromise: 2,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  certificateHold: 6,
  removeFromCRL: 8,
  privilegeWithdrawn: 9,
  aACompromise: 10,
} as const;

export type RevocationReason = keyof typeof REVOCATION_REASONS;

const REASON_BY_CODE = new Map<number, RevocationReason>(
  Object.entries(REVOCATION_REASONS).map(([name, code]) => [code, name as RevocationReason]),
);

export interface CrlEntry {
  /** Certificate serial as hex (as `CertificateInfo.serialHex`); case and leading zeros do not matter. */
  serialHex: string;
  revokedAt: Date;
  reason: RevocationReason;
}

export interface CreateCrlInput {
  issuerCertificate: string | Buffer;
  issuerKey: KeyObject;
  entries: readonly CrlEntry[];
  thisUpdate: Date;
  nextUpdate: Date;
  /** Monotonically increasing per issuer (RFC 5280 5.2.3). */
  crlNumber: number | bigint;
}

/** Normalised serial hex: lower case, no leading zero octets, even length. */
export function normaliseSerialHex(serialHex: string): string {
  if (!/^[0-9a-fA-F]+$/.test(serialHex)) throw new Asn1ShapeError(`not a hex serial: ${serialHex}`);
  const even = serialHex.length % 2 ? `0${serialHex}` : serialHex;
  return readUnsignedInteger(unsignedInteger(Buffer.from(even, 'hex'))).toString('hex');
}

function crlExtension(type: string, value: Buffer): ReturnType<typeof seq> {
  return seq([oid(type), octetString(value)]);
}

/** DER CertificateList, signed with the issuer's key (sha256WithRSAEncryption or ecdsa-with-SHA256). */
export function createCrl(input: CreateCrlInput): Buffer {
  if (input.nextUpdate <= input.thisUpdate) throw new RangeError('nextUpdate must be after thisUpdate');
  const issuer = parseCertificate(input.issuerCertificate);
  const sigAlg = signatureAlgorithmFor(input.issuerKey);
  const revoked = input.entries.map((e) => {
    const code = REVOCATION_REASONS[e.reason];
    if (code === undefined) throw new RangeError(`unknown revocation reason ${e.reason}`);
    const serial = Buffer.from(normaliseSerialHex(e.serialHex), 'hex');
    // RFC 5280 5.3.1: the reasonCode "unspecified" SHOULD be absent
    const extensions = code === 0 ? [] : [seq([crlExtension(OID.crlReason, toDer(enumerated(code)))])];
    return seq([unsignedInteger(serial), time(e.revokedAt), ...extensions]);
  });
  const aki = issuer.subjectKeyIdentifier ?? keyIdentifier(issuer.publicKey);
  const tbs = seq([
    integer(1), // v2
    sigAlg,
    fromDer(issuer.subjectDer),
    time(input.thisUpdate),
    time(input.nextUpdate),
    ...(revoked.length ? [seq(revoked)] : []),
    explicit(
      0,
      seq([
        crlExtension(OID.authorityKeyIdentifier, toDer(seq([implicitPrimitive(0, aki)]))),
        crlExtension(OID.crlNumber, toDer(integer(input.crlNumber))),
      ]),
    ),
  ]);
  const signature = sign('sha256', toDer(tbs), input.issuerKey);
  return toDer(seq([tbs, sigAlg, bitString(signature)]));
}

export interface ParsedCrl {
  issuer: string;
  issuerDer: Buffer;
  thisUpdate: Date;
  nextUpdate?: Date;
  crlNumber?: bigint;
  authorityKeyIdentifier?: Buffer;
  entries: CrlEntry[];
  tbsDer: Buffer;
  signatureAlgorithm: string;
  signature: Buffer;
}

function readExtensions(node: ReturnType<typeof fromDer>): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const ext of children(node, 'Extensions')) {
    const parts = children(ext, 'Extension');
    out.set(readOid(parts[0]), readOctetString(parts[parts.length - 1]));
  }
  return out;
}

/** Reads a DER CRL. Throws Asn1ShapeError when it is not one. Does not check the signature (see verifyCrl). */
export function parseCrl(der: Buffer): ParsedCrl {
  const [tbs, sigAlg, sigValue] = children(fromDer(der), 'CertificateList');
  const fields = children(tbs, 'TBSCertList');
  let i = isUniversal(fields[0], Asn1Type.INTEGER) ? 1 : 0;
  i++; // signature algorithm
  const issuerNode = fields[i++];
  const thisUpdate = readTime(fields[i++]);
  let nextUpdate: Date | undefined;
  if (isUniversal(fields[i], Asn1Type.UTCTIME) || isUniversal(fields[i], Asn1Type.GENERALIZEDTIME)) {
    nextUpdate = readTime(fields[i++]);
  }
  const entries: CrlEntry[] = [];
  if (isUniversal(fields[i], Asn1Type.SEQUENCE)) {
    for (const entry of children(fields[i++], 'revokedCertificates')) {
      const [serial, date, exts] = children(entry, 'revokedCertificate');
      const reasonDer = exts ? readExtensions(exts).get(OID.crlReason) : undefined;
      const code = reasonDer ? readSmallInteger(fromDer(reasonDer)) : 0;
      entries.push({
        serialHex: readUnsignedInteger(serial).toString('hex'),
        revokedAt: readTime(date),
        reason: REASON_BY_CODE.get(code) ?? 'unspecified',
      });
    }
  }
  const extsNode = fields.slice(i).find((n) => isContext(n, 0));
  const exts = extsNode ? readExtensions(children(extsNode)[0]) : new Map<string, Buffer>();
  const crlNumber = exts.get(OID.crlNumber);
  const aki = exts.get(OID.authorityKeyIdentifier);
  const akiKeyId = aki ? children(fromDer(aki)).find((n) => isContext(n, 0)) : undefined;
  return {
    issuer: nameToString(issuerNode),
    issuerDer: toDer(issuerNode),
    thisUpdate,
    ...(nextUpdate ? { nextUpdate } : {}),
    ...(crlNumber ? { crlNumber: BigInt(`0x${readUnsignedInteger(fromDer(crlNumber)).toString('hex') || '0'}`) } : {}),
    ...(akiKeyId ? { authorityKeyIdentifier: primitiveBytes(akiKeyId) } : {}),
    entries,
    tbsDer: toDer(tbs),
    signatureAlgorithm: readOid(children(sigAlg)[0]),
    signature: readBitString(sigValue).bytes,
  };
}

/** True when `issuerCertificate` issued this CRL: names match, its key verifies the signature, it may sign CRLs. */
export function verifyCrl(crl: ParsedCrl | Buffer, issuerCertificate: string | Buffer | CertificateInfo): boolean {
  const parsed = Buffer.isBuffer(crl) ? parseCrl(crl) : crl;
  const issuer =
    typeof issuerCertificate === 'string' || Buffer.isBuffer(issuerCertificate)
      ? parseCertificate(issuerCertificate)
      : issuerCertificate;
  if (!parsed.issuerDer.equals(issuer.subjectDer)) return false;
  if (issuer.keyUsage && !issuer.keyUsage.has('cRLSign')) return false;
  return verifyX509Signature(parsed.tbsDer, parsed.signatureAlgorithm, parsed.signature, issuer.publicKey);
}

/** The entry revoking `serialHex`, if the CRL lists it. */
export function findRevocation(crl: ParsedCrl, serialHex: string): CrlEntry | undefined {
  const wanted = normaliseSerialHex(serialHex);
  return crl.entries.find((e) => e.serialHex === wanted);
}
