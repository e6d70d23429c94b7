/**
 * CMS (RFC 5652) SignedData, CAdES-BES profile: signed attributes contentType, signingTime, messageDigest and
 * signingCertificateV2 (RFC 5035). ASN.1 by forge.asn1, the private-key operation by node:crypto.
 *
 * The same builder makes RFC 3161 time-stamp tokens (tsa.ts): there the content is embedded TSTInfo.
 */
import { createHash, sign, verify, type KeyObject } from 'node:crypto';

import {
  type Asn1,
  Asn1Class,
  Asn1ShapeError,
  Asn1Type,
  algorithm,
  children,
  explicit,
  fromDer,
  implicitConstructed,
  integer,
  isContext,
  isUniversal,
  octetString,
  oid,
  primitiveBytes,
  readOctetString,
  readOid,
  readSmallInteger,
  readTime,
  readUnsignedInteger,
  retag,
  seq,
  setOf,
  time,
  toDer,
  unsignedInteger,
} from './asn1';
import { type CertificateInfo, certificateDer, derToPem, parseCertificate } from './certificate';
import { describe, validateChain } from './chain';
import { UnsupportedKeyError } from './crypto.errors';
import { DIGEST_NAME, OID, SIGNATURE_DIGEST } from './oids';

type CertificateInput = string | Buffer;

// ---------------------------------------------------------------- building

export interface SignedDataInput {
  /** eContentType: id-data for documents, id-ct-TSTInfo for time-stamp tokens. */
  contentType: string;
  /** SHA-256 of the content (detached or embedded). */
  contentDigest: Buffer;
  /** Embedded content (eContent); omit for a detached signature. */
  embeddedContent?: Buffer;
  signerCertificate: CertificateInput;
  chain: readonly CertificateInput[];
  privateKey: KeyObject;
  /** Omitted from the attributes when undefined (RFC 3161 tokens carry genTime instead). */
  signingTime?: Date;
}

const attribute = (type: string, value: Asn1): Asn1 => seq([oid(type), setOf([value])]);

/** IssuerAndSerialNumber / IssuerSerial parts of a certificate, byte-exact. */
function issuerAndSerial(cert: CertificateInfo): Asn1 {
  return seq([fromDer(cert.issuerDer), unsignedInteger(cert.serial)]);
}

/**
 * SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }
 * ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT id-sha256 (so omitted in DER), certHash, issuerSerial }
 * IssuerSerial ::= SEQUENCE { issuer GeneralNames (directoryName [4]), serialNumber }
 */
function signingCertificateV2(cert: CertificateInfo): Asn1 {
  const certHash = createHash('sha256').update(cert.der).digest();
  const issuerSerial = seq([seq([explicit(4, fromDer(cert.issuerDer))]), unsignedInteger(cert.serial)]);
  return seq([seq([seq([octetString(certHash), issuerSerial])])]);
}

/** signerInfo.signatureAlgorithm for this key: rsaEncryption (what OpenSSL writes) or ecdsa-with-SHA256. */
function signerSignatureAlgorithm(key: KeyObject): Asn1 {
  if (key.asymmetricKeyType === 'rsa') return algorithm(OID.rsaEncryption, true);
  if (key.asymmetricKeyType === 'ec') return algorithm(OID.ecdsaWithSha256);
  throw new UnsupportedKeyError(`cannot sign CMS with a ${key.asymmetricKeyType} key`);
}

/**
 * Parsed signer certificates, by PEM (or DER as latin1): a user signs many versions with one certificate, and parsing
 * it was a third of the non-RSA cost of a signature. Bounded; entries are only read.
 */
const signerCache = new Map<string, CertificateInfo>();
const SIGNER_CACHE_SIZE = 256;

function signerInfoOf(certificate: CertificateInput): CertificateInfo {
  const key = typeof certificate === 'string' ? certificate : certificate.toString('latin1');
  let info = signerCache.get(key);
  if (!info) {
    info = parseCertificate(certificateDer(certificate));
    if (signerCache.size >= SIGNER_CACHE_SIZE) signerCache.delete(signerCache.keys().next().value as string);
    signerCache.set(key, info);
  }
  return info;
}

