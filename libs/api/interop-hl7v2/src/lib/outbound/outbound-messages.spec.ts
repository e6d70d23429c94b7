import { Hl7Message as MedplumHl7Message } from '@medplum/core';
import { Message as NodeHl7ClientMessage } from 'node-hl7-client';
import {
  accessionNumber,
  buildAdtMessage,
  buildOrderMessage,
  nameParts,
  splitTitle,
  studyInstanceUid,
  type MessageEnvelope,
  type OrderSnapshot,
  type PatientSnapshot,
  type VisitSnapshot,
} from './outbound-messages';

const AT = new Date('2026-11-28T03:15:00Z'); // 10:15 in Hà Nội
const envelope = (receivingApplication: string): MessageEnvelope => ({
  facilityCode: '01999',
  facilityName: 'Bệnh viện Đa khoa Benhan',
  sendingApplication: 'BENHAN',
  receivingApplication,
  receivingFacility: '01999',
  at: AT,
  controlId: 'CTRL0001',
});

const patient: PatientSnapshot = {
  id: '6f1c1d3e-0000-4000-8000-000000000001',
  patientCode: 'BN2026000042',
  fullName: 'Nguyễn Thị Minh Khai',
  birthDate: '1968-03-09',
  birthYear: 1968,
  sex: 'female',
  citizenId: '001168000123',
  insuranceCardNumber: 'HT2010123456789',
  ethnicityCode: '01',
  nationality: 'VN',
  addressStreet: '12 Phố Huế | tầng 3', // a field separator in free text must be escaped
  addressCommuneCode: '00070',
  addressProvinceCode: '01',
  phone: '0912345678',
};

const visit: VisitSnapshot = {
  encounterId: '0a3e2c1b-0000-4000-8000-000000000002',
  type: 'inpatient',
  recordNumber: 'NOI.26.000123',
  location: { departmentCode: 'K01', departmentName: 'Khoa Nội tổng hợp', wardCode: 'P101', bedCode: 'G03' },
  attending: { id: 'b9a4c3d2-0000-4000-8000-000000000003', fullName: 'Trần Văn Bình' },
  admissionSource: 'emergency',
  startedAt: new Date('2026-11-27T01:00:00Z'),
  endedAt: null,
  dischargeOutcome: null,
};

const labOrder: OrderSnapshot = {
  id: '5e7d9c8b-1a2b-4c3d-8e9f-0a1b2c3d4e5f',
  category: 'laboratory',
  priority: 'stat',
  reasonCode: 'J18.9',
  reasonTitle: 'Viêm phổi, không đặc hiệu',
  reasonText: 'Sốt cao^ho',
  clinicalNote: 'Đang dùng kháng sinh',
  requester: { id: 'b9a4c3d2-0000-4000-8000-000000000003', fullName: 'Trần Văn Bình' },
  authoredAt: new Date('2026-11-28T03:10:00Z'),
  items: [
    { id: '11111111-2222-4333-8444-555555555555', serviceCode: 'XN-CBC', display: 'Tổng phân tích tế bào máu', loinc: '58410-2', modality: null, bodySiteCode: null, bodySiteDisplay: null },
    { id: '11111111-2222-4333-8444-666666666666', serviceCode: 'XN-GLU', display: 'Glucose máu', loinc: '2345-7', modality: null, bodySiteCode: null, bodySiteDisplay: null },
  ],
};

const imagingOrder: OrderSnapshot = {
  ...labOrder,
  id: '7a7a7a7a-1a2b-4c3d-8e9f-0a1b2c3d4e5f',
  category: 'imaging',
  priority: 'routine',
  items: [{ id: 'abcdef01-2345-4678-89ab-cdef01234567', serviceCode: 'CDHA-CT-NGUC', display: 'CT ngực không tiêm thuốc', loinc: '30745-4', modality: 'CT', bodySiteCode: '51185008', bodySiteDisplay: 'Thorax' }],
};

/**
 * Reads one leaf with both independent parsers (1-based field, repetition, component, sub-component as the standard numbers
 * them) and insists they agree; node-hl7-client unescapes, Medplum leaves escapes as sent, so only the former is returned.
 */
function reader(text: string) {
  const medplum = MedplumHl7Message.parse(text);
  const peer = new NodeHl7ClientMessage({ text });
  return (segment: string, occurrence: number, field: number, repetition = 1, component = 1, sub = 1): string => {
    const medplumSegment = medplum.segments.filter((s) => s.name === segment)[occurrence];
    expect(medplumSegment).toBeDefined();
    const viaMedplum = medplumSegment.getComponent(field, component, sub - 1, repetition - 1);
    const child = segment === 'MSH' ? field - 1 : field;
    const viaPeer = peer.get(segment).get(occurrence).get(child).get(repetition - 1).get(component - 1).get(sub - 1).toString();
    expect(viaMedplum.replace(/\\F\\/g, '|').replace(/\\S\\/g, '^').replace(/\\T\\/g, '&').replace(/\\R\\/g, '~').replace(/\\E\\/g, '\\')).toBe(viaPeer);
    return viaPeer;
  };
}

