/**
 * Certification path building and validation (RFC 5280 6.1, the parts a document signature needs): signatures by
 * node:crypto, validity at a given time, CA flags, keyCertSign, pathLen. Revocation is checked elsewhere (CRL module).
 */
import { type KeyObject, verify } from 'node:crypto';

import { type CertificateInfo, isSelfIssued, parseCertificate } from './certificate';
import { OID, SIGNATURE_DIGEST } from './oids';

const MAX_DEPTH = 8;

export interface ChainResult {
  ok: boolean;
  reason?: string;
  /** Leaf first, trust anchor last (as far as it was built). */
  path: CertificateInfo[];
}

/** Verifies an X.509-style signature (certificate or CRL): sha*WithRSAEncryption or ecdsa-with-SHA*, by node:crypto. */
export function verifyX509Signature(tbsDer: Buffer, signatureAlgorithm: string, signature: Buffer, publicKey: KeyObject): boolean {
  const digest = SIGNATURE_DIGEST[signatureAlgorithm];
  if (!digest) return false;
  try {
    return verify(digest, tbsDer, publicKey, signature);
  } catch {
    return false;
  }
}

/** Does `issuer`'s key verify `cert`'s signature? */
export function isSignedBy(cert: CertificateInfo, issuer: CertificateInfo): boolean {
  return verifyX509Signature(cert.tbsDer, cert.signatureAlgorithm, cert.signature, issuer.publicKey);
}

export function describe(cert: CertificateInfo): string {
  return `"${cert.subject}" (serial ${cert.serialHex})`;
}

/** Parses PEMs, ignoring none: a bad trust anchor is a configuration error and throws. */
export function parseAll(pems: readonly (string | Buffer)[]): CertificateInfo[] {
  return pems.map((p) => parseCertificate(p));
}

export function validateChain(
  leaf: CertificateInfo,
  intermediates: readonly CertificateInfo[],
  trustedRoots: readonly CertificateInfo[],
  at: Date,
): ChainResult {
  const isTrusted = (c: CertificateInfo): boolean => trustedRoots.some((r) => r.der.equals(c.der));
  const path: CertificateInfo[] = [leaf];
  let current = leaf;
  while (!isTrusted(current)) {
    if (path.length > MAX_DEPTH) return { ok: false, reason: 'certification path too long', path };
    const issuer = [...trustedRoots, ...intermediates].find(
      (c) =>
        c !== current &&
        !c.der.equals(current.der) &&
        c.subjectDer.equals(current.issuerDer) &&
        (!current.authorityKeyIdentifier ||
          !c.subjectKeyIdentifier ||
          c.subjectKeyIdentifier.equals(current.authorityKeyIdentifier)) &&
        isSignedBy(current, c),
    );
    if (!issuer) {
      const reason = isSelfIssued(current)
        ? `the path ends at ${describe(current)}, which is not a trusted root`
        : `no certificate issued ${describe(current)} (issuer "${current.issuer}" missing or its signature does not verify)`;
      return { ok: false, reason, path };
    }
    path.push(issuer);
    current = issuer;
  }
  for (const cert of path) {
    if (at < cert.notBefore) {
      return { ok: false, reason: `${describe(cert)} is not valid before ${cert.notBefore.toISOString()} (checked at ${at.toISOString()})`, path };
    }
    if (at > cert.notAfter) {
      return { ok: false, reason: `${describe(cert)} expired on ${cert.notAfter.toISOString()} (checked at ${at.toISOString()})`, path };
    }
  }

  for (let i = 1; i < path.length; i++) {
    const ca = path[i];
    if (!ca.basicConstraints?.ca) return { ok: false, reason: `${describe(ca)} is not a CA (basicConstraints)`, path };
    if (ca.keyUsage && !ca.keyUsage.has('keyCertSign')) {
      return { ok: false, reason: `${describe(ca)} may not sign certificates (keyUsage lacks keyCertSign)`, path };
    }
    const intermediatesBelow = i - 1;
    if (ca.basicConstraints.pathLen !== undefined && intermediatesBelow > ca.basicConstraints.pathLen) {
      return { ok: false, reason: `${describe(ca)} allows ${ca.basicConstraints.pathLen} CA(s) below it, found ${intermediatesBelow}`, path };
    }
  }
  for (const cert of path) {
    for (const [oid, ext] of cert.extensions) {
      if (ext.critical && !UNDERSTOOD_CRITICAL.has(oid)) {
        return { ok: false, reason: `${describe(cert)} has an unknown critical extension ${oid}`, path };
      }
    }
  }
  return { ok: true, path };
}

const UNDERSTOOD_CRITICAL = new Set<string>([
  OID.basicConstraints,
  OID.keyUsage,
  OID.extKeyUsage,
  '2.5.29.17', // subjectAltName
  '2.5.29.32', // certificatePolicies: no initial policy set, so any policy is acceptable
]);
