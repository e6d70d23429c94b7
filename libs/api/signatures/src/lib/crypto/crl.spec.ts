import { parseCertificate } from './certificate';
import { createCrl, findRevocation, parseCrl, verifyCrl } from './crl';
import { OpenSslDir, type TestPki, makeTestPki } from './__fixtures__/test-pki';

describe('crl', () => {
  let pki: TestPki;
  let tmp: OpenSslDir;
  const thisUpdate = new Date('2026-03-02T00:00:00Z');
  const nextUpdate = new Date('2026-03-03T00:00:00Z');
  let doctorSerial: string;
  let crl: Buffer;

  beforeAll(async () => {
    pki = await makeTestPki(new Date('2026-01-01T00:00:00Z'));
    tmp = new OpenSslDir();
    doctorSerial = parseCertificate(pki.doctor.certificatePem).serialHex;
    crl = createCrl({
      issuerCertificate: pki.ca.certificatePem,
      issuerKey: pki.ca.privateKey,
      entries: [
        { serialHex: doctorSerial.toUpperCase(), revokedAt: new Date('2026-03-01T10:00:00Z'), reason: 'keyCompromise' },
        { serialHex: '00ff', revokedAt: new Date('2026-02-01T09:30:00Z'), reason: 'unspecified' },
        { serialHex: '0a0b0c', revokedAt: new Date('2026-02-15T00:00:00Z'), reason: 'affiliationChanged' },
      ],
      thisUpdate,
      nextUpdate,
      crlNumber: 17,
    });
  });
  afterAll(() => tmp.dispose());

  it('round-trips the revoked serials with their time and reason, the CRL number and the AKI (R6)', () => {
    const parsed = parseCrl(crl);
    expect(parsed.entries).toEqual([
      { serialHex: doctorSerial, revokedAt: new Date('2026-03-01T10:00:00Z'), reason: 'keyCompromise' },
      { serialHex: 'ff', revokedAt: new Date('2026-02-01T09:30:00Z'), reason: 'unspecified' },
      { serialHex: '0a0b0c', revokedAt: new Date('2026-02-15T00:00:00Z'), reason: 'affiliationChanged' },
    ]);
    expect(parsed.crlNumber).toBe(17n);
    expect(parsed.thisUpdate).toEqual(thisUpdate);
    expect(parsed.nextUpdate).toEqual(nextUpdate);
    expect(parsed.authorityKeyIdentifier).toEqual(parseCertificate(pki.ca.certificatePem).subjectKeyIdentifier);
    expect(findRevocation(parsed, `00${doctorSerial}`)?.reason).toBe('keyCompromise');
    expect(findRevocation(parsed, '01')).toBeUndefined();
  });

  it('verifies with the issuing CA and not with another CA', () => {
    expect(verifyCrl(crl, pki.ca.certificatePem)).toBe(true);
    expect(verifyCrl(crl, pki.root.certificatePem)).toBe(false);
    const tampered = Buffer.from(crl);
    tampered[tampered.length - 5] ^= 0x01;
    expect(verifyCrl(tampered, pki.ca.certificatePem)).toBe(false);
  });

  it('OpenSSL says "verify OK" and prints the entries, reasons and extensions', () => {
    tmp.write('ca.pem', pki.ca.certificatePem);
    tmp.write('x.crl', crl);
    const verified = tmp.run(['crl', '-inform', 'DER', '-in', 'x.crl', '-CAfile', 'ca.pem', '-noout']);
    expect(verified.output).toContain('verify OK');
    const text = tmp.ok(['crl', '-inform', 'DER', '-in', 'x.crl', '-noout', '-text']);
    expect(text).toMatch(/X509v3 CRL Number:\s+17/);
    expect(text).toMatch(/X509v3 Authority Key Identifier/);
    expect(text).toContain(`Serial Number: ${doctorSerial.toUpperCase()}`);
    expect(text).toMatch(/X509v3 CRL Reason Code:\s+Key Compromise/);
    expect(text).toMatch(/X509v3 CRL Reason Code:\s+Affiliation Changed/);
    expect(text).toContain('Next Update: Mar  3 00:00:00 2026 GMT');
  });

  it('makes OpenSSL refuse the revoked doctor certificate when CRL checking is on', () => {
    tmp.write('root.pem', pki.root.certificatePem);
    tmp.write('doctor.pem', pki.doctor.certificatePem);
    const rootCrl = createCrl({ issuerCertificate: pki.root.certificatePem, issuerKey: pki.root.privateKey, entries: [], thisUpdate, nextUpdate, crlNumber: 1 });
    tmp.write('crls.pem', [crl, rootCrl].map((d) => `-----BEGIN X509 CRL-----\n${d.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END X509 CRL-----\n`).join(''));
    const r = tmp.run(['verify', '-crl_check_all', '-CRLfile', 'crls.pem', '-CAfile', 'root.pem', '-untrusted', 'ca.pem', '-attime', String(new Date('2026-03-02T12:00:00Z').getTime() / 1000), 'doctor.pem']);
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('certificate revoked');
    const seal = tmp.run(['verify', '-crl_check_all', '-CRLfile', 'crls.pem', '-CAfile', 'root.pem', '-untrusted', 'ca.pem', '-attime', String(new Date('2026-03-02T12:00:00Z').getTime() / 1000), tmp.write('seal.pem', pki.seal.certificatePem)]);
    expect(seal.output).toContain('seal.pem: OK');
  });
});
