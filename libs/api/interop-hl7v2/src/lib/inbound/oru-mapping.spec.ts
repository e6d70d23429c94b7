import { Hl7MessageBuilder, repeat } from '../codec/builder';
import { Hl7Message } from '../codec/message';
import { readHl7v2Fixture } from '../../testing/fixtures';
import { Hl7InboundError } from './inbound.errors';
import { patientIdentifiers, placerOrderNumber, readOruGroups, referenceRange, reportId, toImagingRequest, toLabRequest, toSpecimenRequest } from './oru-mapping';

const ORDER = '6f1c1b0e-3a2d-4c55-9a1e-0d6f2a3b4c5d';
const VIEWER = 'https://pacs.local/viewer?StudyInstanceUIDs={uid}';

/** Our own ORU^R01 as a Vietnamese LIS writes it: CBC values, an SPM, the patient's code and CCCD in PID-3. */
function labMessage(obx: (string | string[])[][] = DEFAULT_OBX, extra: { obr25?: string; filler?: string } = {}): Hl7Message {
  const b = new Hl7MessageBuilder({ sendingApplication: 'lis', sendingFacility: 'KHOA_XN', receivingApplication: 'BENHAN', messageType: { code: 'ORU', trigger: 'R01', structure: 'ORU_R01' }, controlId: 'LIS-0001' })
    .segment('PID', ['1', '', repeat(['BN26000001', '', '', 'BENHAN', 'MR'], ['001065009876', '', '', 'BCA', 'NNVN']), '', ['NGUYỄN', 'THỊ HƯỜNG']])
    .segment('ORC', ['RE', ORDER, extra.filler ?? 'XN-2026-000123'])
    .segment('OBR', ['1', ORDER, extra.filler ?? 'XN-2026-000123', ['58410-2', 'CBC', 'LN'], '', '', '20261127070500', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '20261127084000', '', '', extra.obr25 ?? 'F'])
    .segment('NTE', ['1', '', 'Mẫu hơi tan huyết.']);
  for (const fields of obx) b.segment('OBX', fields);
  b.segment('SPM', ['1', ['', ['SPM-778899']], '', ['BLD', 'Whole blood', 'HL70487'], '', '', '', '', '', '', '', '', '', '', '', '', '20261127070500', '20261127073000']);
  return b.build();
}

const DEFAULT_OBX: (string | string[])[][] = [
  ['1', 'NM', ['718-7', 'Hemoglobin', 'LN'], '', '131', ['g/L', 'gram per liter', 'UCUM'], '120-170', 'N', '', '', 'F', '', '', '', '', ['', 'VŨ', 'THỊ LAN']],
  ['2', 'NM', ['HH-WBC', 'Bạch cầu', '99BH', '6690-2', 'Leukocytes', 'LN'], '', '12.4', '10*3/uL', '4.0 - 10.0', 'H', '', '', 'C'],
  ['3', 'ST', ['HH-NOTE', 'Nhận xét', 'L'], '', 'Hình thái hồng cầu bình thường', '', '', '', '', '', 'P'],
  ['4', 'NM', ['777-3', 'Platelets', 'LN'], '', '', '10*3/uL', '', '', '', '', 'I'],
];