const segmentNames = (text: string) => text.split('\r').filter(Boolean).map((line) => line.slice(0, 3));

describe('outbound HL7 v2.5.1 messages, read by @medplum/core and node-hl7-client', () => {
  describe('a laboratory order (OML^O21) to the LIS', () => {
    const text = buildOrderMessage(envelope('LIS'), { messageType: 'OML^O21', control: 'NW', patient, visit, order: labOrder }).toString();
    const read = reader(text);

    it('has MSH, PID, PV1 and an ORC/TQ1/OBR group per ordered test or panel', () => {
      expect(segmentNames(text)).toEqual(['MSH', 'PID', 'PV1', 'ORC', 'TQ1', 'OBR', 'ORC', 'TQ1', 'OBR']);
    });

    it('says who sends what to whom, in v2.5.1 UTF-8', () => {
      expect([read('MSH', 0, 3), read('MSH', 0, 4), read('MSH', 0, 5), read('MSH', 0, 6)]).toEqual(['BENHAN', '01999', 'LIS', '01999']);
      expect(read('MSH', 0, 7)).toBe('20261128101500+0700');
      expect([read('MSH', 0, 9, 1, 1), read('MSH', 0, 9, 1, 2), read('MSH', 0, 9, 1, 3)]).toEqual(['OML', 'O21', 'OML_O21']);
      expect([read('MSH', 0, 10), read('MSH', 0, 11), read('MSH', 0, 12), read('MSH', 0, 18)]).toEqual(['CTRL0001', 'P', '2.5.1', 'UNICODE UTF-8']);
    });

    it('identifies the patient by patient code, CCCD and BHYT number, with a Vietnamese name intact', () => {
      expect([read('PID', 0, 3, 1, 1), read('PID', 0, 3, 1, 4), read('PID', 0, 3, 1, 5)]).toEqual(['BN2026000042', '01999', 'PI']);
      expect([read('PID', 0, 3, 2, 1), read('PID', 0, 3, 2, 4), read('PID', 0, 3, 2, 5)]).toEqual(['001168000123', 'VNM', 'NNVNM']);
      expect([read('PID', 0, 3, 3, 1), read('PID', 0, 3, 3, 5)]).toEqual(['HT2010123456789', 'HC']);
      expect([read('PID', 0, 5, 1, 1), read('PID', 0, 5, 1, 2), read('PID', 0, 5, 1, 3), read('PID', 0, 5, 1, 7)]).toEqual(['Nguyễn', 'Khai', 'Thị Minh', 'L']);
      expect([read('PID', 0, 7), read('PID', 0, 8)]).toEqual(['19680309', 'F']);
      expect([read('PID', 0, 11, 1, 1), read('PID', 0, 11, 1, 3), read('PID', 0, 11, 1, 4), read('PID', 0, 11, 1, 6)]).toEqual(['12 Phố Huế | tầng 3', '00070', '01', 'VNM']);
      expect([read('PID', 0, 22, 1, 1), read('PID', 0, 28)]).toEqual(['01', 'VN']);
    });

    it('places the patient: inpatient, department ^ ward ^ bed ^ facility, attending, record number, admitted at', () => {
      expect(read('PV1', 0, 2)).toBe('I');
      expect([1, 2, 3, 4, 9].map((c) => read('PV1', 0, 3, 1, c))).toEqual(['K01', 'P101', 'G03', '01999', 'Khoa Nội tổng hợp']);
      expect([1, 2, 3, 4].map((c) => read('PV1', 0, 7, 1, c))).toEqual(['b9a4c3d2-0000-4000-8000-000000000003', 'Trần', 'Bình', 'Văn']);
      expect([read('PV1', 0, 10), read('PV1', 0, 14), read('PV1', 0, 19, 1, 1), read('PV1', 0, 19, 1, 5)]).toEqual(['K01', '7', 'NOI.26.000123', 'VN']);
      expect([read('PV1', 0, 44), read('PV1', 0, 45)]).toEqual(['20261127080000+0700', '']);
    });

    it('orders each item under the order id as placer number, with its service code and LOINC, priority, note and reason', () => {
      for (const occurrence of [0, 1]) {
        expect([read('ORC', occurrence, 1), read('ORC', occurrence, 2, 1, 1), read('ORC', occurrence, 2, 1, 2)]).toEqual(['NW', labOrder.id, 'BENHAN']);
        expect(read('ORC', occurrence, 12, 1, 2)).toBe('Trần');
        expect([read('TQ1', occurrence, 7), read('TQ1', occurrence, 9)]).toEqual(['20261128101000+0700', 'S']);
        expect([read('OBR', occurrence, 1), read('OBR', occurrence, 2, 1, 1)]).toEqual([String(occurrence + 1), labOrder.id]);
      }
      expect([1, 2, 3, 4, 6].map((c) => read('OBR', 0, 4, 1, c))).toEqual(['XN-CBC', 'Tổng phân tích tế bào máu', 'L', '58410-2', 'LN']);
      expect([read('OBR', 1, 4, 1, 1), read('OBR', 1, 4, 1, 4)]).toEqual(['XN-GLU', '2345-7']);
      expect([read('OBR', 0, 13), read('OBR', 0, 16, 1, 1), read('OBR', 0, 24), read('OBR', 0, 27, 1, 6)]).toEqual(['Đang dùng kháng sinh', labOrder.requester.id, 'LAB', 'S']);
      expect([read('OBR', 0, 31, 1, 1), read('OBR', 0, 31, 1, 2), read('OBR', 0, 31, 1, 3)]).toEqual(['J18.9', 'Viêm phổi, không đặc hiệu', 'I10']);
      // A component separator in free text is escaped, not split.
      expect(read('OBR', 0, 31, 2, 2)).toBe('Sốt cao^ho');
      expect(read('OBR', 0, 18)).toBe('');
    });

    it('is the same order as ORM^O01 for a LIS configured so, and a cancel says CA with the reason', () => {
      const orm = buildOrderMessage(envelope('LIS'), { messageType: 'ORM^O01', control: 'NW', patient, visit, order: labOrder }).toString();
      const readOrm = reader(orm);
      expect([readOrm('MSH', 0, 9, 1, 1), readOrm('MSH', 0, 9, 1, 2), readOrm('MSH', 0, 9, 1, 3)]).toEqual(['ORM', 'O01', 'ORM_O01']);
      expect(segmentNames(orm)).toEqual(segmentNames(text));
      const cancel = buildOrderMessage(envelope('LIS'), { messageType: 'OML^O21', control: 'CA', patient, visit, order: labOrder, cancelReason: 'Chỉ định nhầm' }).toString();
      const readCancel = reader(cancel);
      expect([readCancel('ORC', 0, 1), readCancel('ORC', 0, 2, 1, 1), readCancel('ORC', 0, 5), readCancel('ORC', 0, 16, 1, 2)]).toEqual(['CA', labOrder.id, 'CA', 'Chỉ định nhầm']);
    });
  });

  describe('an imaging order (ORM^O01) to the PACS/RIS', () => {
    const text = buildOrderMessage(envelope('PACS'), { messageType: 'ORM^O01', control: 'NW', patient, visit, order: imagingOrder }).toString();
    const read = reader(text);
    const item = imagingOrder.items[0];

    it('carries what a modality worklist needs: accession, requested procedure, step, modality, study UID (IHE SWF)', () => {
      expect(segmentNames(text)).toEqual(['MSH', 'PID', 'PV1', 'ORC', 'TQ1', 'OBR', 'ZDS']);
      expect([1, 2, 4].map((c) => read('OBR', 0, 4, 1, c))).toEqual(['CDHA-CT-NGUC', 'CT ngực không tiêm thuốc', '30745-4']);
      expect([read('OBR', 0, 18), read('OBR', 0, 19), read('OBR', 0, 20)]).toEqual(['ABCDEF0123454678', 'ABCDEF0123454678', 'ABCDEF0123454678']);
      expect(read('OBR', 0, 24)).toBe('CT');
      expect([read('OBR', 0, 15, 1, 4, 1), read('OBR', 0, 15, 1, 4, 3)]).toEqual(['51185008', 'SCT']);
      expect([1, 2, 3, 4].map((c) => read('ZDS', 0, 1, 1, c))).toEqual([studyInstanceUid(item.id), 'BENHAN', 'Application', 'DICOM']);
    });

    it('derives accession and study UID from the item id: stable, DICOM-sized, the UID a valid 2.25 OID', () => {
      expect(accessionNumber(item.id)).toBe('ABCDEF0123454678');
      expect(accessionNumber(item.id)).toHaveLength(16);
      const uid = studyInstanceUid(item.id);
      expect(uid).toBe(`2.25.${BigInt('0xabcdef0123454678' + '89abcdef01234567').toString()}`);
      expect(uid.length).toBeLessThanOrEqual(64);
      expect(uid).toMatch(/^2\.25\.[1-9]\d*$/);
    });
  });

  describe('ADT', () => {
    it('A01 admission: EVN with the operator, PID, PV1', () => {
      const text = buildAdtMessage(envelope('LIS'), { trigger: 'A01', patient, visit, operator: visit.attending }).toString();
      const read = reader(text);
      expect(segmentNames(text)).toEqual(['MSH', 'EVN', 'PID', 'PV1']);
      expect([read('MSH', 0, 9, 1, 1), read('MSH', 0, 9, 1, 2), read('MSH', 0, 9, 1, 3)]).toEqual(['ADT', 'A01', 'ADT_A01']);
      expect([read('EVN', 0, 1), read('EVN', 0, 2), read('EVN', 0, 5, 1, 2), read('EVN', 0, 6)]).toEqual(['A01', '20261128101500+0700', 'Trần', '20261128101500+0700']);
      expect(read('PID', 0, 3, 1, 1)).toBe('BN2026000042');
      expect(read('PV1', 0, 3, 1, 1)).toBe('K01');
    });

    it('A02 transfer names the prior location in PV1-6', () => {
      const prior = { departmentCode: 'CC', departmentName: 'Khoa Cấp cứu', wardCode: null, bedCode: null };
      const read = reader(buildAdtMessage(envelope('PACS'), { trigger: 'A02', patient, visit, priorLocation: prior }).toString());
      expect([read('MSH', 0, 9, 1, 3), read('PV1', 0, 3, 1, 1), read('PV1', 0, 6, 1, 1), read('PV1', 0, 6, 1, 9)]).toEqual(['ADT_A02', 'K01', 'CC', 'Khoa Cấp cứu']);
    });

    it('A03 discharge gives the discharge time and disposition; A04 an outpatient; A08 between stays says PV1-2 N', () => {
      const discharged = { ...visit, endedAt: new Date('2026-12-02T02:30:00Z'), dischargeOutcome: 'died' as const };
      const readA03 = reader(buildAdtMessage(envelope('LIS'), { trigger: 'A03', patient, visit: discharged }).toString());
      expect([readA03('MSH', 0, 9, 1, 3), readA03('PV1', 0, 36), readA03('PV1', 0, 45)]).toEqual(['ADT_A03', '20', '20261202093000+0700']);
      const readA04 = reader(buildAdtMessage(envelope('LIS'), { trigger: 'A04', patient, visit: { ...visit, type: 'outpatient', recordNumber: null } }).toString());
      expect([readA04('MSH', 0, 9, 1, 3), readA04('PV1', 0, 2), readA04('PV1', 0, 19, 1, 1)]).toEqual(['ADT_A01', 'O', visit.encounterId]);
      const a08 = buildAdtMessage(envelope('LIS'), { trigger: 'A08', patient: { ...patient, citizenId: null, insuranceCardNumber: null, birthDate: null }, visit: null }).toString();
      const readA08 = reader(a08);
      expect([readA08('MSH', 0, 9, 1, 2), readA08('PV1', 0, 2), readA08('PID', 0, 3, 1, 1), readA08('PID', 0, 7)]).toEqual(['A08', 'N', 'BN2026000042', '1968']);
      // Only the patient code: no empty repetitions for the identifiers the patient does not have.
      expect(a08.split('\r')[2].split('|')[3]).toBe('BN2026000042^^^01999^PI');
    });
  });

  it('splits Vietnamese names as family ^ given ^ middle', () => {
    expect(nameParts('Nguyễn Thị Minh Khai')).toEqual(['Nguyễn', 'Khai', 'Thị Minh']);
    expect(nameParts('  Lê   Na ')).toEqual(['Lê', 'Na', '']);
    expect(nameParts('Y-Moan')).toEqual(['Y-Moan', '', '']);
  });

  it('keeps a clinician\'s title out of the name: BS., TS.BS., BSCKII. go to XCN-6 (prefix)', () => {
    expect(splitTitle('BS. Nguyễn Văn Minh')).toEqual({ title: 'BS.', name: 'Nguyễn Văn Minh' });
    expect(splitTitle('TS.BS. Hoàng Văn Bình')).toEqual({ title: 'TS.BS.', name: 'Hoàng Văn Bình' });
    expect(splitTitle('Đỗ Quang Vinh')).toEqual({ title: '', name: 'Đỗ Quang Vinh' });
    expect(nameParts('BSCKII. Trần Thị Thanh Hương')).toEqual(['Trần', 'Hương', 'Thị Thanh']);
    const text = buildOrderMessage(envelope('LIS'), { messageType: 'OML^O21', control: 'NW', patient, visit, order: { ...labOrder, requester: { id: 'u1', fullName: 'ThS. BS. Lê Văn Tám' } } }).toString();
    const read = reader(text);
    expect([1, 2, 3, 4, 6].map((c) => read('ORC', 0, 12, 1, c))).toEqual(['u1', 'Lê', 'Tám', 'Văn', 'ThS. BS.']);
  });
});