/** DER ContentInfo(SignedData) with one SignerInfo, SHA-256, signed by node:crypto over the DER SET of attributes. */
export function buildSignedData(input: SignedDataInput): Buffer {
  const signer = signerInfoOf(input.signerCertificate);
  const chain = input.chain.map((c) => certificateDer(c)).filter((der) => !der.equals(signer.der));
  const attrs = [
    attribute(OID.contentType, oid(input.contentType)),
    ...(input.signingTime ? [attribute(OID.signingTime, time(input.signingTime))] : []),
    attribute(OID.messageDigest, octetString(input.contentDigest)),
    attribute(OID.signingCertificateV2, signingCertificateV2(signer)),
  ];
  const signedAttrsSet = setOf(attrs);
  const signature = sign('sha256', toDer(signedAttrsSet), input.privateKey);

  const signerInfo = seq([
    integer(1),
    issuerAndSerial(signer),
    algorithm(OID.sha256),
    retag(signedAttrsSet, Asn1Class.CONTEXT_SPECIFIC, 0),
    signerSignatureAlgorithm(input.privateKey),
    octetString(signature),
  ]);
  const encapContentInfo = seq([
    oid(input.contentType),
    ...(input.embeddedContent ? [explicit(0, octetString(input.embeddedContent))] : []),
  ]);
  const signedData = seq([
    integer(input.contentType === OID.data ? 1 : 3),
    setOf([algorithm(OID.sha256)]),
    encapContentInfo,
    retag(setOf([signer.der, ...chain].map((der) => fromDer(der))), Asn1Class.CONTEXT_SPECIFIC, 0),
    setOf([signerInfo]),
  ]);
  return toDer(seq([oid(OID.signedData), explicit(0, signedData)]));
}

export interface SignDetachedInput {
  content: Buffer;
  signerCertificate: CertificateInput;
  /** Issuing CA(s) to embed, so a verifier needs only the root. */
  chain: readonly CertificateInput[];
  privateKey: KeyObject;
  signingTime: Date;
}

/** CAdES-BES detached SignedData over `content` (the canonical JSON bytes of a document version). */
export function signDetached(input: SignDetachedInput): Buffer {
  return buildSignedData({
    contentType: OID.data,
    contentDigest: createHash('sha256').update(input.content).digest(),
    signerCertificate: input.signerCertificate,
    chain: input.chain,
    privateKey: input.privateKey,
    signingTime: input.signingTime,
  });
}

// ---------------------------------------------------------------- parsing

interface SignedDataNodes {
  contentInfo: Asn1;
  signedData: Asn1[];
  signerInfo: Asn1[];
}

function signedDataNodes(der: Buffer): SignedDataNodes {
  const contentInfo = fromDer(der);
  const [type, content] = children(contentInfo, 'ContentInfo');
  if (readOid(type) !== OID.signedData) throw new Asn1ShapeError('not a CMS SignedData');
  if (!isContext(content, 0)) throw new Asn1ShapeError('ContentInfo: missing [0] content');
  const signedData = children(children(content)[0], 'SignedData');
  const signerInfos = children(signedData[signedData.length - 1], 'SignerInfos');
  if (signerInfos.length !== 1) throw new Asn1ShapeError(`expected one SignerInfo, found ${signerInfos.length}`);
  return { contentInfo, signedData, signerInfo: children(signerInfos[0], 'SignerInfo') };
}

export interface SigningCertificateRef {
  /** 'v2' = signingCertificateV2 (RFC 5035), 'v1' = signingCertificate (SHA-1, RFC 2634). */
  version: 'v1' | 'v2';
  hashAlgorithm: string;
  hash: Buffer;
  issuerSerial?: { issuerDer: Buffer; serial: Buffer };
}

