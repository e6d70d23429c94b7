/**
 * The facility PKI: keys by node:crypto, certificates assembled with forge.asn1 and signed by node:crypto.
 *
 *   root CA (self-signed, 10–25 y) ── issuing CA (pathLen 0) ─┬─ user certificates (doctors, nurses)
 *                                                             ├─ organisation seal certificate
 *                                                             └─ time-stamping authority certificate
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  generateKeyPairSync,
  randomBytes,
  sign,
  type KeyObject,
} from 'node:crypto';
import { promisify } from 'node:util';

import * as forge from 'node-forge';

import {
  type Asn1,
  Asn1ShapeError,
  algorithm,
  bitString,
  bool,
  explicit,
  fromDer,
  ia5String,
  implicitConstructed,
  implicitPrimitive,
  integer,
  isAscii,
  isPrintable,
  octetString,
  oid,
  printableString,
  seq,
  time,
  toDer,
  unsignedInteger,
  utf8String,
} from './asn1';
import { type KeyUsageName, KEY_USAGE_BITS, derToPem, keyIdentifier, parseCertificate, pemBlocks } from './certificate';
import { UnsupportedKeyError, WrongPinError } from './crypto.errors';
import { OID } from './oids';

/** RSA modulus for users and CAs (reader compatibility; TOOLCHAIN.md B). */
export const RSA_MODULUS_BITS = 2048;

export interface KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** A CA (or any signer): its certificate and the private key that goes with it. */
export interface Issuer {
  certificatePem: string;
  privateKey: KeyObject;
}

export async function generateRsaKeyPair(modulusLength = RSA_MODULUS_BITS): Promise<KeyPair> {
  return promisify(generateKeyPair)('rsa', { modulusLength, publicExponent: 0x10001 });
}

export function generateRsaKeyPairSync(modulusLength = RSA_MODULUS_BITS): KeyPair {
  return generateKeyPairSync('rsa', { modulusLength, publicExponent: 0x10001 });
}

// ---------------------------------------------------------------- names

export interface FacilityName {
  /** e.g. "Bệnh viện Đa khoa Tỉnh A" → O (UTF8String). */
  facilityName: string;
  /** Ministry facility code (mã cơ sở KCB) → organizationIdentifier. */
  facilityCode: string;
  /** ISO 3166 country, default VN. */
  country?: string;
}

type NameAttribute = [oid: string, value: Asn1];

function buildName(attributes: NameAttribute[]): Asn1 {
  return seq(attributes.map(([type, value]) => forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, [seq([oid(type), value])])));
}

function facilityAttributes({ facilityName, facilityCode, country = 'VN' }: FacilityName): NameAttribute[] {
  return [
    [OID.countryName, printableString(country)],
    [OID.organizationName, utf8String(facilityName)],
    [OID.organizationIdentifier, utf8String(facilityCode)],
  ];
}

// ---------------------------------------------------------------- extensions

function extension(type: string, critical: boolean, value: Asn1): Asn1 {
  return seq([oid(type), ...(critical ? [bool(true)] : []), octetString(toDer(value))]);
}

function basicConstraints(ca: boolean, pathLen?: number): Asn1 {
  const parts = ca ? [bool(true), ...(pathLen === undefined ? [] : [integer(pathLen)])] : [];
  return extension(OID.basicConstraints, ca, seq(parts));
}

/** KeyUsage BIT STRING, DER: trailing zero bits dropped and counted as unused. */
function keyUsage(usages: KeyUsageName[]): Asn1 {
  const bits = usages.map((u) => KEY_USAGE_BITS.indexOf(u));
  const last = Math.max(...bits);
  const bytes = Buffer.alloc((last >> 3) + 1);
  for (const bit of bits) bytes[bit >> 3] |= 0x80 >> (bit & 7);
  const unused = 7 - (last & 7);
  const value = forge.asn1.create(
    forge.asn1.Class.UNIVERSAL,
    forge.asn1.Type.BITSTRING,
    false,
    String.fromCharCode(unused) + bytes.toString('latin1'),
  );
  return extension(OID.keyUsage, true, value);
}

function extKeyUsage(purposes: string[], critical: boolean): Asn1 {
  return extension(OID.extKeyUsage, critical, seq(purposes.map((p) => oid(p))));
}

