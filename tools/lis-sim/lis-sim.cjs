#!/usr/bin/env node
// A laboratory information system (LIS) that speaks HL7 v2.5.1 over MLLP to Benhan: it acknowledges Benhan's lab orders
// (OML^O21 / ORM^O01) and ADT, and answers each new order with one ORU^R01 of plausible values after a delay.
// Run: node tools/lis-sim/lis-sim.cjs --help. In tests: require() it and call startLisSimulator().
'use strict';

const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { raw, segment, timestamp } = require('../hl7-sim/hl7.cjs');
const { createRandom } = require('../hl7-sim/random.cjs');
const { startSimulator } = require('../hl7-sim/simulator.cjs');

/** Benhan's lab catalogue, read where it lives so the simulator follows it (panels, LOINC, units, ranges). */
const CATALOGUE_PATH = join(__dirname, '../../libs/api/orders/src/lib/catalogue/lab.json');

/** Decimals a lab prints per unit; a range written with more decimals asks for more. */
const UNIT_DECIMALS = { '10*3/uL': 1, '10*6/uL': 2, 'g/L': 0, 'g/dL': 1, '%': 1, fL: 1, pg: 1, 'mmol/L': 1, 'umol/L': 0, 'mg/dL': 1, 'mg/L': 1, 'U/L': 0, 'ng/L': 0, 'ng/mL': 2 };

/** Ranges for tests the catalogue lists without one (by LOINC); the catalogue's own ranges come first. */
const SIM_RANGES = {
  '2345-7': { low: 3.9, high: 6.4, criticalLow: 2.5, criticalHigh: 25, text: null },
  '2160-0': { low: 53, high: 120, criticalLow: null, criticalHigh: 700, text: null },
};

/** The catalogue's specimen text → SPM-4 in HL7 table 0487, and the OBR-24 section. */
function specimenType(text) {
  if (/huyết thanh|huyết tương|serum|plasma/i.test(text ?? '')) return { code: 'SER', display: 'Serum', section: 'CH' };
  if (/nước tiểu|urine/i.test(text ?? '')) return { code: 'UR', display: 'Urine', section: 'UR' };
  return { code: 'BLD', display: 'Whole blood', section: 'HM' };
}

function loadCatalogue(catalogue) {
  const data = catalogue ?? JSON.parse(readFileSync(CATALOGUE_PATH, 'utf8'));
  const tests = new Map(data.tests.map((t) => [t.serviceCode, t]));
  const byLoinc = new Map(data.tests.filter((t) => t.loinc).map((t) => [t.loinc, t]));
  const panels = new Map(data.panels.map((p) => [p.serviceCode, p]));
  const panelsByLoinc = new Map(data.panels.filter((p) => p.loinc).map((p) => [p.loinc, p]));
  return {
    /** The tests an ordered item stands for: a panel's members, a test, else nothing (the item is unknown here). */
    testsFor(serviceCode, loinc) {
      const panel = panels.get(serviceCode) ?? (loinc ? panelsByLoinc.get(loinc) : undefined);
      if (panel) return panel.members.map((m) => tests.get(m)).filter(Boolean);
      const test = tests.get(serviceCode) ?? (loinc ? byLoinc.get(loinc) : undefined);
      return test ? [test] : [];
    },
  };
}

const decimalsOf = (n) => (n === null || n === undefined ? 0 : (String(n).split('.')[1] ?? '').length);

/** Benhan's rule (libs/api/orders catalogue `interpret`): critical beyond the critical limits, L/H beyond the range. */
function interpret(value, range) {
  if (range.criticalLow !== null && range.criticalLow !== undefined && value < range.criticalLow) return 'LL';
  if (range.criticalHigh !== null && range.criticalHigh !== undefined && value > range.criticalHigh) return 'HH';
  if (range.low !== null && value < range.low) return 'L';
  if (range.high !== null && value > range.high) return 'H';
  return 'N';
}

