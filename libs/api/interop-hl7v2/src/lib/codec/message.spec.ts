import { UNLICENSED_FIXTURES, hasUnlicensedFixtures, hl7v2FixtureNames, readHl7v2Fixture } from '../../testing/fixtures';
import { Hl7ParseError } from './hl7.errors';
import { Hl7Message } from './message';

interface Expectation {
  type: string;
  version: string;
  controlId: string;
  encoding?: 'utf-8' | 'windows-1252' | 'latin1';
  fields: Record<string, string>;
  counts?: Record<string, number>;
}

// A few fields per shared fixture (see shared/fixtures/hl7v2/README.md), read as the standard names them.
const EXPECTED: Record<string, Expectation> = {
  'ack_r01_v231_as4700.hl7': { type: 'ACK^R01^', version: '2.3.1', controlId: 'SSSC3261_20000412-7', fields: { 'MSA-1': 'AA', 'MSA-2': 'GELS_20000412-2.243', 'MSH-18': 'ASCII', 'MSH-19.2': 'english', 'MSH-12.2.1': 'AUS' } },
  'adt_a01_v251_hl7std_ghh.hl7': { type: 'ADT^A01^ADT_A01', version: '2.5.1', controlId: 'MSG00001', fields: { 'MSH-8': 'SECURITY', 'PID-3': 'PATID1234', 'PID-3[2]': '123456789', 'PID-3[2].4': 'USSSA', 'PID-5.2': 'ADAM', 'NK1-2': 'NUCLEAR', 'PV1-7.2': 'ATTEND' } },
  'adt_a03_v25_hapi_lodi.hl7': { type: 'ADT^A03^', version: '2.5', controlId: '263206', fields: { 'PID-3[3].7': '20070103', 'PID-3[3].8': '99991231', 'PID-3[4].5': 'TEAM', 'PV1-3.11.2': 'LODI', 'PV1-3.9': 'MED. 1 - ONCOLOGIA', 'PR1-3.2': 'Mastoplastica' } },
  'adt_a08_v23_mirth.hl7': { type: 'ADT^A08^', version: '2.3', controlId: '934579920110613072049', fields: { 'PID-13.4': 'theMainMouse@disney.com', 'GT1-3.1': 'MOUSE', 'IN1-4': 'ABC Insurance Medicaid', 'IN2-72': 'SELF' } },
  'adt_a31_v23_nhs_homerton_escT.hl7': { type: 'ADT^A31^', version: '2.3', controlId: 'Q111111119T4083493511111111', fields: { 'MSH-11': '', 'PV1-4': 'Emergency-A&E/Dental', 'PID-5[3].2': 'MIAH', 'PID-8': 'Female', 'PID-2.6': '""' } },
  'oml_o21_v251_hl7std_gtt_hapi.hl7': { type: 'OML^O21^OML_O21', version: '2.5.1', controlId: 'msgOP123', fields: { 'MSH-13': '123', 'OBR-4.2': 'Glucose Tolerance Test', 'TQ1-9': 'A' }, counts: { SPM: 3 } },
  'oml_o21_v25_utf8_es_hapi.hl7': { type: 'OML^O21^', version: '2.5', controlId: '', fields: { 'MSH-7': '', 'PID-5.2': 'RODOLFO SEBASTIÁN', 'OBR-4.2': 'FAUCES RAPIDO (EIA O LATEX)' }, counts: { ORC: 4, OBR: 4 } },
  'orm_o01_v231_radiology_mesa_zds_dcm4che.hl7': { type: 'ORM^O01^', version: '2.3.1', controlId: '103106', fields: { 'MSH-7': '', 'MSH-18': ' ', 'ZDS-1': '1.113654.3.13.1026', 'OBR-24': 'MR', 'ORC-1': 'NW' } },
  'orm_o01_v23_lab_cbc.hl7': { type: 'ORM^O01^', version: '2.3', controlId: 'MSGID20060307110114', fields: { 'OBR-4': '24317-0', 'PID-30': 'NO ', 'ORC-10.3': 'MINNIE' } },
  'oru_r01_v231_pathology_fbc_as4700.hl7': { type: 'ORU^R01^ORU_R01', version: '2.3.1', controlId: 'qml_20000401.2022', encoding: 'windows-1252', fields: { 'MSH-5': 'AUSHICPR.045678AB', 'MSH-5.2': '045678AB.HANDY.JOHN…Dr', 'MSH-12.2.3': 'ISO3166-1', 'PID-3[2].4': 'AUSHIC' }, counts: { OBX: 18, ORC: 2 } },
  'oru_r01_v231_radiology_ft_as4700.hl7': { type: 'ORU^R01^ORU_R01', version: '2.3.1', controlId: 'qml_20000401.2022', encoding: 'windows-1252', fields: { 'OBX-2': 'FT', 'OBR-4.2': 'Chest: Direct Radiography' }, counts: { OBX: 1 } },
  'oru_r01_v23_cbc_mirth.hl7': { type: 'ORU^R01^', version: '2.3', controlId: '59689', fields: { 'PID-3.4.2': '1.2.840.114398.1.100', 'OBX-3.4': '6690-2', 'OBX-5': '7.0' }, counts: { OBX: 14 } },
  'oru_r01_v24_hl7std_glucose.hl7': { type: 'ORU^R01^', version: '2.4', controlId: 'CNTRL-3456', fields: { 'OBX-2': 'SN', 'OBX-5.2': '182', 'OBX-7': '70_105', 'OBX-8': 'H' } },
  'oru_r01_v251_nist_elr_lead.hl7': { type: 'ORU^R01^ORU_R01', version: '2.5.1', controlId: 'NIST-100929110701660', fields: { 'SFT-1': 'NIST Lab, Inc.', 'OBX-5': '50', 'OBX-7': '<9 mcg/dL:  Acceptable background lead exposure', 'PID-3.4.2': '2.16.840.1.113883.19.3.2.1', 'MSH-21.3': '2.16.840.1.114222.4.10.3' } },
  'oru_r01_v251_nist_lri_cbc.hl7': { type: 'ORU^R01^ORU_R01', version: '2.5.1', controlId: 'NIST-LRI-NG-002.00', fields: { 'OBX-6.2': 'million per microliter', 'OBX-7': '4.3 to 6.2', 'MSH-21[3].1': 'LRI_RU_Component' }, counts: { OBX: 28 } },
  'oru_r01_v251_radiology_sr_dcm4che.hl7': { type: 'ORU^R01^ORU_R01', version: '2.5.1', controlId: '1001129', encoding: 'latin1', fields: { 'MSH-18': '8859/1', 'OBX-5': '1.2.392.200036.9125.0.198811291108.7', 'OBR-32.1.2': 'VerifyingObserverFN', 'OBR-32.1.7': 'Md', 'NTE-3': 'PatientComments' }, counts: { OBX: 15 } },
  // The README places the interpreter (`&CYTO&JANE^…`) in OBR-32; counted, it stands in OBR-33 of both OBRs (the first OBR also has
  // an extra "F" in OBR-25), and OBR-32 is empty.
  'oru_r01_v25_cbc_diff_spm.hl7': { type: 'ORU^R01^', version: '2.5', controlId: '182', fields: { 'OBR-33.1.2': 'CYTO', 'OBR-33.2': '20141006092900+0700', 'OBR-32': '', 'OBX-6': '' }, counts: { OBR: 2, OBX: 10, SPM: 2 } },
};