function subjectKeyIdentifier(publicKey: KeyObject): Asn1 {
  return extension(OID.subjectKeyIdentifier, false, octetString(keyIdentifier(publicKey)));
}

function authorityKeyIdentifier(keyId: Buffer): Asn1 {
  return extension(OID.authorityKeyIdentifier, false, seq([implicitPrimitive(0, keyId)]));
}

/** One DistributionPoint with fullName = URI. */
function crlDistributionPoints(url: string): Asn1 {
  const uri = forge.asn1.create(forge.asn1.Class.CONTEXT_SPECIFIC, 6, false, ia5String(url).value as string);
  return extension(OID.crlDistributionPoints, false, seq([seq([explicit(0, implicitConstructed(0, [uri]))])]));
}

// ---------------------------------------------------------------- signing

/** AlgorithmIdentifier for a SHA-256 signature by this key (RSA PKCS#1 v1.5 or ECDSA). */
export function signatureAlgorithmFor(key: KeyObject): Asn1 {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return algorithm(OID.sha256WithRSAEncryption, true);
    case 'ec':
      return algorithm(OID.ecdsaWithSha256);
    default:
      throw new UnsupportedKeyError(`cannot sign with a ${key.asymmetricKeyType} key`);
  }
}

/** Random positive serial: 16 bytes, top bit clear, first byte non-zero (so the INTEGER is exactly 16 octets). */
export function randomSerial(): Buffer {
  const serial = randomBytes(16);
  serial[0] = serial[0] & 0x7f || 0x01;
  return serial;
}

interface CertificateTemplate {
  issuerName: Asn1;
  issuerKey: KeyObject;
  subjectName: Asn1;
  publicKey: KeyObject;
  notBefore: Date;
  notAfter: Date;
  extensions: Asn1[];
  serial?: Buffer;
}

function signCertificate(t: CertificateTemplate): string {
  const sigAlg = signatureAlgorithmFor(t.issuerKey);
  const tbs = seq([
    explicit(0, integer(2)),
    unsignedInteger(t.serial ?? randomSerial()),
    sigAlg,
    t.issuerName,
    seq([time(t.notBefore), time(t.notAfter)]),
    t.subjectName,
    fromDer(t.publicKey.export({ type: 'spki', format: 'der' })),
    explicit(3, seq(t.extensions)),
  ]);
  const tbsDer = toDer(tbs);
  const signature = sign('sha256', tbsDer, t.issuerKey);
  return derToPem(toDer(seq([tbs, sigAlg, bitString(signature)])));
}

function addYears(from: Date, years: number): Date {
  const d = new Date(from.getTime());
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d;
}

/** Validity of a certificate issued by `issuer`: never beyond the issuer's own notAfter. */
function validity(issuerPem: string | undefined, notBefore: Date | undefined, years: number): [Date, Date] {
  if (!(years > 0)) throw new RangeError('validityYears must be positive');
  const start = notBefore ?? new Date();
  let end = addYears(start, years);
  if (issuerPem) {
    const issuerEnd = parseCertificate(issuerPem).notAfter;
    if (end > issuerEnd) end = issuerEnd;
  }
  return [start, end];
}

function issuerContext(issuer: Issuer): { name: Asn1; keyId: Buffer } {
  const cert = parseCertificate(issuer.certificatePem);
  return {
    name: fromDer(cert.subjectDer),
    keyId: cert.subjectKeyIdentifier ?? keyIdentifier(cert.publicKey),
  };
}

// ---------------------------------------------------------------- certificate profiles

export interface CaOptions extends FacilityName {
  /** CN, e.g. "Benhan Root CA – BV Đa khoa Tỉnh A". */
  commonName: string;
  validityYears: number;
  notBefore?: Date;
}

/** Self-signed facility root: CA:true (critical), keyCertSign+cRLSign (critical), SKI/AKI. 10–25 years. */
export function createRootCaCertificate(options: CaOptions & { privateKey: KeyObject }): string {
  if (options.validityYears < 10 || options.validityYears > 25) {
    throw new RangeError('a facility root CA is valid for 10 to 25 years');
  }
  const publicKey = createPublicKey(options.privateKey);
  const name = buildName([...facilityAttributes(options), [OID.commonName, utf8String(options.commonName)]]);
  const [notBefore, notAfter] = validity(undefined, options.notBefore, options.validityYears);
  return signCertificate({
    issuerName: name,
    issuerKey: options.privateKey,
    subjectName: name,
    publicKey,
    notBefore,
    notAfter,
    extensions: [
      basicConstraints(true),
      keyUsage(['keyCertSign', 'cRLSign']),
      subjectKeyIdentifier(publicKey),
      authorityKeyIdentifier(keyIdentifier(publicKey)),
    ],
  });
}

