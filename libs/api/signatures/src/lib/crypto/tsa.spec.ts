import { createHash } from 'node:crypto';

import { parseSignedData, signDetached, verifyDetached, addUnsignedTimestamp } from './cms';
import { OID } from './oids';
import {
  parseTimestampToken,
  signatureImprint,
  timestamp,
  timestampResponse,
  timestampSignature,
  verifySignatureTimestamp,
  verifyTimestampToken,
} from './tsa';
import { OpenSslDir, type TestPki, makeTestPki } from './__fixtures__/test-pki';

describe('tsa', () => {
  let pki: TestPki;
  let tmp: OpenSslDir;
  const content = Buffer.from('{"chanDoan":"Sốt xuất huyết Dengue"}', 'utf8');
  const genTime = new Date('2026-03-02T08:15:31.250Z');
  let cms: Buffer;
  let token: Buffer;

  beforeAll(async () => {
    pki = await makeTestPki(new Date('2026-01-01T00:00:00Z'));
    tmp = new OpenSslDir();
    tmp.write('root.pem', pki.root.certificatePem);
    tmp.write('chain.pem', pki.ca.certificatePem + pki.root.certificatePem);
    cms = signDetached({ content, signerCertificate: pki.doctor.certificatePem, chain: [pki.ca.certificatePem], privateKey: pki.doctor.privateKey, signingTime: new Date('2026-03-02T08:15:30Z') });
    token = timestampSignature(cms, { tsaCertificate: pki.tsa.certificatePem, tsaKey: pki.tsa.privateKey, chain: [pki.ca.certificatePem], time: genTime, serial: 4242n, nonce: 7n });
  });
  afterAll(() => tmp.dispose());

  it('round-trips a token: genTime with milliseconds, imprint of the signature value, serial, TSA certificate', () => {
    const parsed = parseTimestampToken(token);
    expect(parsed.genTime).toEqual(genTime);
    expect(parsed.messageImprint).toEqual({ hashAlgorithm: OID.sha256, hash: createHash('sha256').update(parseSignedData(cms).signature).digest() });
    expect(parsed.serialHex).toBe((4242).toString(16));
    expect(parsed.policy).toBe(OID.benhanTsaPolicy);
    expect(parsed.tsaSubject).toContain('CN=Benhan TSA');
    expect(parsed.signedData.version).toBe(3);
    expect(parsed.signedData.signedAttributes.contentType).toBe(OID.tstInfo);
    expect(parseTimestampToken(timestampResponse(token)).genTime).toEqual(genTime);
  });

  it('verifies its own token: imprint, signature, ESS, chain at genTime and the TSA key usage', () => {
    const r = verifyTimestampToken(token, { signatureValue: parseSignedData(cms).signature, trustedRoots: [pki.root.certificatePem] });
    expect(r).toMatchObject({ valid: true, imprintMatches: true, contentDigestMatches: true, signatureValid: true, signingCertificateMatches: true, chainValid: true, keyUsageOk: true, genTime });
    const other = verifyTimestampToken(token, { messageImprint: createHash('sha256').update('other').digest(), trustedRoots: [pki.root.certificatePem] });
    expect(other).toMatchObject({ valid: false, imprintMatches: false, signatureValid: true });
  });

  it('refuses a token signed by a key without id-kp-timeStamping (the doctor)', () => {
    const fake = timestamp({ messageImprint: signatureImprint(cms), tsaCertificate: pki.doctor.certificatePem, tsaKey: pki.doctor.privateKey, chain: [pki.ca.certificatePem], time: genTime, serial: 1 });
    const r = verifyTimestampToken(fake, { signatureValue: parseSignedData(cms).signature, trustedRoots: [pki.root.certificatePem] });
    expect(r).toMatchObject({ valid: false, keyUsageOk: false, signatureValid: true, imprintMatches: true });
  });

  it('OpenSSL `ts -verify` accepts the token (token_in, -digest) and the response (-data), and refuses other data', () => {
    const attime = ['-attime', String(Math.floor(genTime.getTime() / 1000))]; // certificates checked at genTime
    tmp.write('token.tst', token);
    tmp.write('resp.tsr', timestampResponse(token));
    const signatureValue = parseSignedData(cms).signature;
    tmp.write('signature.bin', signatureValue);
    const digest = createHash('sha256').update(signatureValue).digest('hex');
    const byDigest = tmp.run(['ts', '-verify', '-in', 'token.tst', '-token_in', '-digest', digest, '-CAfile', 'root.pem', '-untrusted', 'chain.pem', ...attime]);
    expect(byDigest.output).toContain('Verification: OK');
    const byData = tmp.run(['ts', '-verify', '-in', 'resp.tsr', '-data', 'signature.bin', '-CAfile', 'root.pem', ...attime]);
    expect(byData.output).toContain('Verification: OK');
    const printed = tmp.ok(['ts', '-reply', '-in', 'resp.tsr', '-text']);
    expect(printed).toContain('Policy OID: 1.3.6.1.4.1.99999.1.1');
    expect(printed).toMatch(/Time stamp: Mar {2}2 08:15:31\.25 2026 GMT/);
    const wrong = tmp.run(['ts', '-verify', '-in', 'token.tst', '-token_in', '-digest', createHash('sha256').update('x').digest('hex'), '-CAfile', 'root.pem']);
    expect(wrong.status).not.toBe(0);
    expect(wrong.output).toMatch(/message imprint mismatch/);
  });

  it('rides in the CMS as an unsigned attribute that OpenSSL prints and that verifies against the signature', () => {
    const stamped = addUnsignedTimestamp(cms, token);
    tmp.write('stamped.p7s', stamped);
    expect(tmp.ok(['cms', '-cmsout', '-print', '-inform', 'DER', '-in', 'stamped.p7s'])).toMatch(/id-smime-aa-timeStampToken/);
    expect(verifySignatureTimestamp(stamped, [pki.root.certificatePem])?.valid).toBe(true);
    expect(verifyDetached(stamped, content, [pki.root.certificatePem], { at: genTime }).valid).toBe(true);
    // a token for another signature does not verify against this one
    const otherCms = signDetached({ content: Buffer.from('x'), signerCertificate: pki.doctor.certificatePem, chain: [], privateKey: pki.doctor.privateKey, signingTime: genTime });
    const misplaced = addUnsignedTimestamp(otherCms, token);
    expect(verifySignatureTimestamp(misplaced, [pki.root.certificatePem])).toMatchObject({ valid: false, imprintMatches: false });
  });
});