describe('ORU^R01 → RecordResultRequest', () => {
  it('maps a lab group to the request the FHIR path would build: codes, values, UCUM units, ranges, flags, statuses, times', () => {
    const message = labMessage();
    const [group] = readOruGroups(message);
    const { request, observationSegments } = toLabRequest(group, message.controlId, 1);
    expect(request).toEqual({
      externalId: 'XN-2026-000123',
      status: 'final',
      effectiveAt: '2026-11-27T00:05:00.000Z',
      issued: '2026-11-27T01:40:00.000Z',
      performer: null,
      conclusion: 'Mẫu hơi tan huyết.',
      observations: [
        { code: '718-7', display: 'Hemoglobin', valueQuantity: 131, unit: 'g/L', valueString: null, referenceRange: { low: 120, high: 170, text: null }, interpretation: 'N', status: 'final', performer: 'VŨ THỊ LAN' },
        // The LOINC of the alternate triplet wins over the local code.
        { code: '6690-2', display: 'Leukocytes', valueQuantity: 12.4, unit: '10*3/uL', valueString: null, referenceRange: { low: 4, high: 10, text: null }, interpretation: 'H', status: 'corrected', performer: null },
        { code: 'HH-NOTE', display: 'Nhận xét', valueQuantity: null, unit: null, valueString: 'Hình thái hồng cầu bình thường', referenceRange: null, interpretation: null, status: 'preliminary', performer: null },
      ],
    });
    // The pending OBX (status I, no value) is not a result; the others keep their place in the message for ERR-2.
    expect(observationSegments.map((s) => s.sequence)).toEqual([1, 2, 3]);
  });

  it('maps the same message to the same request every time (the domain is idempotent on its hash)', () => {
    const a = toLabRequest(readOruGroups(labMessage())[0], 'X', 1).request;
    const b = toLabRequest(readOruGroups(labMessage())[0], 'X', 1).request;
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('reads the order (OBR-2, else ORC-2), the filler number as report id (MSH-10 without one) and every PID-3 identifier', () => {
    const message = labMessage(DEFAULT_OBX, { filler: '' });
    const [group] = readOruGroups(message);
    expect(placerOrderNumber(group)).toEqual({ value: ORDER, field: 'OBR' });
    expect(reportId(group, 'LIS-0001', 1)).toBe('LIS-0001');
    expect(reportId(group, 'LIS-0001', 2)).toBe('LIS-0001-1');
    expect(patientIdentifiers(group)).toEqual(['BN26000001', '001065009876']);
    expect(reportId(readOruGroups(labMessage())[0], 'LIS-0001', 1)).toBe('XN-2026-000123');
  });

  it('maps SPM to the specimen: the lab accession (SPM-2 filler part), type from table 0487, collected and received times', () => {
    const [group] = readOruGroups(labMessage());
    expect(toSpecimenRequest(group, group.specimens[0])).toEqual({
      accession: 'SPM-778899',
      status: 'available',
      typeCode: 'BLD',
      typeDisplay: 'Whole blood',
      collectedAt: '2026-11-27T00:05:00.000Z',
      receivedAt: '2026-11-27T00:30:00.000Z',
      note: null,
    });
  });

  it('answers a value that is not a number with AE 102 at OBX-5, and an unsupported status with AE 103 at OBX-11', () => {
    const notNumber = labMessage([['1', 'NM', ['718-7', 'Hb', 'LN'], '', 'cao', 'g/L']]);
    expect(() => toLabRequest(readOruGroups(notNumber)[0], 'X', 1)).toThrow(expect.objectContaining({ ack: 'AE', code: 102, location: { segment: 'OBX', sequence: 1, field: 5 } }));
    const withdrawn = labMessage([['1', 'NM', ['718-7', 'Hb', 'LN'], '', '131', 'g/L', '', '', '', '', 'W']]);
    expect(() => toLabRequest(readOruGroups(withdrawn)[0], 'X', 1)).toThrow(expect.objectContaining({ code: 103, location: { segment: 'OBX', sequence: 1, field: 11 } }));
    const badTime = new Hl7MessageBuilder({ sendingApplication: 'lis', messageType: { code: 'ORU', trigger: 'R01' } })
      .segment('OBR', ['1', ORDER, 'F1', 'X', '', '', '2026-11-27'])
      .build();
    expect(() => toLabRequest(readOruGroups(badTime)[0], 'X', 1)).toThrow(expect.objectContaining({ code: 102, location: { segment: 'OBR', sequence: 1, field: 7 } }));
  });

  it('reads reference ranges as low-high, "to", < and >, and keeps anything else as text', () => {
    expect(referenceRange('3.5-5.1')).toEqual({ low: 3.5, high: 5.1, text: null });
    expect(referenceRange('4.3 to 6.2')).toEqual({ low: 4.3, high: 6.2, text: null });
    expect(referenceRange('<5')).toEqual({ low: null, high: 5, text: null });
    expect(referenceRange('>2')).toEqual({ low: 2, high: null, text: null });
    expect(referenceRange('Âm tính')).toEqual({ low: null, high: null, text: 'Âm tính' });
    expect(referenceRange('')).toBeNull();
  });

  it('refuses an ORU without OBR (AE 100): nothing says which order the values answer', () => {
    const message = new Hl7MessageBuilder({ sendingApplication: 'lis', messageType: { code: 'ORU', trigger: 'R01' } }).segment('PID', ['1', '', 'BN1']).build();
    expect(() => readOruGroups(message)).toThrow(Hl7InboundError);
  });
});

describe('ORU^R01 imaging → RecordResultRequest', () => {
  it('takes the study UID from the OBX coded 113014 (DCM), findings from the text OBX, the impression as conclusion, the viewer URL from the template', () => {
    const message = new Hl7MessageBuilder({ sendingApplication: 'pacs', messageType: { code: 'ORU', trigger: 'R01' }, controlId: 'RIS-9' })
      .segment('PID', ['1', '', 'BN26000001'])
      .segment('OBR', ['1', ORDER, 'RIS-2026-77', ['CDHA-XQ-NGUC', 'X-quang ngực thẳng', '99BH'], '', '', '20261127090000', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '20261127100000', '', '', 'F'])
      .segment('OBX', ['1', 'ST', ['113014', 'DICOM Study', 'DCM'], '', '1.2.840.113619.2.55.3.1'])
      .segment('OBX', ['2', 'ST', ['112002', 'Series Instance UID', 'DCM'], '', '1.2.840.113619.2.55.3.1.1'])
      .segment('OBX', ['3', 'TX', ['18782-3', 'Radiology Study observation', 'LN'], '', 'Đám mờ đáy phổi phải.'])
      .segment('OBX', ['4', 'TX', ['19005-8', 'Radiology Impression', 'LN'], '', 'Viêm phổi thuỳ dưới phải.'])
      .build();
    const { request } = toImagingRequest(readOruGroups(message)[0], message.controlId, 1, { modality: 'CR', viewerUrlTemplate: VIEWER });
    expect(request).toEqual({
      externalId: 'RIS-2026-77',
      status: 'final',
      effectiveAt: '2026-11-27T02:00:00.000Z',
      issued: '2026-11-27T03:00:00.000Z',
      performer: null,
      findings: 'Đám mờ đáy phổi phải.',
      conclusion: 'Viêm phổi thuỳ dưới phải.',
      study: {
        studyInstanceUid: '1.2.840.113619.2.55.3.1',
        modality: 'CR',
        seriesCount: 1,
        instanceCount: null,
        startedAt: '2026-11-27T02:00:00.000Z',
        endpointUrl: 'https://pacs.local/viewer?StudyInstanceUIDs=1.2.840.113619.2.55.3.1',
      },
    });
  });

  it('reads the dcm4che radiology SR fixture: study UID from 113014^DICOM Study^DCM, findings from its TX/CE observations', () => {
    const message = Hl7Message.parse(readHl7v2Fixture('oru_r01_v251_radiology_sr_dcm4che.hl7'));
    const { request, studySegment } = toImagingRequest(readOruGroups(message)[0], message.controlId, 1, { modality: 'CT', viewerUrlTemplate: VIEWER });
    expect(request.study?.studyInstanceUid).toBe('1.2.392.200036.9125.0.198811291108.7');
    expect(studySegment?.sequence).toBe(1);
    expect(request.externalId).toBe('FillerOrderNumberImagingServiceRequest');
    expect(request.findings).toContain('The right kidney is slightly enlarged');
    expect(request.findings).toContain('Malignant neoplasm of left renal pelvis');
    expect(request.findings).not.toContain('1.2.392.200036.9125.0.198811291108.7.1');
  });

  it('falls back to ZDS-1 for the study (IHE scheduled workflow) and answers AE 101 when no study is named', () => {
    const message = new Hl7MessageBuilder({ sendingApplication: 'pacs', messageType: { code: 'ORU', trigger: 'R01' } })
      .segment('OBR', ['1', ORDER, 'R1'])
      .segment('OBX', ['1', 'TX', ['18782-3', 'Findings', 'LN'], '', 'Bình thường.'])
      .build();
    const [group] = readOruGroups(message);
    expect(toImagingRequest(group, 'X', 1, { modality: 'CT', viewerUrlTemplate: VIEWER, zdsStudyUid: '1.2.3' }).request.study?.studyInstanceUid).toBe('1.2.3');
    expect(() => toImagingRequest(group, 'X', 1, { modality: 'CT', viewerUrlTemplate: VIEWER })).toThrow(expect.objectContaining({ code: 101, location: { segment: 'OBR', sequence: 1 } }));
    const zds = Hl7Message.parse(readHl7v2Fixture('orm_o01_v231_radiology_mesa_zds_dcm4che.hl7'));
    expect(zds.get('ZDS-1.1')).toMatch(/^\d+(\.\d+)+$/);
  });

  it('gives each procedure of a multi-procedure report the ZDS after its own OBR; a single ZDS stands for all', () => {
    const two = new Hl7MessageBuilder({ sendingApplication: 'pacs', messageType: { code: 'ORU', trigger: 'R01' } })
      .segment('OBR', ['1', ORDER, 'R1'])
      .segment('ZDS', [['1.2.3.1', 'BENHAN', 'Application', 'DICOM']])
      .segment('OBX', ['1', 'TX', ['18782-3', 'Findings', 'LN'], '', 'Ngực bình thường.'])
      .segment('OBR', ['2', ORDER, 'R2'])
      .segment('ZDS', [['1.2.3.2', 'BENHAN', 'Application', 'DICOM']])
      .segment('OBX', ['1', 'TX', ['18782-3', 'Findings', 'LN'], '', 'Bụng bình thường.'])
      .build();
    expect(readOruGroups(two).map((g) => g.zds?.segment.get('1.1'))).toEqual(['1.2.3.1', '1.2.3.2']);
    const one = new Hl7MessageBuilder({ sendingApplication: 'pacs', messageType: { code: 'ORU', trigger: 'R01' } })
      .segment('ZDS', [['1.2.3.9']])
      .segment('OBR', ['1', ORDER, 'R1'])
      .segment('OBR', ['2', ORDER, 'R2'])
      .build();
    expect(readOruGroups(one).map((g) => g.zds?.segment.get('1.1'))).toEqual(['1.2.3.9', '1.2.3.9']);
  });
});

describe('ORU^R01 shared fixtures → RecordResultRequest', () => {
  it('maps the NIST LRI CBC (28 OBX): numeric values with UCUM units, CWE and TX as text, HH flags, collection and report times', () => {
    const message = Hl7Message.parse(readHl7v2Fixture('oru_r01_v251_nist_lri_cbc.hl7'));
    const [group] = readOruGroups(message);
    const { request } = toLabRequest(group, message.controlId, 1);
    expect(request.externalId).toBe('R-991133');
    expect(placerOrderNumber(group).value).toBe('ORD666555');
    expect(patientIdentifiers(group)).toEqual(['PATID1234']);
    expect(request.observations).toHaveLength(28);
    expect(request.observations?.[0]).toEqual(expect.objectContaining({ code: '26453-1', valueQuantity: 4.41, unit: '10*6/uL', referenceRange: { low: 4.3, high: 6.2, text: null }, interpretation: 'N', status: 'final' }));
    expect(request.observations?.[3]).toEqual(expect.objectContaining({ code: '26464-8', valueQuantity: 105600, unit: '{cells}/uL', interpretation: 'HH' }));
    expect(request.observations?.[19]).toEqual(expect.objectContaining({ code: '38892-6', valueQuantity: null, valueString: 'Present ++ out of ++++', interpretation: 'A' }));
    expect(request.observations?.[25]).toEqual(expect.objectContaining({ valueString: 'Many spherocytes present.' }));
    expect(request.effectiveAt).toBe('2011-01-03T22:34:28.000Z');
    // The SPM carries no specimen id: the filler order number stands for the accession.
    expect(toSpecimenRequest(group, group.specimens[0])).toEqual(expect.objectContaining({ accession: 'R-991133', typeCode: '119297000', typeDisplay: 'BLD' }));
  });

  it('maps the two OBR groups of the v2.5 CBC/differential fixture to two reports, skipping pending OBX and reading each SPM', () => {
    const message = Hl7Message.parse(readHl7v2Fixture('oru_r01_v25_cbc_diff_spm.hl7'));
    const groups = readOruGroups(message);
    expect(groups.map((g) => placerOrderNumber(g).value)).toEqual(['88502218', '855238581']);
    const first = toLabRequest(groups[0], message.controlId, 2);
    expect(first.request.observations?.map((o) => o.code)).toEqual(['11273-0', '20570-8', '11125-2']);
    expect(first.observationSegments.map((s) => s.sequence)).toEqual([2, 4, 5]);
    expect(toLabRequest(groups[1], message.controlId, 2).observationSegments.map((s) => s.sequence)).toEqual([6, 7, 8, 9, 10]);
    expect(toSpecimenRequest(groups[0], groups[0].specimens[0])).toEqual(expect.objectContaining({ accession: 'SpecimenID', typeCode: 'BLD', collectedAt: '2014-10-05T22:35:00.000Z', receivedAt: '2014-10-06T01:21:00.000Z' }));
  });

  it('maps the Mirth v2.3 CBC (LOINC in the alternate triplet, no placer number) and answers AE 101 at OBR-2', () => {
    const message = Hl7Message.parse(readHl7v2Fixture('oru_r01_v23_cbc_mirth.hl7'));
    const [group] = readOruGroups(message);
    expect(toLabRequest(group, message.controlId, 1).request.observations?.[0]).toEqual(expect.objectContaining({ code: '6690-2', valueQuantity: 7, unit: '/nl' }));
    expect(() => placerOrderNumber(group)).toThrow(expect.objectContaining({ ack: 'AE', code: 101, location: { segment: 'OBR', sequence: 1, field: 2 } }));
  });

  it('maps the v2.4 glucose (SN value) and the NIST ELR lead fixtures', () => {
    const glucose = Hl7Message.parse(readHl7v2Fixture('oru_r01_v24_hl7std_glucose.hl7'));
    expect(toLabRequest(readOruGroups(glucose)[0], glucose.controlId, 1).request.observations?.[0]).toEqual(
      expect.objectContaining({ code: '1554-5', valueQuantity: 182, unit: 'mg/dl', interpretation: 'H', referenceRange: { low: null, high: null, text: '70_105' } }),
    );
    const lead = Hl7Message.parse(readHl7v2Fixture('oru_r01_v251_nist_elr_lead.hl7'));
    expect(toLabRequest(readOruGroups(lead)[0], lead.controlId, 1).request.observations?.[0]).toEqual(expect.objectContaining({ code: '10368-9', valueQuantity: 50, unit: 'ug/dL' }));
  });
});
