#!/usr/bin/env node
// A PACS/RIS that speaks HL7 v2.5.1 over MLLP to Benhan: it acknowledges Benhan's imaging orders (ORM^O01, IHE SWF with
// ZDS) and ADT, and answers each new order with a radiology ORU^R01 — findings and impression in Vietnamese, and the
// study's Study Instance UID — after a delay.
// Run: node tools/pacs-sim/pacs-sim.cjs --help. In tests: require() it and call startPacsSimulator().
'use strict';

const { randomUUID } = require('node:crypto');
const { raw, repeat, segment, timestamp } = require('../hl7-sim/hl7.cjs');
const { createRandom } = require('../hl7-sim/random.cjs');
const { startSimulator } = require('../hl7-sim/simulator.cjs');

/**
 * Reports by modality: normal and abnormal, each findings (one OBX-5 repetition per line) and an impression. Written with
 * diacritics on purpose: the round trip of Vietnamese text through Benhan is part of what the simulator exercises.
 */
const REPORTS = {
  CR: {
    normal: { findings: ['Hai phế trường sáng, không thấy tổn thương nhu mô khu trú.', 'Bóng tim không to, góc sườn hoành hai bên nhọn.'], impression: 'Chưa phát hiện bất thường trên phim X-quang.' },
    abnormal: { findings: ['Đám mờ không đồng nhất vùng đáy phổi phải, xoá một phần bờ hoành phải.', 'Bóng tim không to.'], impression: 'Hình ảnh viêm phổi thuỳ dưới phổi phải.' },
  },
  CT: {
    normal: { findings: ['Không thấy tổn thương tăng hay giảm tỷ trọng bất thường.', 'Hệ thống não thất không giãn, đường giữa không di lệch.'], impression: 'Chưa phát hiện bất thường trên phim cắt lớp vi tính.' },
    abnormal: { findings: ['Ổ giảm tỷ trọng vùng nhân bèo trái, kích thước khoảng 12 × 9 mm.', 'Đường giữa không di lệch.'], impression: 'Theo dõi nhồi máu ổ khuyết vùng nhân bèo trái.' },
  },
  MR: {
    normal: { findings: ['Nhu mô não không thấy bất thường tín hiệu trên các chuỗi xung.', 'Không thấy hạn chế khuếch tán.'], impression: 'Chưa phát hiện bất thường trên phim cộng hưởng từ.' },
    abnormal: { findings: ['Vài ổ tăng tín hiệu trên T2/FLAIR chất trắng quanh não thất hai bên.', 'Không thấy hạn chế khuếch tán.'], impression: 'Tổn thương chất trắng do thiếu máu mạn tính (Fazekas 1).' },
  },
  US: {
    normal: { findings: ['Gan không to, nhu mô đều, bờ đều.', 'Túi mật không sỏi, đường mật không giãn. Hai thận không ứ nước.'], impression: 'Chưa phát hiện bất thường trên siêu âm.' },
    abnormal: { findings: ['Gan không to, nhu mô tăng âm lan toả.', 'Túi mật có sỏi đường kính 8 mm, thành không dày.'], impression: 'Gan nhiễm mỡ độ I. Sỏi túi mật.' },
  },
  MG: {
    normal: { findings: ['Mô tuyến vú hai bên dạng mỡ xen kẽ tuyến, không thấy khối hay vi vôi hoá nghi ngờ.'], impression: 'BI-RADS 1: âm tính.' },
    abnormal: { findings: ['Vú phải 1/4 trên ngoài có nốt bờ đều, kích thước 9 mm, không vi vôi hoá.'], impression: 'BI-RADS 3: nhiều khả năng lành tính, hẹn kiểm tra sau 6 tháng.' },
  },
};
// DX and digital X-ray read like CR.
REPORTS.DX = REPORTS.CR;

/** 2.25.<the UUID as a decimal integer> (ISO/IEC 9834-8): a valid DICOM UID without an organisation root. */
function newStudyUid() {
  return `2.25.${BigInt(`0x${randomUUID().replace(/-/g, '')}`).toString()}`;
}