/**
 * One value for a test: inside the reference range, or (abnormalRate) outside it, and then (criticalRate) beyond a
 * critical limit when the test has one. The flag is computed from the rounded value, as Benhan would.
 */
function drawValue(test, random, { abnormalRate, criticalRate }) {
  const range = test.referenceRange ?? SIM_RANGES[test.loinc] ?? null;
  // Counts in the hundreds (platelets, sodium) are printed whole whatever their unit's usual precision.
  const decimals = (range?.high ?? 0) >= 100 ? 0 : Math.max(UNIT_DECIMALS[test.unit] ?? 1, decimalsOf(range?.low), decimalsOf(range?.high));
  if (!range || (range.low === null && range.high === null)) return { value: random.between(1, 100).toFixed(decimals), flag: '', range: '' };
  const low = range.low ?? range.high * 0.5;
  const high = range.high ?? range.low * 2;
  const span = high - low;
  let value;
  if (random.next() >= abnormalRate) {
    value = random.between(low + span * 0.1, high - span * 0.1);
  } else {
    const critical = random.next() < criticalRate;
    const criticalDirections = [range.criticalLow !== null && range.criticalLow > 0 && 'LL', range.criticalHigh !== null && 'HH'].filter(Boolean);
    // A test without critical limits (or a floor of 0) is abnormal the other ways it can be.
    const directions = critical && criticalDirections.length ? criticalDirections : [range.low !== null && range.low > 0 && 'L', range.high !== null && 'H'].filter(Boolean);
    const direction = random.pick(directions);
    switch (direction) {
      case 'LL':
        value = random.between(range.criticalLow * 0.6, range.criticalLow * 0.95);
        break;
      case 'HH':
        value = random.between(range.criticalHigh * 1.05, range.criticalHigh * 1.3);
        break;
      case 'L': {
        const floor = Math.max(range.criticalLow ?? 0, low * 0.5);
        value = random.between(floor + (low - floor) * 0.2, low - (low - floor) * 0.2);
        break;
      }
      default: {
        const ceiling = Math.min(range.criticalHigh ?? Infinity, high * 1.5 + 1);
        value = random.between(high + (ceiling - high) * 0.1, high + (ceiling - high) * 0.6);
      }
    }
  }
  const text = value.toFixed(decimals);
  const rangeText = range.low !== null && range.high !== null ? `${range.low}-${range.high}` : range.high !== null ? `<${range.high}` : `>${range.low}`;
  return { value: text, flag: interpret(Number(text), range), range: rangeText };
}

/** Values for every test of every item of an order, drawn in order from the simulator's generator. */
function drawOrderValues(order, catalogue, random, rates) {
  return order.items.map((item) => catalogue.testsFor(item.serviceCode, item.loinc).map((test) => ({ test, ...drawValue(test, random, rates) })));
}

