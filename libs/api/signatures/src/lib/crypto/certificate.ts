/**
 * Reading X.509 certificates from their DER: the fields the CMS, TSA, CRL and path-validation code need.
 * Written on the raw ASN.1 (not forge's certificate object) so EC certificates from licensed CAs read too.
 */
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';

import {
  type Asn1,
  Asn1Class,
  Asn1ShapeError,
  Asn1Type,
  children,
  fromDer,
  isContext,
  isUniversal,
  primitiveBytes,
  readBitString,
  readOctetString,
  readOid,
  readSmallInteger,
  readString,
  readTime,
  readUnsignedInteger,
  toDer,
} from './asn1';
import { OID } from './oids';

export type KeyUsageName =
  | 'digitalSignature'
  | 'nonRepudiation'
  | 'keyEncipherment'
  | 'dataEncipherment'
  | 'keyAgreement'
  | 'keyCertSign'
  | 'cRLSign'
  | 'encipherOnly'
  | 'decipherOnly';

/** Bit order of KeyUsage (RFC 5280 4.2.1.3). */
export const KEY_USAGE_BITS: readonly KeyUsageName[] = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
];

export interface CertificateExtension {
  critical: boolean;
  /** extnValue contents (the DER inside the OCTET STRING). */
  value: Buffer;
}

export interface CertificateInfo {
  der: Buffer;
  pem: string;
  /** Serial number magnitude (big-endian, no sign octet) and its lower-case hex. */
  serial: Buffer;
  serialHex: string;
  /** DER of the issuer and subject Names, byte-exact as in the certificate. */
  issuerDer: Buffer;
  subjectDer: Buffer;
  /** Display forms, e.g. "CN=Nguyễn Văn An, O=Bệnh viện A". */
  issuer: string;
  subject: string;
  notBefore: Date;
  notAfter: Date;
  publicKey: KeyObject;
  /** TBSCertificate DER, the signature algorithm OID and the signature value. */
  tbsDer: Buffer;
  signatureAlgorithm: string;
  signature: Buffer;
  extensions: ReadonlyMap<string, CertificateExtension>;
  basicConstraints?: { ca: boolean; pathLen?: number };
  /** Undefined when the certificate has no KeyUsage extension (RFC 5280: then any usage). */
  keyUsage?: ReadonlySet<KeyUsageName>;
  extKeyUsage?: readonly string[];
  subjectKeyIdentifier?: Buffer;
  authorityKeyIdentifier?: Buffer;
  crlDistributionPoints: readonly string[];
}

// ---------------------------------------------------------------- PEM