export interface IssuedOptions {
  issuer: Issuer;
  publicKey: KeyObject;
  validityYears: number;
  /** Where the issuer publishes its CRL (the CRL distribution point of the new certificate). */
  crlUrl: string;
  notBefore?: Date;
  serial?: Buffer;
}

export interface IssuingCaOptions extends Omit<IssuedOptions, 'crlUrl'>, FacilityName {
  commonName: string;
  /** The root's CRL (ARL). Omit when the root publishes none: the issuing CA is then withdrawn by re-keying. */
  crlUrl?: string;
}

/** Issuing CA under the root: CA:true pathLen 0, keyCertSign+cRLSign, CRL DP of the root's CRL. */
export function createIssuingCaCertificate(options: IssuingCaOptions): string {
  const issuer = issuerContext(options.issuer);
  const [notBefore, notAfter] = validity(options.issuer.certificatePem, options.notBefore, options.validityYears);
  return signCertificate({
    issuerName: issuer.name,
    issuerKey: options.issuer.privateKey,
    subjectName: buildName([...facilityAttributes(options), [OID.commonName, utf8String(options.commonName)]]),
    publicKey: options.publicKey,
    notBefore,
    notAfter,
    serial: options.serial,
    extensions: [
      basicConstraints(true, 0),
      keyUsage(['keyCertSign', 'cRLSign']),
      subjectKeyIdentifier(options.publicKey),
      authorityKeyIdentifier(issuer.keyId),
      ...(options.crlUrl ? [crlDistributionPoints(options.crlUrl)] : []),
    ],
  });
}

function endEntity(
  options: IssuedOptions,
  subjectName: Asn1,
  usages: KeyUsageName[],
  eku?: { purposes: string[]; critical: boolean },
): string {
  const issuer = issuerContext(options.issuer);
  const [notBefore, notAfter] = validity(options.issuer.certificatePem, options.notBefore, options.validityYears);
  return signCertificate({
    issuerName: issuer.name,
    issuerKey: options.issuer.privateKey,
    subjectName,
    publicKey: options.publicKey,
    notBefore,
    notAfter,
    serial: options.serial,
    extensions: [
      basicConstraints(false),
      keyUsage(usages),
      ...(eku ? [extKeyUsage(eku.purposes, eku.critical)] : []),
      subjectKeyIdentifier(options.publicKey),
      authorityKeyIdentifier(issuer.keyId),
      crlDistributionPoints(options.crlUrl),
    ],
  });
}

/** The facility's organisation ("seal") certificate (R7): CN = O = facility name; digitalSignature+nonRepudiation. */
export function createSealCertificate(options: IssuedOptions & FacilityName): string {
  const name = buildName([...facilityAttributes(options), [OID.commonName, utf8String(options.facilityName)]]);
  return endEntity(options, name, ['digitalSignature', 'nonRepudiation']);
}

/** RFC 3161 TSA certificate: digitalSignature, EKU id-kp-timeStamping only, critical (RFC 3161 2.3). */
export function createTsaCertificate(options: IssuedOptions & FacilityName & { commonName: string }): string {
  const name = buildName([...facilityAttributes(options), [OID.commonName, utf8String(options.commonName)]]);
  return endEntity(options, name, ['digitalSignature'], { purposes: [OID.kpTimeStamping], critical: true });
}

export interface UserSubject {
  /** Full name with diacritics, e.g. "Nguyễn Thị Minh Châu" → CN (UTF8String). */
  fullName: string;
  /** Practising certificate number (chứng chỉ hành nghề) → serialNumber attribute (PrintableString). */
  practisingCertificateNo?: string;
  facilityName: string;
  facilityCode: string;
  /** Benhan login → UID. */
  username: string;
  country?: string;
}

export interface UserCertificateOptions extends IssuedOptions {
  subject: UserSubject;
  /** Add EKU emailProtection (non-critical): some readers want it for S/MIME-style document signatures. */
  emailProtection?: boolean;
}