/** ORU^R01 for a lab order: one ORC/OBR group per ordered item, an OBX per test, the specimen in SPM. */
function buildLabResult(order, sim) {
  const now = sim.clock();
  const reported = timestamp(now);
  // Collected and received before the report, inside the simulated turnaround.
  const turnaround = Math.max(sim.resultDelayMs, 2000);
  const collected = timestamp(new Date(now.getTime() - turnaround * 0.75));
  const received = timestamp(new Date(now.getTime() - turnaround * 0.5));
  const accession = sim.nextId('XN');
  const specimenAccessions = new Map();
  const interpreter = sim.options.interpreter ?? { id: 'KTV01', family: 'Trần', given: 'Thị Mai' };
  const segments = sim.resultHeader(order, now);
  order.items.forEach((item, index) => {
    const { obr, orc } = item.segments;
    const filler = order.items.length > 1 ? `${accession}-${index + 1}` : accession;
    const values = order.values[index];
    const type = specimenType(values[0]?.test.specimen);
    if (!specimenAccessions.has(type.code)) specimenAccessions.set(type.code, specimenAccessions.size ? `${accession}-${type.code}` : accession);
    segments.push(segment('ORC', { 1: 'RE', 2: raw(orc?.raw(2) || obr.raw(2)), 3: [filler, sim.sendingApplication.toUpperCase()], 5: 'CM' }));
    segments.push(
      segment('OBR', {
        1: String(index + 1),
        2: raw(obr.raw(2)),
        3: [filler, sim.sendingApplication.toUpperCase()],
        4: raw(obr.raw(4)),
        7: collected,
        16: raw(obr.raw(16)),
        22: reported,
        24: type.section,
        25: 'F',
        32: [[interpreter.id, interpreter.family, interpreter.given]],
      }),
    );
    if (values.some((v) => v.flag === 'LL' || v.flag === 'HH')) {
      segments.push(segment('NTE', { 1: '1', 2: 'L', 3: 'Có giá trị nguy hiểm: đã báo bác sĩ điều trị qua điện thoại.' }));
    }
    if (!values.length) {
      // Not a test of the catalogue: said as text, so Benhan's answer (AE, not in the catalogue) names the item.
      segments.push(segment('OBX', { 1: '1', 2: 'ST', 3: raw(obr.raw(4)), 5: 'Không có trong danh mục xét nghiệm của LIS mô phỏng', 11: 'F', 14: reported }));
    }
    values.forEach((v, i) => {
      const code = v.test.loinc ? [v.test.loinc, v.test.name.en, 'LN', v.test.serviceCode, v.test.name.vi, 'L'] : [v.test.serviceCode, v.test.name.vi, 'L'];
      segments.push(
        segment('OBX', { 1: String(i + 1), 2: 'NM', 3: code, 5: v.value, 6: v.test.unit ? [v.test.unit, v.test.unit, 'UCUM'] : '', 7: v.range, 8: v.flag, 11: 'F', 14: collected, 19: reported }),
      );
    });
    segments.push(
      segment('SPM', {
        1: '1',
        2: [
          [order.placer, 'BENHAN'],
          [specimenAccessions.get(type.code), sim.sendingApplication.toUpperCase()],
        ],
        4: [type.code, type.display, 'HL70487'],
        17: collected,
        18: received,
      }),
    );
  });
  return segments.join('\r');
}

/**
 * Start a LIS simulator: listens for Benhan's lab orders and ADT, answers ACK, sends ORU^R01 results to Benhan.
 * @param {import('./lis-sim.d.cts').LisSimulatorOptions} [options]
 * @returns {Promise<import('./lis-sim.d.cts').LisSimulator>}
 */
function startLisSimulator(options = {}) {
  const catalogue = loadCatalogue(options.catalogue);
  const random = createRandom(options.seed);
  const rates = { abnormalRate: options.abnormalRate ?? 0.2, criticalRate: options.criticalRate ?? 0 };
  return startSimulator(options, {
    name: 'lis-sim',
    defaultApplication: 'lis',
    defaultFacility: 'KHOA_XET_NGHIEM',
    // Values are drawn when the order is accepted, so with a seed they follow the order of arrival, not of timers.
    onOrderAccepted: (order) => {
      order.values = drawOrderValues(order, catalogue, random, rates);
    },
    buildResult: buildLabResult,
  });
}

module.exports = { startLisSimulator, drawValue, interpret, loadCatalogue };

if (require.main === module) {
  require('../hl7-sim/cli.cjs').runCli({
    argv: process.argv.slice(2),
    start: startLisSimulator,
    command: 'tools/lis-sim/lis-sim.cjs',
    what: 'LIS simulator: takes Benhan’s lab orders (OML^O21/ORM^O01) and ADT over MLLP, answers ACK, and sends an ORU^R01 per new order.',
    defaultPort: 2576,
    defaultApplication: 'lis',
  });
}