export function derToPem(der: Buffer, label = 'CERTIFICATE'): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** All PEM blocks with the given label, as DER, in order. */
export function pemBlocks(text: string, label = 'CERTIFICATE'): Buffer[] {
  const re = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`, 'g');
  return [...text.matchAll(re)].map((m) => Buffer.from(m[1].replace(/\s+/g, ''), 'base64'));
}

export function pemToDer(pem: string, label = 'CERTIFICATE'): Buffer {
  const [der] = pemBlocks(pem, label);
  if (!der) throw new Asn1ShapeError(`no ${label} PEM block`);
  return der;
}

/** PEM text or DER bytes → DER. */
export function certificateDer(certificate: string | Buffer): Buffer {
  return typeof certificate === 'string' ? pemToDer(certificate) : certificate;
}

// ---------------------------------------------------------------- Names

const NAME_LABELS: Readonly<Record<string, string>> = {
  [OID.commonName]: 'CN',
  [OID.serialNumber]: 'serialNumber',
  [OID.countryName]: 'C',
  [OID.localityName]: 'L',
  [OID.stateOrProvinceName]: 'ST',
  [OID.organizationName]: 'O',
  [OID.organizationalUnitName]: 'OU',
  [OID.title]: 'title',
  [OID.organizationIdentifier]: 'organizationIdentifier',
  [OID.userId]: 'UID',
  [OID.emailAddress]: 'emailAddress',
};

/** Name attributes in order: [{ oid, value }]. */
export function readNameAttributes(name: Asn1): { oid: string; value: string }[] {
  return children(name, 'Name').flatMap((rdn) =>
    children(rdn, 'RDN').map((atv) => {
      const [type, value] = children(atv, 'AttributeTypeAndValue');
      return { oid: readOid(type), value: readString(value) };
    }),
  );
}

export function nameToString(name: Asn1): string {
  return readNameAttributes(name)
    .map(({ oid, value }) => `${NAME_LABELS[oid] ?? oid}=${value}`)
    .join(', ');
}

// ---------------------------------------------------------------- certificates

/** Parse a certificate (PEM or DER). Throws Asn1ShapeError on anything that is not an X.509 certificate. */
export function parseCertificate(certificate: string | Buffer): CertificateInfo {
  const der = certificateDer(certificate);
  const [tbs, sigAlg, sigValue] = children(fromDer(der), 'Certificate');
  const fields = children(tbs, 'TBSCertificate');
  let i = isContext(fields[0], 0) ? 1 : 0;
  const serialNode = fields[i++];
  i++; // signature AlgorithmIdentifier (repeated outside)
  const issuer = fields[i++];
  const [notBefore, notAfter] = children(fields[i++], 'Validity');
  const subject = fields[i++];
  const spki = fields[i++];
  const extensionsNode = fields.slice(i).find((f) => isContext(f, 3));

  const extensions = new Map<string, CertificateExtension>();
  if (extensionsNode) {
    for (const ext of children(children(extensionsNode)[0], 'Extensions')) {
      const parts = children(ext, 'Extension');
      const critical = isUniversal(parts[1], Asn1Type.BOOLEAN) ? primitiveBytes(parts[1])[0] !== 0 : false;
      extensions.set(readOid(parts[0]), { critical, value: readOctetString(parts[parts.length - 1]) });
    }
  }

  const serial = readUnsignedInteger(serialNode, 'serialNumber');
  const spkiDer = toDer(spki);
  let publicKey: KeyObject | undefined;
  const info: CertificateInfo = {
    der,
    pem: derToPem(der),
    serial,
    serialHex: serial.toString('hex'),
    issuerDer: toDer(issuer),
    subjectDer: toDer(subject),
    issuer: nameToString(issuer),
    subject: nameToString(subject),
    notBefore: readTime(notBefore),
    notAfter: readTime(notAfter),
    // lazy: importing the key costs more than the rest of the parse, and signing only needs names and serial
    get publicKey(): KeyObject {
      return (publicKey ??= createPublicKey({ key: spkiDer, format: 'der', type: 'spki' }));
    },
    tbsDer: toDer(tbs),
    signatureAlgorithm: readOid(children(sigAlg)[0]),
    signature: readBitString(sigValue).bytes,
    extensions,
    crlDistributionPoints: [],
  };
  readExtensions(info, extensions);
  return info;
}

function readExtensions(info: CertificateInfo, extensions: Map<string, CertificateExtension>): void {
  const get = (oid: string): Asn1 | undefined => {
    const ext = extensions.get(oid);
    return ext ? fromDer(ext.value) : undefined;
  };

  const bc = get(OID.basicConstraints);
  if (bc) {
    const parts = children(bc, 'BasicConstraints');
    const ca = isUniversal(parts[0], Asn1Type.BOOLEAN) && primitiveBytes(parts[0])[0] !== 0;
    const lenNode = parts.find((p) => isUniversal(p, Asn1Type.INTEGER));
    info.basicConstraints = { ca, ...(lenNode ? { pathLen: readSmallInteger(lenNode) } : {}) };
  }

  const ku = get(OID.keyUsage);
  if (ku) {
    const { bytes } = readBitString(ku, 'KeyUsage');
    info.keyUsage = new Set(KEY_USAGE_BITS.filter((_, bit) => ((bytes[bit >> 3] ?? 0) >> (7 - (bit & 7))) & 1));
  }

  const eku = get(OID.extKeyUsage);
  if (eku) info.extKeyUsage = children(eku, 'ExtKeyUsage').map((n) => readOid(n));

  const ski = get(OID.subjectKeyIdentifier);
  if (ski) info.subjectKeyIdentifier = readOctetString(ski, 'SubjectKeyIdentifier');

  const aki = get(OID.authorityKeyIdentifier);
  if (aki) {
    const keyId = children(aki, 'AuthorityKeyIdentifier').find((n) => isContext(n, 0));
    if (keyId) info.authorityKeyIdentifier = primitiveBytes(keyId);
  }

  const dps = get(OID.crlDistributionPoints);
  if (dps) info.crlDistributionPoints = readCrlDistributionPoints(dps);
}

/** URIs of DistributionPoint.distributionPoint.fullName (GeneralName [6] uniformResourceIdentifier). */
function readCrlDistributionPoints(node: Asn1): string[] {
  const uris: string[] = [];
  for (const dp of children(node, 'CRLDistributionPoints')) {
    const dpName = children(dp).find((n) => isContext(n, 0));
    const fullName = dpName && children(dpName).find((n) => isContext(n, 0));
    for (const gn of fullName ? children(fullName) : []) {
      if (gn.tagClass === Asn1Class.CONTEXT_SPECIFIC && gn.type === 6) uris.push(primitiveBytes(gn).toString('latin1'));
    }
  }
  return uris;
}

/** RFC 5280 4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING contents. */
export function keyIdentifier(publicKey: KeyObject): Buffer {
  const spki = children(fromDer(publicKey.export({ type: 'spki', format: 'der' })), 'SubjectPublicKeyInfo');
  return createHash('sha1').update(readBitString(spki[1]).bytes).digest();
}

export function isSelfIssued(cert: CertificateInfo): boolean {
  return cert.issuerDer.equals(cert.subjectDer);
}
