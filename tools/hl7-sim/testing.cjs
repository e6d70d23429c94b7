// Test helpers for the simulators: messages written the way Benhan's outbound side writes them (README "HL7 v2 over
// MLLP", the brief of issue 9), and a plain node:net MLLP listener standing for Benhan's inbound port. Written by hand,
// not with the simulators' own builder, so a test compares the simulator with an independent text.
'use strict';

const net = require('node:net');
const { frame, FrameDecoder } = require('./mllp.cjs');

const PATIENT = {
  patientCode: 'BN26000001',
  citizenId: '001065012345',
  insuranceNumber: 'DN4797912345678',
  family: 'NGUYỄN',
  given: 'HƯỜNG',
  middle: 'THỊ',
  birthDate: '19650312',
  sex: 'F',
};

function msh({ receiver, type, controlId }) {
  return `MSH|^~\\&|BENHAN|BV_BENHAN|${receiver}|${receiver === 'LIS' ? 'KHOA_XET_NGHIEM' : 'KHOA_CDHA'}|20261128090000+0700||${type}|${controlId}|P|2.5.1|||AL|NE||UNICODE UTF-8`;
}

function pid(patient = PATIENT) {
  const ids = [
    `${patient.patientCode}^^^BV_BENHAN^PI`,
    patient.citizenId && `${patient.citizenId}^^^VNM^NNVNM`,
    patient.insuranceNumber && `${patient.insuranceNumber}^^^VSS^HC`,
  ].filter(Boolean);
  return `PID|1||${ids.join('~')}||${patient.family}^${patient.given}^${patient.middle}||${patient.birthDate}|${patient.sex}`;
}

const PV1 = 'PV1|1|I|NOI^P201^G03^BV_BENHAN||||BS001^PHẠM^MINH^VĂN||||||||||||VN26000042';
const ORDERER = 'BS001^PHẠM^MINH^VĂN';

/**
 * OML^O21 (or ORM^O01) for a lab order: per item ORC, TQ1, OBR; `control` CA cancels with ORC-16 the reason.
 * @param {{ orderId: string, controlId?: string, items?: { code: string, name: string, loinc?: string, loincName?: string }[], control?: 'NW'|'CA', reason?: string, type?: string, patient?: typeof PATIENT, priority?: string }} o
 */
function labOrder(o) {
  const items = o.items ?? [{ code: 'HH-CBC', name: 'Tổng phân tích tế bào máu ngoại vi', loinc: '58410-2', loincName: 'CBC panel - Blood by Automated count' }];
  const control = o.control ?? 'NW';
  const lines = [msh({ receiver: 'LIS', type: o.type ?? 'OML^O21^OML_O21', controlId: o.controlId ?? `BH-${control}-${o.orderId.slice(0, 8)}` }), pid(o.patient), PV1];
  items.forEach((item, i) => {
    const service = [item.code, item.name, 'L', item.loinc ?? '', item.loinc ? item.loincName : '', item.loinc ? 'LN' : ''].join('^').replace(/\^+$/, '');
    lines.push(`ORC|${control}|${o.orderId}^BENHAN|||||||20261128085500+0700|||${ORDERER}||||${control === 'CA' ? `^${o.reason ?? 'Bác sĩ huỷ chỉ định'}` : ''}`);
    lines.push(`TQ1|1||||||||${o.priority ?? 'R'}`);
    lines.push(`OBR|${i + 1}|${o.orderId}^BENHAN||${service}|||||||||Sốt cao 3 ngày, ho khạc đờm vàng|||${ORDERER}|||||||||||||||J18.9^Viêm phổi, không đặc hiệu^I10`);
  });
  return lines.join('\r');
}

/**
 * ORM^O01 for an imaging order: per item ORC, TQ1, OBR (OBR-18 accession, OBR-19/20 procedure and step, OBR-24
 * modality), ZDS with the Study Instance UID (IHE SWF).
 * @param {{ orderId: string, controlId?: string, items?: { code: string, name: string, modality: string, accession: string, studyUid?: string }[], control?: 'NW'|'CA', reason?: string }} o
 */