/**
 * A staff member's signing certificate: CN = full name, serialNumber = practising certificate number,
 * O = facility, UID = username; keyUsage digitalSignature+nonRepudiation (critical); CRL DP; SKI/AKI; random serial.
 */
export function issueUserCertificate(options: UserCertificateOptions): string {
  const s = options.subject;
  if (s.practisingCertificateNo !== undefined && !isPrintable(s.practisingCertificateNo)) {
    throw new Asn1ShapeError('practisingCertificateNo may only hold letters, digits, space and \'()+,-./:=?');
  }
  const name = buildName([
    ...facilityAttributes(s),
    [OID.commonName, utf8String(s.fullName)],
    ...(s.practisingCertificateNo ? [[OID.serialNumber, printableString(s.practisingCertificateNo)] as NameAttribute] : []),
    [OID.userId, utf8String(s.username)],
  ]);
  const eku = options.emailProtection ? { purposes: [OID.kpEmailProtection], critical: false } : undefined;
  return endEntity(options, name, ['digitalSignature', 'nonRepudiation'], eku);
}

// ---------------------------------------------------------------- a facility's whole hierarchy

export interface FacilityAuthoritiesOptions extends FacilityName {
  /** CRL of the issuing CA: the distribution point of user, seal and TSA certificates. */
  crlUrl: string;
  /** CRL of the root (distribution point of the issuing CA), if the root publishes one. */
  rootCrlUrl?: string;
  notBefore?: Date;
  years?: { root?: number; issuing?: number; seal?: number; tsa?: number };
}

export type Authority = Issuer & { publicKey: KeyObject };

export interface FacilityAuthorities {
  root: Authority;
  issuing: Authority;
  seal: Authority;
  tsa: Authority;
}

/** Four RSA-2048 keys (generated off the main thread) and the root, issuing CA, seal and TSA certificates. */
export async function createFacilityAuthorities(options: FacilityAuthoritiesOptions): Promise<FacilityAuthorities> {
  const years = { root: 20, issuing: 10, seal: 3, tsa: 5, ...options.years };
  const [root, issuing, seal, tsa] = await Promise.all([1, 2, 3, 4].map(() => generateRsaKeyPair()));
  const facility = { facilityName: options.facilityName, facilityCode: options.facilityCode, country: options.country };
  const notBefore = options.notBefore;
  const rootPem = createRootCaCertificate({
    ...facility,
    commonName: `${options.facilityName} – Root CA`,
    validityYears: years.root,
    privateKey: root.privateKey,
    notBefore,
  });
  const rootAuthority = { ...root, certificatePem: rootPem };
  const issuingPem = createIssuingCaCertificate({
    ...facility,
    commonName: `${options.facilityName} – Issuing CA`,
    issuer: rootAuthority,
    publicKey: issuing.publicKey,
    validityYears: years.issuing,
    crlUrl: options.rootCrlUrl,
    notBefore,
  });
  const issuingAuthority = { ...issuing, certificatePem: issuingPem };
  const common = { ...facility, issuer: issuingAuthority, crlUrl: options.crlUrl, notBefore };
  return {
    root: rootAuthority,
    issuing: issuingAuthority,
    seal: { ...seal, certificatePem: createSealCertificate({ ...common, publicKey: seal.publicKey, validityYears: years.seal }) },
    tsa: {
      ...tsa,
      certificatePem: createTsaCertificate({
        ...common,
        commonName: `${options.facilityName} – Time-Stamping Authority`,
        publicKey: tsa.publicKey,
        validityYears: years.tsa,
      }),
    },
  };
}

// ---------------------------------------------------------------- private keys under a PIN

/** PKCS#8 EncryptedPrivateKeyInfo PEM: PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) under the signing PIN. */
export function encryptPrivateKey(key: KeyObject, pin: string): string {
  if (!pin) throw new WrongPinError('an empty PIN cannot protect a key');
  return key.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: pin }) as string;
}

/** Opens a PEM from `encryptPrivateKey`. A PIN that does not open it throws WrongPinError. */
export function decryptPrivateKey(pem: string, pin: string): KeyObject {
  const [der] = pemBlocks(pem, 'ENCRYPTED PRIVATE KEY');
  if (!der) throw new Asn1ShapeError('not an ENCRYPTED PRIVATE KEY PEM');
  fromDer(der); // a malformed structure is a shape error, not a wrong PIN
  try {
    return createPrivateKey({ key: pem, format: 'pem', passphrase: pin });
  } catch {
    throw new WrongPinError();
  }
}