describe(Hl7Message.name, () => {
  describe('the shared fixtures', () => {
    const available = Object.keys(EXPECTED).filter((name) => hasUnlicensedFixtures() || !UNLICENSED_FIXTURES.includes(name));

    it('covers every file of the fixture set (17 with shared/fixtures/hl7v2 at hand, else the 14 licensed copies)', () => {
      expect(hl7v2FixtureNames()).toEqual(available.sort());
    });

    it.each(Object.entries(EXPECTED).filter(([name]) => available.includes(name)))('parses %s and writes it back byte for byte', (name, expected) => {
      const bytes = readHl7v2Fixture(name);
      const msg = Hl7Message.parse(bytes);
      const t = msg.messageType;
      expect(`${t.code}^${t.trigger}^${t.structure}`).toBe(expected.type);
      expect(msg.version).toBe(expected.version);
      expect(msg.controlId).toBe(expected.controlId);
      expect(msg.encoding).toBe(expected.encoding ?? 'utf-8');
      for (const [path, value] of Object.entries(expected.fields)) expect([path, msg.get(path)]).toEqual([path, value]);
      for (const [segment, count] of Object.entries(expected.counts ?? {})) expect([segment, msg.segments(segment).length]).toEqual([segment, count]);
      expect(msg.toBuffer().equals(bytes)).toBe(true);
      expect(Hl7Message.parse(msg.toString()).toString()).toBe(msg.toString());
    });
  });

  it('reads MSH-1 and MSH-2 literally and numbers MSH fields as the standard does', () => {
    const msg = Hl7Message.parse(readHl7v2Fixture('adt_a01_v251_hl7std_ghh.hl7'));
    expect(msg.get('MSH-1')).toBe('|');
    expect(msg.get('MSH-2')).toBe('^~\\&');
    expect(msg.get('MSH-3')).toBe('ADT1');
    expect(msg.header.raw(9)).toBe('ADT^A01^ADT_A01');
  });

  it('numbers every MSH the same way, also a second one in the same text', () => {
    const msg = Hl7Message.parse('MSH|^~\\&|A||||||ADT^A08|1|P|2.5\rMSH|^~\\&|B||||||ADT^A08|2|P|2.5\r');
    expect(msg.get('MSH-10', { segmentIndex: 1 })).toBe('2');
    expect(msg.toString()).toBe('MSH|^~\\&|A||||||ADT^A08|1|P|2.5\rMSH|^~\\&|B||||||ADT^A08|2|P|2.5\r');
  });

  it('reads a repeated segment by its 0-based index and a repetition by its 1-based number', () => {
    const msg = Hl7Message.parse(readHl7v2Fixture('oru_r01_v23_cbc_mirth.hl7'));
    expect(msg.get('OBX-5', { segmentIndex: 3 })).toBe('16');
    expect(msg.get('OBX-8', { segmentIndex: 3 })).toBe('H');
    expect(msg.segments('OBX').map((obx) => obx.get('3.1'))).toContain('plt');
    expect(msg.segment('OBX', 13)?.get('OBX-5')).toBe('221');
    expect(msg.get('OBX-5', { segmentIndex: 99 })).toBe('');
    expect(msg.get('ZZZ-1')).toBe('');
  });

  it('decodes \\T\\ in the NHS file and \\.br\\ as a line break in a formatted-text report', () => {
    expect(Hl7Message.parse(readHl7v2Fixture('adt_a31_v23_nhs_homerton_escT.hl7')).get('PV1-4')).toBe('Emergency-A&E/Dental');
    const own = Hl7Message.parse('MSH|^~\\&|RIS|BV|EMR|BV|20261128090000||ORU^R01|1|P|2.5.1||||||UNICODE UTF-8\rOBX|1|FT|18782-3^Radiology study^LN||XQ NGỰC THẲNG\\.br\\\\.br\\KẾT LUẬN:\\.br\\Bình thường.||||||F\r');
    expect(own.get('OBX-5')).toBe('XQ NGỰC THẲNG\n\nKẾT LUẬN:\nBình thường.');
  });

  (hasUnlicensedFixtures() ? it : it.skip)('decodes \\.br\\ in the AS 4700 radiology report (shared set only: no stated licence)', () => {
    const report = Hl7Message.parse(readHl7v2Fixture('oru_r01_v231_radiology_ft_as4700.hl7')).get('OBX-5');
    expect(report.startsWith('XRAY CHEST (AP MOBILE SUPINE)\n\nCLINICAL NOTES:\n? APO.\n\nFINDINGS:\nMild generalised cardiomegaly.')).toBe(true);
    expect(report).toContain('Electronically signed by: Dr IPO RADIOLOGIST\n');
    expect(report).not.toContain('\\');
  });

  it('gives a field back as structure (repetitions, components, sub-components), unescaped', () => {
    const msg = Hl7Message.parse('MSH|^~\\&|A|B\rPID|1||X1^^^H&1.2&ISO^MR~Y\\S\\2||A\\T\\B\r');
    expect(msg.segment('PID')?.value(3)).toEqual({ repetitions: [['X1', '', '', ['H', '1.2', 'ISO'], 'MR'], 'Y^2'] });
    expect(msg.segment('PID')?.value(5)).toBe('A&B');
    expect(msg.segment('PID')?.repetitionCount(3)).toBe(2);
  });

  it('accepts LF and CRLF between segments, a byte-order mark and a 5-character MSH-2', () => {
    const lf = Hl7Message.parse('\uFEFFMSH|^~\\&#|A|B|C|D|||ADT^A01|1|P|2.5\nPID|1\r\nPV1|1\n');
    expect(lf.segments().map((s) => s.name)).toEqual(['MSH', 'PID', 'PV1']);
    expect(lf.delimiters.truncation).toBe('#');
    expect(lf.get('MSH-9.2')).toBe('A01');
    expect(lf.toString()).toBe('MSH|^~\\&#|A|B|C|D|||ADT^A01|1|P|2.5\rPID|1\rPV1|1\r');
  });

  it('uses the delimiters MSH declares, not the usual ones', () => {
    const msg = Hl7Message.parse('MSH*:!/$*APP*FAC*****ORU:R01*42*P*2.5.1\rPID*1**A:B$C!D:E**N/F/M\r');
    expect(msg.get('MSH-9.2')).toBe('R01');
    expect(msg.get('PID-3.2.2')).toBe('C');
    expect(msg.get('PID-3[2].2')).toBe('E');
    expect(msg.get('PID-5')).toBe('N*M');
  });

  it('refuses what is not an HL7 v2 message, naming why', () => {
    expect(() => Hl7Message.parse('PID|1')).toThrow(expect.objectContaining({ code: 'NO_MSH' }));
    expect(() => Hl7Message.parse('MSH|')).toThrow(expect.objectContaining({ code: 'BAD_DELIMITERS' }));
    expect(() => Hl7Message.parse('MSH|^^\\&|A')).toThrow(expect.objectContaining({ code: 'BAD_DELIMITERS' }));
    expect(() => Hl7Message.parse('MSH|^~\\&|A\rthis is not a segment')).toThrow(Hl7ParseError);
    expect(() => Hl7Message.parse('MSH|^~\\&|A').get('PID3')).toThrow(expect.objectContaining({ code: 'BAD_PATH' }));
  });

  it('still reads the header of a message whose body is broken (for its ACK)', () => {
    const header = Hl7Message.parseHeader('MSH|^~\\&|LIS|LAB|BENHAN|BV|20261128||ORU^R01|C1|P|2.5.1\rthis is not a segment\r');
    expect(header?.controlId).toBe('C1');
    expect(header?.segments()).toHaveLength(1);
    expect(Hl7Message.parseHeader('garbage')).toBeNull();
  });
});