function imagingOrder(o) {
  const items = o.items ?? [{ code: 'CDHA-XQ-NGUC', name: 'X-quang ngực thẳng', modality: 'CR', accession: 'ACC-0001', studyUid: '1.2.826.0.1.3680043.10.1482.1' }];
  const control = o.control ?? 'NW';
  const lines = [msh({ receiver: 'PACS', type: 'ORM^O01^ORM_O01', controlId: o.controlId ?? `BH-${control}-${o.orderId.slice(0, 8)}` }), pid(o.patient), PV1];
  items.forEach((item, i) => {
    lines.push(`ORC|${control}|${o.orderId}^BENHAN|||||||20261128085500+0700|||${ORDERER}||||${control === 'CA' ? `^${o.reason ?? 'Bác sĩ huỷ chỉ định'}` : ''}`);
    lines.push('TQ1|1||||||||S');
    lines.push(
      `OBR|${i + 1}|${o.orderId}^BENHAN||${item.code}^${item.name}^L|||||||||Ho kéo dài, nghe phổi ran nổ đáy phải|||${ORDERER}||${item.accession}|RP-${item.accession}|SPS-${item.accession}||||${item.modality}|||||||J18.9^Viêm phổi, không đặc hiệu^I10`,
    );
    if (item.studyUid !== undefined) lines.push(`ZDS|${item.studyUid}^BENHAN^Application^DICOM`);
  });
  return lines.join('\r');
}

/** ADT^A01/A02/A03/A04/A08 with EVN, PID, PV1 (A02: PV1-6 prior location; A03: PV1-45 discharge time). */
function adt(event, { controlId, patient } = {}) {
  const structure = event === 'A08' || event === 'A04' ? 'ADT_A01' : `ADT_${event}`;
  const pv1 = [
    'PV1',
    '1',
    event === 'A04' ? 'O' : 'I',
    event === 'A02' ? 'HSTC^P105^G01^BV_BENHAN' : 'NOI^P201^G03^BV_BENHAN',
    '',
    '',
    event === 'A02' ? 'NOI^P201^G03^BV_BENHAN' : '',
    ORDERER,
    ...Array(11).fill(''),
    'VN26000042',
    ...Array(24).fill(''),
    '20261128080000+0700',
    event === 'A03' ? '20261130100000+0700' : '',
  ].join('|');
  return [msh({ receiver: 'LIS', type: `ADT^${event}^${structure}`, controlId: controlId ?? `BH-ADT-${event}` }), `EVN|${event}|20261128090000+0700`, pid(patient), pv1].join('\r');
}

/**
 * Benhan's inbound port as a test sees it: records every frame and answers an original-mode ACK (ackCode, default AA),
 * or nothing ('none'). `port` 0: any free port.
 */
async function startBenhanStub({ ackCode = 'AA', port = 0 } = {}) {
  const messages = [];
  const sockets = new Set();
  const listeners = new Set();
  let code = ackCode;
  const server = net.createServer((socket) => {
    sockets.add(socket);
    const decoder = new FrameDecoder();
    socket.on('data', (chunk) => {
      for (const payload of decoder.push(chunk)) {
        const text = payload.toString('utf8');
        const controlId = text.split('\r')[0].split('|')[9] ?? '';
        messages.push(text);
        for (const listener of listeners) listener(text);
        if (code === 'none') continue;
        socket.write(frame(`MSH|^~\\&|BENHAN|BV_BENHAN|lis|KHOA_XET_NGHIEM|20261128090500+0700||ACK^R01^ACK|ACK-${messages.length}|P|2.5.1\rMSA|${code}|${controlId}`));
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    messages,
    setAckCode: (next) => (code = next),
    /** The first message matching, now or later. */
    next(predicate = () => true, timeoutMs = 10_000) {
      const found = messages.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const listener = (text) => {
          if (!predicate(text)) return;
          listeners.delete(listener);
          clearTimeout(timer);
          resolve(text);
        };
        const timer = setTimeout(() => {
          listeners.delete(listener);
          reject(new Error(`Benhan stub: no matching message within ${timeoutMs} ms (${messages.length} received)`));
        }, timeoutMs);
        listeners.add(listener);
      });
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Sends frames on a new connection and resolves with the first `count` frames answered (ACK texts). */
function exchange(port, bytes, count = 1, timeoutMs = 5000) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const decoder = new FrameDecoder();
    const answers = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`${answers.length} of ${count} answers within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('connect', () => {
      for (const chunk of Array.isArray(bytes) ? bytes : [bytes]) socket.write(chunk);
    });
    socket.on('data', (chunk) => {
      for (const payload of decoder.push(chunk)) answers.push(payload.toString('utf8'));
      if (answers.length >= count) {
        clearTimeout(timer);
        socket.end();
        resolve(answers);
      }
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('close', () => {
      if (answers.length < count) {
        clearTimeout(timer);
        reject(Object.assign(new Error(`connection closed after ${answers.length} of ${count} answers`), { closed: true, answers }));
      }
    });
  });
}

module.exports = { PATIENT, labOrder, imagingOrder, adt, startBenhanStub, exchange };
