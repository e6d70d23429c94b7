// The LIS and PACS simulators next to a Benhan that is starting: `npm start` (tools/start.mjs) and the browser tests'
// system (tools/e2e-server.mjs) run them so orders reach a "lab" and a "PACS" and results come back by themselves.
'use strict';

const { startLisSimulator } = require('../lis-sim/lis-sim.cjs');
const { startPacsSimulator } = require('../pacs-sim/pacs-sim.cjs');

/**
 * Starts both simulators on free ports, sending their results to Benhan's MLLP listener at `benhanPort`, and returns the
 * environment that points Benhan's outbox at them (HL7_LIS_ADDRESS, HL7_PACS_ADDRESS). `log`: one line per message;
 * `abnormalRate`: the share of lab values the LIS draws outside their reference range (its own default when unset).
 */
async function startDemoSimulators({ benhanPort, resultDelayMs = 4000, log = null, abnormalRate = undefined }) {
  const logger = (name) => (log ? { info: (line) => log(`[${name}] ${line}`), warn: (line) => log(`[${name}] ${line}`) } : undefined);
  const [lis, pacs] = await Promise.all([
    startLisSimulator({ benhan: { host: '127.0.0.1', port: benhanPort }, resultDelayMs, abnormalRate, logger: logger('lis-sim') }),
    startPacsSimulator({ benhan: { host: '127.0.0.1', port: benhanPort }, resultDelayMs, logger: logger('pacs-sim') }),
  ]);
  return {
    lis,
    pacs,
    env: { HL7_LIS_ADDRESS: `127.0.0.1:${lis.port}`, HL7_PACS_ADDRESS: `127.0.0.1:${pacs.port}` },
    close: () => Promise.all([lis.close(), pacs.close()]),
  };
}

module.exports = { startDemoSimulators };