/** ORU^R01 for an imaging order: one ORC/OBR group per procedure, OBX for the study, the findings and the impression. */
function buildImagingResult(order, sim) {
  const now = sim.clock();
  const reported = timestamp(now);
  const performed = timestamp(new Date(now.getTime() - Math.max(sim.resultDelayMs, 2000) * 0.5));
  const radiologist = sim.options.interpreter ?? { id: 'BS-CDHA01', family: 'Lê', given: 'Văn Hùng' };
  const segments = sim.resultHeader(order, now);
  order.items.forEach((item, index) => {
    const { obr, orc } = item.segments;
    const report = order.reports[index];
    segments.push(segment('ORC', { 1: 'RE', 2: raw(orc?.raw(2) || obr.raw(2)), 3: [report.accession, sim.sendingApplication.toUpperCase()], 5: 'CM' }));
    segments.push(
      segment('OBR', {
        1: String(index + 1),
        2: raw(obr.raw(2)),
        3: [report.accession, sim.sendingApplication.toUpperCase()],
        4: raw(obr.raw(4)),
        7: performed,
        16: raw(obr.raw(16)),
        18: raw(obr.raw(18)),
        19: raw(obr.raw(19)),
        20: raw(obr.raw(20)),
        22: reported,
        24: raw(obr.raw(24)),
        25: 'F',
        32: [[radiologist.id, radiologist.family, radiologist.given]],
      }),
    );
    segments.push(segment('OBX', { 1: '1', 2: 'ST', 3: ['113014', 'DICOM Study', 'DCM'], 5: report.studyInstanceUid, 11: 'F', 14: performed }));
    segments.push(
      segment('OBX', {
        1: '2',
        2: 'TX',
        3: ['18782-3', 'Radiology Study observation (narrative)', 'LN'],
        5: repeat(`Kỹ thuật: ${item.serviceName || item.serviceCode}.`, ...report.findings),
        11: 'F',
        14: reported,
      }),
    );
    segments.push(segment('OBX', { 1: '3', 2: 'TX', 3: ['19005-8', 'Radiology Imaging study [Impression] (narrative)', 'LN'], 5: report.impression, 11: 'F', 14: reported }));
  });
  return segments.join('\r');
}

/**
 * Start a PACS/RIS simulator: listens for Benhan's imaging orders and ADT, answers ACK, sends radiology ORU^R01 to Benhan.
 * @param {import('./pacs-sim.d.cts').PacsSimulatorOptions} [options]
 * @returns {Promise<import('./pacs-sim.d.cts').PacsSimulator>}
 */
function startPacsSimulator(options = {}) {
  const random = createRandom(options.seed);
  const abnormalRate = options.abnormalRate ?? 0.2;
  let accessions = 0;
  return startSimulator(options, {
    name: 'pacs-sim',
    defaultApplication: 'pacs',
    defaultFacility: 'KHOA_CDHA',
    // The report is chosen when the order is accepted, so with a seed it follows the order of arrival.
    onOrderAccepted: (order, sim) => {
      order.reports = order.items.map((item) => {
        const templates = REPORTS[item.modality] ?? REPORTS.CR;
        const text = random.next() < abnormalRate ? templates.abnormal : templates.normal;
        accessions += 1;
        return {
          accession: item.accessionNumber || `RIS-${sim.runId}-${String(accessions).padStart(4, '0')}`,
          // The study Benhan named in ZDS-1; a RIS that got none makes one, as a modality would.
          studyInstanceUid: item.studyInstanceUid || newStudyUid(),
          findings: text.findings,
          impression: text.impression,
          abnormal: text === templates.abnormal,
        };
      });
    },
    buildResult: buildImagingResult,
  });
}

module.exports = { startPacsSimulator, newStudyUid, REPORTS };

if (require.main === module) {
  require('../hl7-sim/cli.cjs').runCli({
    argv: process.argv.slice(2),
    start: startPacsSimulator,
    command: 'tools/pacs-sim/pacs-sim.cjs',
    what: 'PACS/RIS simulator: takes Benhan’s imaging orders (ORM^O01 with ZDS) and ADT over MLLP, answers ACK, and sends a radiology ORU^R01 per new order.',
    defaultPort: 2577,
    defaultApplication: 'pacs',
  });
}