// ---------------------------------------------------------------- PKCS#12 (keys from licensed CAs)

export interface Pkcs12Contents {
  certificatePem: string;
  /** The other certificates in the file, issuer order (closest issuer first) where it can be worked out. */
  chainPems: string[];
  privateKey: KeyObject;
}

/** Reads a .p12/.pfx (forge's reader); the key becomes a node:crypto KeyObject. Wrong password → WrongPinError. */
export function readPkcs12(p12: Buffer, password: string): Pkcs12Contents {
  const parsed = openPkcs12(p12, password);
  const keyBags = [
    ...(parsed.getBags({ bagType: forge.pki.oids['pkcs8ShroudedKeyBag'] })[forge.pki.oids['pkcs8ShroudedKeyBag']] ?? []),
    ...(parsed.getBags({ bagType: forge.pki.oids['keyBag'] })[forge.pki.oids['keyBag']] ?? []),
  ];
  const certBags = parsed.getBags({ bagType: forge.pki.oids['certBag'] })[forge.pki.oids['certBag']] ?? [];
  const keyBag = keyBags[0];
  if (!keyBag) throw new Asn1ShapeError('the PKCS#12 file holds no private key');

  const privateKey = keyBag.key
    ? createPrivateKey(forge.pki.privateKeyToPem(keyBag.key))
    : createPrivateKey({ key: toDer(keyBag.asn1 as Asn1), format: 'der', type: 'pkcs8' }); // EC keys: forge keeps the ASN.1
  const publicDer = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });

  const certs = certBags.map((bag) =>
    parseCertificate(toDer(bag.cert ? forge.pki.certificateToAsn1(bag.cert) : (bag.asn1 as Asn1))),
  );
  const leaf = certs.find((c) => c.publicKey.export({ type: 'spki', format: 'der' }).equals(publicDer));
  if (!leaf) throw new Asn1ShapeError('no certificate in the PKCS#12 file matches its private key');

  // order the rest from the leaf upwards; anything unconnected goes last
  const rest = certs.filter((c) => c !== leaf);
  const chain: typeof certs = [];
  for (let current = leaf; ; ) {
    const next = rest.find((c) => !chain.includes(c) && c.subjectDer.equals(current.issuerDer) && c !== current);
    if (!next) break;
    chain.push(next);
    current = next;
  }
  chain.push(...rest.filter((c) => !chain.includes(c)));
  return { certificatePem: leaf.pem, chainPems: chain.map((c) => c.pem), privateKey };
}

/**
 * forge uses one password string for both the MAC (PKCS#12 KDF: BMPString, the JS string as is) and the PBES2
 * ciphers OpenSSL 3 writes by default (PBKDF2 over the UTF-8 bytes). For a non-ASCII password (Vietnamese
 * diacritics) the MAC passes and PBES2 decryption fails; then decrypt again with the UTF-8 bytes, MacData removed
 * (it was verified by the first pass).
 */
function openPkcs12(p12: Buffer, password: string): forge.pkcs12.Pkcs12Pfx {
  const read = (pfx: forge.asn1.Asn1, pass: string): forge.pkcs12.Pkcs12Pfx => forge.pkcs12.pkcs12FromAsn1(pfx, false, pass);
  const fail = (e: unknown): never => {
    const message = (e as Error).message;
    if (/password|MAC could not be verified|decrypt/i.test(message)) throw new WrongPinError('wrong PKCS#12 password');
    throw new Asn1ShapeError(`not a readable PKCS#12 file: ${message}`);
  };
  let pfx: forge.asn1.Asn1;
  try {
    pfx = forge.asn1.fromDer(p12.toString('latin1'));
  } catch (e) {
    return fail(e);
  }
  try {
    return read(pfx, password);
  } catch (e) {
    const macVerified = /Failed to decrypt|Unable to decrypt/.test((e as Error).message);
    if (!macVerified || isAscii(password)) return fail(e);
  }
  try {
    const withoutMac = forge.asn1.create(pfx.tagClass, pfx.type, true, (pfx.value as forge.asn1.Asn1[]).slice(0, 2));
    return read(withoutMac, Buffer.from(password, 'utf8').toString('latin1'));
  } catch (e) {
    return fail(e);
  }
}
