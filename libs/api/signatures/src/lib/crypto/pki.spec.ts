import { execFileSync } from 'node:child_process';

import { type CertificateInfo, parseCertificate } from './certificate';
import { WrongPinError } from './crypto.errors';
import { OID } from './oids';
import { createFacilityAuthorities, createRootCaCertificate, decryptPrivateKey, encryptPrivateKey, generateRsaKeyPair, readPkcs12 } from './pki';
import { CA_CRL_URL, OpenSslDir, ROOT_CRL_URL, type TestPki, makeTestPki } from './__fixtures__/test-pki';

describe('pki', () => {
  let pki: TestPki;
  let tmp: OpenSslDir;
  let doctor: CertificateInfo;

  beforeAll(async () => {
    pki = await makeTestPki();
    tmp = new OpenSslDir();
    doctor = parseCertificate(pki.doctor.certificatePem);
  });
  afterAll(() => tmp.dispose());

  it('issues a user certificate with the Vietnamese full name as a UTF8String CN and the practising number (R5)', () => {
    expect(doctor.subject).toBe(
      'C=VN, O=Bệnh viện Đa khoa Tỉnh Bình Định, organizationIdentifier=52001, CN=Nguyễn Thị Minh Châu, serialNumber=000123/BD-CCHN, UID=chau.ntm',
    );
    expect(doctor.subjectDer.includes(Buffer.from([0x0c]))).toBe(true); // UTF8String tag present
    expect(doctor.serial).toHaveLength(16);
    expect(doctor.serial[0] & 0x80).toBe(0);
    expect(doctor.keyUsage).toEqual(new Set(['digitalSignature', 'nonRepudiation']));
    expect(doctor.extensions.get(OID.keyUsage)?.critical).toBe(true);
    expect(doctor.extKeyUsage).toEqual([OID.kpEmailProtection]);
    expect(doctor.crlDistributionPoints).toEqual([CA_CRL_URL]);
    expect(doctor.authorityKeyIdentifier).toEqual(parseCertificate(pki.ca.certificatePem).subjectKeyIdentifier);
    expect(doctor.basicConstraints).toEqual({ ca: false });
  });

  it('gives the issuing CA pathLen 0 and keyCertSign+cRLSign, the root CRL as its distribution point', () => {
    const ca = parseCertificate(pki.ca.certificatePem);
    expect(ca.basicConstraints).toEqual({ ca: true, pathLen: 0 });
    expect(ca.keyUsage).toEqual(new Set(['keyCertSign', 'cRLSign']));
    expect(ca.crlDistributionPoints).toEqual([ROOT_CRL_URL]);
    expect(ca.issuerDer).toEqual(parseCertificate(pki.root.certificatePem).subjectDer);
  });

  it('refuses a root CA shorter than 10 or longer than 25 years', async () => {
    const { privateKey } = await generateRsaKeyPair();
    const base = { facilityName: 'BV', facilityCode: '1', commonName: 'x', privateKey };
    expect(() => createRootCaCertificate({ ...base, validityYears: 5 })).toThrow(RangeError);
    expect(() => createRootCaCertificate({ ...base, validityYears: 30 })).toThrow(RangeError);
  });

  it('never issues beyond the issuer’s own expiry', () => {
    const ca = parseCertificate(pki.ca.certificatePem);
    const root = parseCertificate(pki.root.certificatePem);
    expect(ca.notAfter.getTime()).toBeLessThanOrEqual(root.notAfter.getTime());
  });

  it('makes a TSA certificate with a critical id-kp-timeStamping EKU and a seal certificate for the facility (R7)', () => {
    const tsa = parseCertificate(pki.tsa.certificatePem);
    expect(tsa.extKeyUsage).toEqual([OID.kpTimeStamping]);
    expect(tsa.extensions.get(OID.extKeyUsage)?.critical).toBe(true);
    expect(tsa.keyUsage).toEqual(new Set(['digitalSignature']));
    const seal = parseCertificate(pki.seal.certificatePem);
    expect(seal.subject).toContain('CN=Bệnh viện Đa khoa Tỉnh Bình Định');
    expect(seal.keyUsage).toEqual(new Set(['digitalSignature', 'nonRepudiation']));
  });

  it('OpenSSL reads the extensions and verifies every certificate up to the root', () => {
    tmp.write('root.pem', pki.root.certificatePem);
    tmp.write('ca.pem', pki.ca.certificatePem);
    const text = tmp.ok(['x509', '-in', tmp.write('doctor.pem', pki.doctor.certificatePem), '-noout', '-text', '-nameopt', 'utf8,sep_comma_plus_space']);
    expect(text).toMatch(/X509v3 Key Usage: critical\s+Digital Signature, Non Repudiation/);
    expect(text).toMatch(/X509v3 CRL Distribution Points:\s+Full Name:\s+URI:http:\/\/pki\.benhan\.local\/52001\/ca\.crl/);
    expect(text).toMatch(/X509v3 Subject Key Identifier/);
    expect(text).toMatch(/X509v3 Authority Key Identifier/);
    expect(text).toContain('CN=Nguyễn Thị Minh Châu');
    expect(text).toContain('E-mail Protection');
    const tsaText = tmp.ok(['x509', '-in', tmp.write('tsa.pem', pki.tsa.certificatePem), '-noout', '-text']);
    expect(tsaText).toMatch(/X509v3 Extended Key Usage: critical\s+Time Stamping/);
    const caText = tmp.ok(['x509', '-in', 'ca.pem', '-noout', '-text']);
    expect(caText).toMatch(/CA:TRUE, pathlen:0/);
    expect(caText).toMatch(/Certificate Sign, CRL Sign/);
    tmp.write('seal.pem', pki.seal.certificatePem);
    for (const leaf of ['doctor.pem', 'seal.pem', 'tsa.pem', 'ca.pem']) {
      expect(tmp.ok(['verify', '-CAfile', 'root.pem', '-untrusted', 'ca.pem', leaf])).toContain(`${leaf}: OK`);
    }
    expect(tmp.ok(['verify', '-CAfile', 'root.pem', '-untrusted', 'ca.pem', '-purpose', 'timestampsign', 'tsa.pem'])).toContain('OK');
  });

  it('encrypts a private key under the PIN as PKCS#8 PBES2 and opens it again', () => {
    const pem = encryptPrivateKey(pki.doctor.privateKey, '246810');
    expect(pem).toContain('-----BEGIN ENCRYPTED PRIVATE KEY-----');
    const opened = decryptPrivateKey(pem, '246810');
    expect(opened.export({ type: 'pkcs8', format: 'der' })).toEqual(pki.doctor.privateKey.export({ type: 'pkcs8', format: 'der' }));
    const asn1 = tmp.ok(['asn1parse', '-in', tmp.write('key.pem', pem)]);
    expect(asn1).toContain('PBES2');
    expect(asn1).toContain('aes-256-cbc');
  });

  it('throws WrongPinError for a wrong PIN', () => {
    const pem = encryptPrivateKey(pki.doctor.privateKey, '246810');
    for (const pin of ['246811', '', '0000000000']) {
      expect(() => decryptPrivateKey(pem, pin)).toThrow(WrongPinError);
    }
  });

  it.each([[[] as string[]], [['-legacy']]])('reads a PKCS#12 made by OpenSSL %j: key, certificate, chain', (extra) => {
    tmp.write('doctor.key', pki.doctor.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
    tmp.write('chain.pem', pki.ca.certificatePem + pki.root.certificatePem);
    tmp.ok(['pkcs12', '-export', ...extra, '-inkey', 'doctor.key', '-in', 'doctor.pem', '-certfile', 'chain.pem', '-passout', 'pass:mật khẩu', '-out', 'doctor.p12']);
    const p12 = execFileSync('cat', [`${tmp.dir}/doctor.p12`]);
    const read = readPkcs12(p12, 'mật khẩu');
    expect(read.certificatePem).toBe(parseCertificate(pki.doctor.certificatePem).pem);
    expect(read.chainPems).toEqual([pki.ca.certificatePem, pki.root.certificatePem].map((p) => parseCertificate(p).pem));
    expect(read.privateKey.export({ type: 'pkcs8', format: 'der' })).toEqual(pki.doctor.privateKey.export({ type: 'pkcs8', format: 'der' }));
    expect(() => readPkcs12(p12, 'sai')).toThrow(WrongPinError);
  });
});

describe('createFacilityAuthorities', () => {
  it('makes a root, issuing CA, seal and TSA that OpenSSL chains, with the CRL distribution points given', async () => {
    const a = await createFacilityAuthorities({ facilityName: 'Trung tâm Y tế Huyện Núi Thành', facilityCode: '49012', crlUrl: 'http://pki.local/ca.crl' });
    const tmp = new OpenSslDir();
    try {
      tmp.write('root.pem', a.root.certificatePem);
      tmp.write('ca.pem', a.issuing.certificatePem);
      for (const [name, pem] of [['seal.pem', a.seal.certificatePem], ['tsa.pem', a.tsa.certificatePem]]) {
        expect(tmp.ok(['verify', '-CAfile', 'root.pem', '-untrusted', 'ca.pem', tmp.write(name, pem)])).toContain(': OK');
        expect(parseCertificate(pem).crlDistributionPoints).toEqual(['http://pki.local/ca.crl']);
      }
      expect(parseCertificate(a.issuing.certificatePem).crlDistributionPoints).toEqual([]); // no root CRL given
      expect(parseCertificate(a.root.certificatePem).notAfter.getUTCFullYear() - new Date().getUTCFullYear()).toBe(20);
    } finally {
      tmp.dispose();
    }
  });
});