export interface ParsedSignedData {
  version: number;
  eContentType: string;
  /** Embedded content (time-stamp tokens); undefined for detached signatures. */
  eContent?: Buffer;
  /** PEM of the certificate the SignerInfo names, if it is among `certificates`. */
  signerCertificate?: string;
  /** All certificates carried, PEM, in stored order. */
  certificates: string[];
  signerId: { issuerDer: Buffer; serial: Buffer } | { subjectKeyIdentifier: Buffer };
  digestAlgorithm: string;
  signedAttributes: {
    contentType?: string;
    signingTime?: Date;
    messageDigest?: Buffer;
    signingCertificate?: SigningCertificateRef;
    /** Every signed attribute: OID → DER of each value. */
    all: Map<string, Buffer[]>;
  };
  /** The DER SET OF the signed attributes: the exact bytes the signature covers. */
  signedAttributesDer?: Buffer;
  signatureAlgorithm: string;
  signature: Buffer;
  unsignedAttributes: Map<string, Buffer[]>;
  /** id-aa-signatureTimeStampToken value (a TimeStampToken ContentInfo, DER), if present. */
  unsignedTimestampToken?: Buffer;
}

function readAttributes(node: Asn1): Map<string, Buffer[]> {
  const out = new Map<string, Buffer[]>();
  for (const attr of children(node, 'Attributes')) {
    const [type, values] = children(attr, 'Attribute');
    const list = out.get(readOid(type)) ?? [];
    list.push(...children(values, 'AttributeValues').map((v) => toDer(v)));
    out.set(readOid(type), list);
  }
  return out;
}

function readSigningCertificate(der: Buffer, version: 'v1' | 'v2'): SigningCertificateRef {
  const [certs] = children(fromDer(der), 'SigningCertificate');
  const first = children(certs, 'certs')[0];
  const parts = children(first, 'ESSCertID');
  let i = 0;
  let hashAlgorithm: string = version === 'v2' ? OID.sha256 : OID.sha1;
  if (version === 'v2' && isUniversal(parts[0], Asn1Type.SEQUENCE)) hashAlgorithm = readOid(children(parts[i++])[0]);
  const hash = readOctetString(parts[i++], 'certHash');
  let issuerSerial: SigningCertificateRef['issuerSerial'];
  if (parts[i]) {
    const [generalNames, serial] = children(parts[i], 'IssuerSerial');
    const dirName = children(generalNames, 'GeneralNames').find((g) => isContext(g, 4));
    if (dirName) issuerSerial = { issuerDer: toDer(children(dirName)[0]), serial: readUnsignedInteger(serial) };
  }
  return { version, hashAlgorithm, hash, ...(issuerSerial ? { issuerSerial } : {}) };
}

