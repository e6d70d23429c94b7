import { createHash } from 'node:crypto';

import { canonicalJsonBytes } from '@benhan/api/core';

import { children, fromDer, isContext, toDer } from './asn1';
import { parseCertificate } from './certificate';
import { addUnsignedTimestamp, parseSignedData, signDetached, verifyDetached } from './cms';
import { OID } from './oids';
import { generateRsaKeyPair, issueUserCertificate } from './pki';
import { CA_CRL_URL, FACILITY, OpenSslDir, type TestPki, makeTestPki } from './__fixtures__/test-pki';

describe('cms', () => {
  let pki: TestPki;
  let tmp: OpenSslDir;
  const content = canonicalJsonBytes({ form: 'phieu-kham', chanDoan: 'Viêm phổi cộng đồng', version: 1 });
  const signingTime = new Date('2026-03-02T08:15:30Z');
  let p7s: Buffer;

  beforeAll(async () => {
    pki = await makeTestPki(new Date('2026-01-01T00:00:00Z'));
    tmp = new OpenSslDir();
    tmp.write('root.pem', pki.root.certificatePem);
    tmp.write('content.bin', content);
    p7s = signDetached({
      content,
      signerCertificate: pki.doctor.certificatePem,
      chain: [pki.ca.certificatePem],
      privateKey: pki.doctor.privateKey,
      signingTime,
    });
    tmp.write('sig.p7s', p7s);
  });
  afterAll(() => tmp.dispose());

  const at = new Date('2026-06-01T00:00:00Z');
  /** The brief's command; `cades` adds OpenSSL's CAdES-BES check of signingCertificate(V2). */
  const opensslVerify = (sig = 'sig.p7s', data = 'content.bin', cades = false) =>
    tmp.run(['cms', '-verify', ...(cades ? ['-cades'] : []), '-binary', '-inform', 'DER', '-in', sig, '-content', data, '-CAfile', 'root.pem', '-purpose', 'any', '-attime', String(at.getTime() / 1000), '-out', '/dev/null']);

  it('round-trips: parse returns the signed attributes, signer and chain', () => {
    const parsed = parseSignedData(p7s);
    expect(parsed.eContent).toBeUndefined();
    expect(parsed.signedAttributes.contentType).toBe(OID.data);
    expect(parsed.signedAttributes.signingTime).toEqual(signingTime);
    expect(parsed.signedAttributes.messageDigest).toEqual(createHash('sha256').update(content).digest());
    const doctorDer = parseCertificate(pki.doctor.certificatePem).der;
    expect(parsed.signedAttributes.signingCertificate?.hash).toEqual(createHash('sha256').update(doctorDer).digest());
    expect(parsed.signedAttributes.signingCertificate?.issuerSerial?.serial).toEqual(parseCertificate(doctorDer).serial);
    expect(parsed.signerCertificate).toBe(parseCertificate(doctorDer).pem);
    expect(parsed.certificates).toHaveLength(2);
    expect(parsed.signatureAlgorithm).toBe(OID.rsaEncryption);
    expect(parsed.signedAttributesDer?.[0]).toBe(0x31); // DER SET OF, the bytes the signature covers
  });

  it('OpenSSL verifies the detached signature with only the root, and rejects one changed byte (outside truth)', () => {
    const good = opensslVerify();
    expect(good.output).toContain('CMS Verification successful');
    expect(good.status).toBe(0);
    expect(opensslVerify('sig.p7s', 'content.bin', true).output).toContain('CAdES Verification successful');
    const tampered = Buffer.from(content);
    tampered[10] ^= 0x01;
    tmp.write('tampered.bin', tampered);
    const bad = opensslVerify('sig.p7s', 'tampered.bin');
    expect(bad.status).not.toBe(0);
    expect(bad.output).toContain('CMS Verification failure');
  });

  it('verifyDetached agrees with OpenSSL on the good and the tampered content', () => {
    const good = verifyDetached(p7s, content, [pki.root.certificatePem], { at });
    expect(good).toMatchObject({ valid: true, contentDigestMatches: true, signatureValid: true, signingCertificateMatches: true, chainValid: true, keyUsageOk: true, reasons: {} });
    expect(good.path).toHaveLength(3);
    const tampered = Buffer.from(content);
    tampered[10] ^= 0x01;
    const bad = verifyDetached(p7s, tampered, [pki.root.certificatePem], { at });
    expect(bad).toMatchObject({ valid: false, contentDigestMatches: false, signatureValid: true, chainValid: true });
    expect(bad.reasons.contentDigestMatches).toMatch(/content changed/);
  });

  it('OpenSSL prints signingCertificateV2 among the signed attributes', () => {
    const printed = tmp.ok(['cms', '-cmsout', '-print', '-inform', 'DER', '-in', 'sig.p7s']);
    expect(printed).toMatch(/id-smime-aa-signingCertificateV2/);
    expect(printed).toMatch(/signingTime/);
    expect(printed).toMatch(/messageDigest/);
  });

  it('adds an unsigned timestamp attribute without breaking the signature', () => {
    const fakeToken = Buffer.from(p7s); // any ContentInfo will do for the container test; tsa.spec uses real tokens
    const stamped = addUnsignedTimestamp(p7s, fakeToken);
    expect(parseSignedData(stamped).unsignedTimestampToken).toEqual(fakeToken);
    const restamped = addUnsignedTimestamp(stamped, fakeToken);
    expect(parseSignedData(restamped).unsignedAttributes.get(OID.signatureTimeStampToken)).toHaveLength(1);
    tmp.write('stamped.p7s', stamped);
    expect(opensslVerify('stamped.p7s').output).toContain('CMS Verification successful');
    expect(opensslVerify('stamped.p7s', 'content.bin', true).output).toContain('CAdES Verification successful');
    expect(tmp.ok(['cms', '-cmsout', '-print', '-inform', 'DER', '-in', 'stamped.p7s'])).toMatch(/id-smime-aa-timeStampToken/);
    expect(verifyDetached(stamped, content, [pki.root.certificatePem], { at }).valid).toBe(true);
  });

  it('reports a signature by the wrong key as signatureValid=false only', async () => {
    const other = await generateRsaKeyPair();
    const forged = signDetached({ content, signerCertificate: pki.doctor.certificatePem, chain: [pki.ca.certificatePem], privateKey: other.privateKey, signingTime });
    const r = verifyDetached(forged, content, [pki.root.certificatePem], { at });
    expect(r).toMatchObject({ valid: false, signatureValid: false, contentDigestMatches: true, signingCertificateMatches: true, chainValid: true, keyUsageOk: true });
    expect(r.reasons.signatureValid).toMatch(/does not verify/);
    expect(opensslVerify(tmp.write('forged.p7s', forged)).status).not.toBe(0);
  });

  it('reports an untrusted root as chainValid=false only', async () => {
    const other = await makeTestPki(new Date('2026-01-01T00:00:00Z'));
    const r = verifyDetached(p7s, content, [other.root.certificatePem], { at });
    expect(r).toMatchObject({ valid: false, chainValid: false, signatureValid: true, contentDigestMatches: true, signingCertificateMatches: true });
    expect(r.reasons.chainValid).toMatch(/not a trusted root|no certificate issued/);
    tmp.write('other-root.pem', other.root.certificatePem);
    const o = tmp.run(['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'sig.p7s', '-content', 'content.bin', '-CAfile', 'other-root.pem', '-purpose', 'any', '-out', '/dev/null']);
    expect(o.status).not.toBe(0);
  });

  it('reports an expired certificate (at the time given) as chainValid=false, and OpenSSL agrees', () => {
    const later = new Date('2029-01-01T00:00:00Z'); // the doctor's certificate runs two years from 2026-01-01
    const r = verifyDetached(p7s, content, [pki.root.certificatePem], { at: later });
    expect(r).toMatchObject({ valid: false, chainValid: false, signatureValid: true, contentDigestMatches: true });
    expect(r.reasons.chainValid).toMatch(/expired on 2028-01-01/);
    const o = tmp.run(['cms', '-verify', '-binary', '-inform', 'DER', '-in', 'sig.p7s', '-content', 'content.bin', '-CAfile', 'root.pem', '-purpose', 'any', '-attime', String(later.getTime() / 1000), '-out', '/dev/null']);
    expect(o.output).toMatch(/certificate has expired/);
  });

  it('reports a signer without digitalSignature/nonRepudiation (the TSA key) as keyUsageOk=false', () => {
    const bySta = signDetached({ content, signerCertificate: pki.tsa.certificatePem, chain: [pki.ca.certificatePem], privateKey: pki.tsa.privateKey, signingTime });
    const r = verifyDetached(bySta, content, [pki.root.certificatePem], { at });
    expect(r).toMatchObject({ valid: false, keyUsageOk: false, signatureValid: true, chainValid: true });
  });

  it('reports a substituted signer certificate (same key, same serial, other certificate) as signingCertificateMatches=false only', () => {
    const original = parseCertificate(pki.doctor.certificatePem);
    const twin = parseCertificate(
      issueUserCertificate({
        issuer: pki.ca,
        subject: { ...FACILITY, fullName: 'Nguyễn Thị Minh Châu', practisingCertificateNo: '000123/BD-CCHN', username: 'chau.ntm' },
        publicKey: pki.doctor.publicKey,
        validityYears: 2,
        crlUrl: CA_CRL_URL,
        notBefore: new Date('2026-01-01T00:00:00Z'),
        serial: original.serial,
      }),
    );
    // swap the certificate inside the SignedData; the SignerInfo (issuer + serial) still names it
    const root = fromDer(p7s);
    const signedData = children(children(root)[1])[0];
    const certs = children(signedData).find((n) => isContext(n, 0));
    const list = children(certs);
    list[list.findIndex((c) => toDer(c).equals(original.der))] = fromDer(twin.der);
    const swapped = toDer(root);

    const r = verifyDetached(swapped, content, [pki.root.certificatePem], { at });
    expect(r).toMatchObject({ valid: false, signingCertificateMatches: false, signatureValid: true, chainValid: true, contentDigestMatches: true, keyUsageOk: true });
    expect(r.reasons.signingCertificateMatches).toMatch(/ESS certificate hash/);
    tmp.write('swapped.p7s', swapped);
    // plain `openssl cms -verify` ignores the ESS attribute; with -cades (CAdES-BES checks) it refuses the swap
    expect(opensslVerify('swapped.p7s').status).toBe(0);
    const cades = opensslVerify('swapped.p7s', 'content.bin', true);
    expect(cades.status).not.toBe(0);
    expect(cades.output).toMatch(/CAdES Verification failure/);
  });

  it('returns a structured failure, not an exception, for bytes that are not CMS', () => {
    const r = verifyDetached(Buffer.from('not a signature'), content, [pki.root.certificatePem]);
    expect(r.valid).toBe(false);
    expect(r.reasons.structure).toBeDefined();
  });
});
