import { createHash } from 'node:crypto';

import { parseCertificate } from './certificate';
import { parseSignedData, verifyDetached } from './cms';
import { OID } from './oids';
import { sealCms } from './seal';
import { parseTimestampToken, verifySignatureTimestamp } from './tsa';
import { OpenSslDir, type TestPki, makeTestPki } from './__fixtures__/test-pki';

/** The PAdES organisation seal (B-T): what the attributes must and must not hold, and OpenSSL's opinion. */
describe('sealCms', () => {
  let pki: TestPki;
  let tmp: OpenSslDir;
  const content = Buffer.from('%PDF-1.7\n… the signed bytes of an archive PDF …\n%%EOF\n');
  const at = new Date('2026-06-01T03:04:05.678Z');
  let cms: Buffer;

  beforeAll(async () => {
    pki = await makeTestPki(new Date('2026-01-01T00:00:00Z'));
    tmp = new OpenSslDir();
    tmp.write('root.pem', pki.root.certificatePem);
    tmp.write('content.bin', content);
    cms = sealCms({ content, seal: pki.seal, chain: [pki.ca.certificatePem, pki.root.certificatePem], tsa: pki.tsa, at, serial: 42 });
    tmp.write('seal.p7s', cms);
  });
  afterAll(() => tmp.dispose());

  it('signs contentType, messageDigest and signingCertificateV2 of the seal certificate, and no signingTime', () => {
    const parsed = parseSignedData(cms);
    expect(parsed.eContent).toBeUndefined();
    expect([...parsed.signedAttributes.all.keys()].sort()).toEqual([OID.contentType, OID.messageDigest, OID.signingCertificateV2].sort());
    expect(parsed.signedAttributes.signingTime).toBeUndefined();
    expect(parsed.signedAttributes.contentType).toBe(OID.data);
    expect(parsed.signedAttributes.messageDigest).toEqual(createHash('sha256').update(content).digest());
    const seal = parseCertificate(pki.seal.certificatePem);
    expect(parsed.signerCertificate).toBe(seal.pem);
    expect(parsed.signedAttributes.signingCertificate).toMatchObject({ version: 'v2', hash: createHash('sha256').update(seal.der).digest() });
    expect(parsed.certificates).toHaveLength(3);
  });

  it('carries the TSA time-stamp of its signature value (B-T), at the time given', () => {
    const stamp = verifySignatureTimestamp(cms, [pki.root.certificatePem]);
    expect(stamp).toMatchObject({ valid: true, imprintMatches: true, genTime: at });
    const token = parseTimestampToken(parseSignedData(cms).unsignedTimestampToken as Buffer);
    expect(token.serialHex).toBe('2a');
    expect(token.tsaSubject).toContain('Benhan TSA');
  });

  it('verifies (ours and OpenSSL with -cades) against the root only, and fails on one changed byte', () => {
    expect(verifyDetached(cms, content, [pki.root.certificatePem], { at })).toMatchObject({ valid: true, reasons: {} });
    const verify = (data: string) =>
      tmp.run(['cms', '-verify', '-cades', '-binary', '-inform', 'DER', '-in', 'seal.p7s', '-content', data, '-CAfile', 'root.pem', '-purpose', 'any', '-attime', String(Math.floor(at.getTime() / 1000)), '-out', '/dev/null']);
    expect(verify('content.bin').output).toContain('CAdES Verification successful');
    const tampered = Buffer.from(content);
    tampered[3] ^= 0x01;
    tmp.write('tampered.bin', tampered);
    expect(verify('tampered.bin').status).not.toBe(0);
    expect(verifyDetached(cms, tampered, [pki.root.certificatePem], { at }).contentDigestMatches).toBe(false);
  });

  it('draws a fresh random serial when none is given', () => {
    const serial = (der: Buffer) => parseTimestampToken(parseSignedData(der).unsignedTimestampToken as Buffer).serialHex;
    const a = sealCms({ content, seal: pki.seal, chain: [pki.ca.certificatePem, pki.root.certificatePem], tsa: pki.tsa, at });
    const b = sealCms({ content, seal: pki.seal, chain: [pki.ca.certificatePem, pki.root.certificatePem], tsa: pki.tsa, at });
    expect(serial(a)).not.toBe(serial(b));
  });
});