/** Reads a SignedData (one signer). Throws Asn1ShapeError when the bytes are not one. */
export function parseSignedData(der: Buffer): ParsedSignedData {
  const { signedData, signerInfo } = signedDataNodes(der);
  const [versionNode, , encap] = signedData;
  const [eContentTypeNode, eContentNode] = children(encap, 'EncapsulatedContentInfo');
  const certificatesNode = signedData.find((n) => isContext(n, 0));
  const certificates = certificatesNode
    ? children(certificatesNode)
        .filter((c) => isUniversal(c, Asn1Type.SEQUENCE)) // skip attribute/other certificate choices
        .map((c) => derToPem(toDer(c)))
    : [];

  let i = 1;
  const sidNode = signerInfo[i++];
  const signerId = isContext(sidNode, 0)
    ? { subjectKeyIdentifier: primitiveBytes(sidNode) }
    : (() => {
        const [issuer, serial] = children(sidNode, 'IssuerAndSerialNumber');
        return { issuerDer: toDer(issuer), serial: readUnsignedInteger(serial) };
      })();
  const digestAlgorithm = readOid(children(signerInfo[i++])[0]);
  let signedAttrsNode: Asn1 | undefined;
  if (isContext(signerInfo[i], 0)) signedAttrsNode = signerInfo[i++];
  const signatureAlgorithm = readOid(children(signerInfo[i++])[0]);
  const signature = readOctetString(signerInfo[i++], 'signature');
  const unsignedNode = isContext(signerInfo[i], 1) ? signerInfo[i] : undefined;

  const all = signedAttrsNode ? readAttributes(signedAttrsNode) : new Map<string, Buffer[]>();
  const one = (type: string): Asn1 | undefined => {
    const v = all.get(type)?.[0];
    return v ? fromDer(v) : undefined;
  };
  const ct = one(OID.contentType);
  const st = one(OID.signingTime);
  const md = one(OID.messageDigest);
  const scV2 = all.get(OID.signingCertificateV2)?.[0];
  const scV1 = all.get(OID.signingCertificate)?.[0];
  const unsignedAttributes = unsignedNode ? readAttributes(unsignedNode) : new Map<string, Buffer[]>();

  const parsedCerts = certificates.map((pem) => parseCertificate(pem));
  const signerCert = parsedCerts.find((c) =>
    'subjectKeyIdentifier' in signerId
      ? c.subjectKeyIdentifier?.equals(signerId.subjectKeyIdentifier)
      : c.issuerDer.equals(signerId.issuerDer) && c.serial.equals(signerId.serial),
  );

  return {
    version: readSmallInteger(versionNode),
    eContentType: readOid(eContentTypeNode),
    ...(isContext(eContentNode, 0) ? { eContent: readOctetString(children(eContentNode)[0], 'eContent') } : {}),
    ...(signerCert ? { signerCertificate: signerCert.pem } : {}),
    certificates,
    signerId,
    digestAlgorithm,
    signedAttributes: {
      ...(ct ? { contentType: readOid(ct) } : {}),
      ...(st ? { signingTime: readTime(st) } : {}),
      ...(md ? { messageDigest: readOctetString(md) } : {}),
      ...(scV2
        ? { signingCertificate: readSigningCertificate(scV2, 'v2') }
        : scV1
          ? { signingCertificate: readSigningCertificate(scV1, 'v1') }
          : {}),
      all,
    },
    ...(signedAttrsNode
      ? { signedAttributesDer: toDer(retag(signedAttrsNode, Asn1Class.UNIVERSAL, Asn1Type.SET)) }
      : {}),
    signatureAlgorithm,
    signature,
    unsignedAttributes,
    ...(unsignedAttributes.get(OID.signatureTimeStampToken)?.[0]
      ? { unsignedTimestampToken: unsignedAttributes.get(OID.signatureTimeStampToken)?.[0] }
      : {}),
  };
}

// ---------------------------------------------------------------- unsigned timestamp

/**
 * Adds (or replaces) the unsigned attribute id-aa-signatureTimeStampToken holding `tokenDer` (a TimeStampToken,
 * i.e. a ContentInfo). Signed bytes are untouched: the rest of the structure is re-encoded from its parsed DER.
 */
export function addUnsignedTimestamp(der: Buffer, tokenDer: Buffer): Buffer {
  const { contentInfo, signerInfo } = signedDataNodes(der);
  const existing = signerInfo.findIndex((n) => isContext(n, 1));
  const kept =
    existing >= 0
      ? children(signerInfo[existing]).filter((a) => readOid(children(a)[0]) !== OID.signatureTimeStampToken)
      : [];
  const unsigned = implicitConstructed(1, [
    ...kept,
    seq([oid(OID.signatureTimeStampToken), setOf([fromDer(tokenDer)])]),
  ]);
  if (existing >= 0) signerInfo[existing] = unsigned;
  else signerInfo.push(unsigned);
  return toDer(contentInfo);
}

// ---------------------------------------------------------------- verification

export type VerificationCheck =
  | 'structure'
  | 'imprint'
  | 'contentDigestMatches'
  | 'signatureValid'
  | 'signingCertificateMatches'
  | 'chainValid'
  | 'keyUsageOk';

export interface SignatureVerification {
  /** All checks passed. */
  valid: boolean;
  contentDigestMatches: boolean;
  signatureValid: boolean;
  signingCertificateMatches: boolean;
  chainValid: boolean;
  keyUsageOk: boolean;
  /** Why each failed check failed. */
  reasons: Partial<Record<VerificationCheck, string>>;
  /** The time certificate validity was checked at. */
  checkedAt: Date;
  signer?: { subject: string; issuer: string; serialHex: string; certificatePem: string };
  signingTime?: Date;
  /** Certification path used (leaf first), PEM. */
  path: string[];
}

export interface VerifyOptions {
  /** Time at which certificates must be valid; default now. Pass a trusted time (e.g. a verified genTime). */
  at?: Date;
  /** Extra certificates (intermediates) beyond those carried in the SignedData. */
  intermediates?: readonly CertificateInput[];
  /** Key-usage rule for the signer; default: digitalSignature or nonRepudiation, and not a time-stamping-only key. */
  usage?: (cert: CertificateInfo) => string | undefined;
}

/** Key usage acceptable for a document signature (undefined) or why not. */
export function documentSignerUsage(cert: CertificateInfo): string | undefined {
  if (cert.keyUsage && !cert.keyUsage.has('digitalSignature') && !cert.keyUsage.has('nonRepudiation')) {
    return `keyUsage of ${describe(cert)} has neither digitalSignature nor nonRepudiation`;
  }
  const eku = cert.extKeyUsage;
  const ekuCritical = cert.extensions.get(OID.extKeyUsage)?.critical;
  if (eku && ekuCritical && eku.every((p) => p === OID.kpTimeStamping)) {
    return `${describe(cert)} is a time-stamping certificate (critical EKU id-kp-timeStamping)`;
  }
  return undefined;
}

function signatureDigest(parsed: ParsedSignedData): string | undefined {
  return SIGNATURE_DIGEST[parsed.signatureAlgorithm] ?? DIGEST_NAME[parsed.digestAlgorithm];
}

const SUPPORTED_SIGNATURE_ALGORITHMS = new Set<string>([
  OID.rsaEncryption,
  OID.sha256WithRSAEncryption,
  OID.sha384WithRSAEncryption,
  OID.sha512WithRSAEncryption,
  OID.ecdsaWithSha256,
  OID.ecdsaWithSha384,
  OID.ecdsaWithSha512,
  '1.2.840.10045.2.1', // id-ecPublicKey, written by some signers in place of ecdsa-with-SHA*
]);

/**
 * Runs every check on a parsed SignedData whose content is `content` (detached) or its eContent. Never throws for a
 * failed check; each boolean carries its own reason.
 */
export function verifySignedData(
  parsed: ParsedSignedData,
  content: Buffer,
  trustedRoots: readonly CertificateInput[],
  options: VerifyOptions = {},
): SignatureVerification {
  const at = options.at ?? new Date();
  const reasons: SignatureVerification['reasons'] = {};
  const result: SignatureVerification = {
    valid: false,
    contentDigestMatches: false,
    signatureValid: false,
    signingCertificateMatches: false,
    chainValid: false,
    keyUsageOk: false,
    reasons,
    checkedAt: at,
    path: [],
    ...(parsed.signedAttributes.signingTime ? { signingTime: parsed.signedAttributes.signingTime } : {}),
  };
  const attrs = parsed.signedAttributes;

  // content digest (and the contentType attribute must name the content it digests, RFC 5652 11.1)
  const digestName = DIGEST_NAME[parsed.digestAlgorithm];
  if (!digestName) reasons.contentDigestMatches = `unsupported digest algorithm ${parsed.digestAlgorithm}`;
  else if (!attrs.messageDigest) reasons.contentDigestMatches = 'no messageDigest signed attribute';
  else if (!createHash(digestName).update(content).digest().equals(attrs.messageDigest)) {
    reasons.contentDigestMatches = 'the content does not match the signed messageDigest (content changed)';
  } else if (attrs.contentType !== parsed.eContentType) {
    reasons.contentDigestMatches = `contentType attribute ${attrs.contentType} differs from eContentType ${parsed.eContentType}`;
  } else result.contentDigestMatches = true;

  if (!parsed.signerCertificate) {
    const missing = 'the signer certificate is not in the SignedData';
    reasons.signatureValid = reasons.signingCertificateMatches = reasons.chainValid = reasons.keyUsageOk = missing;
    return result;
  }
  const signer = parseCertificate(parsed.signerCertificate);
  result.signer = { subject: signer.subject, issuer: signer.issuer, serialHex: signer.serialHex, certificatePem: signer.pem };

  // signature over the DER SET OF signed attributes
  const sigDigest = signatureDigest(parsed);
  if (!parsed.signedAttributesDer) reasons.signatureValid = 'no signed attributes (CAdES requires them)';
  else if (!sigDigest || !SUPPORTED_SIGNATURE_ALGORITHMS.has(parsed.signatureAlgorithm)) {
    reasons.signatureValid = `unsupported signature algorithm ${parsed.signatureAlgorithm}`;
  } else {
    let ok = false;
    try {
      ok = verify(sigDigest, parsed.signedAttributesDer, signer.publicKey, parsed.signature);
    } catch {
      ok = false;
    }
    if (ok) result.signatureValid = true;
    else reasons.signatureValid = `the signature does not verify with the key of ${describe(signer)}`;
  }

  // ESS signing certificate: binds the signature to this exact certificate
  const ref = attrs.signingCertificate;
  const refDigest = ref && DIGEST_NAME[ref.hashAlgorithm];
  if (!ref) reasons.signingCertificateMatches = 'no signingCertificateV2 signed attribute';
  else if (!refDigest) reasons.signingCertificateMatches = `unsupported ESS hash algorithm ${ref.hashAlgorithm}`;
  else if (!createHash(refDigest).update(signer.der).digest().equals(ref.hash)) {
    reasons.signingCertificateMatches = `the ESS certificate hash does not match ${describe(signer)}`;
  } else if (
    ref.issuerSerial &&
    !(ref.issuerSerial.issuerDer.equals(signer.issuerDer) && ref.issuerSerial.serial.equals(signer.serial))
  ) {
    reasons.signingCertificateMatches = 'the ESS issuerSerial does not name the signer certificate';
  } else result.signingCertificateMatches = true;

  // certification path
  try {
    const roots = trustedRoots.map((r) => parseCertificate(r));
    const others = [...parsed.certificates, ...(options.intermediates ?? [])].map((c) => parseCertificate(c));
    const chain = validateChain(signer, others, roots, at);
    result.path = chain.path.map((c) => c.pem);
    if (chain.ok) result.chainValid = true;
    else reasons.chainValid = chain.reason;
  } catch (e) {
    reasons.chainValid = `unreadable certificate: ${(e as Error).message}`;
  }

  const usageProblem = (options.usage ?? documentSignerUsage)(signer);
  if (usageProblem) reasons.keyUsageOk = usageProblem;
  else result.keyUsageOk = true;

  result.valid =
    result.contentDigestMatches &&
    result.signatureValid &&
    result.signingCertificateMatches &&
    result.chainValid &&
    result.keyUsageOk;
  return result;
}

/** Verifies a detached CMS signature over `content` against the trusted roots (PEM). Never throws. */
export function verifyDetached(
  der: Buffer,
  content: Buffer,
  trustedRoots: readonly CertificateInput[],
  options: VerifyOptions = {},
): SignatureVerification {
  let parsed: ParsedSignedData;
  try {
    parsed = parseSignedData(der);
  } catch (e) {
    const reason = `not a readable CMS SignedData: ${(e as Error).message}`;
    return {
      valid: false,
      contentDigestMatches: false,
      signatureValid: false,
      signingCertificateMatches: false,
      chainValid: false,
      keyUsageOk: false,
      reasons: { structure: reason },
      checkedAt: options.at ?? new Date(),
      path: [],
    };
  }
  return verifySignedData(parsed, content, trustedRoots, options);
}
