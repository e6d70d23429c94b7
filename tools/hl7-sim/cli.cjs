// The command line shared by lis-sim and pacs-sim: the same options, one log line per message, a clean stop on a signal.
'use strict';

const { ACK_MODES } = require('./simulator.cjs');

/** `--name value` and `--name=value` pairs; `--help` and `--no-auto` stand alone. */
function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`Unexpected argument: ${arg}`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s);
    if (name === 'help' || name === 'no-auto') {
      args[name] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`--${name} needs a value`);
    args[name] = value;
  }
  return args;
}

const number = (name, text) => {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a non-negative number, not ${text}`);
  return value;
};

/** Options of startLisSimulator/startPacsSimulator from the command line. */
function optionsFromArgs(args, defaults) {
  const known = ['port', 'host', 'benhan', 'delay', 'abnormal-rate', 'critical-rate', 'application', 'facility', 'ack', 'ack-delay', 'ack-timeout', 'seed', 'no-auto', 'help'];
  const unknown = Object.keys(args).filter((k) => !known.includes(k));
  if (unknown.length) throw new Error(`Unknown option ${unknown.map((k) => `--${k}`).join(', ')} (see --help)`);
  if (args.ack !== undefined && !ACK_MODES.includes(args.ack)) throw new Error(`--ack must be one of ${ACK_MODES.join(', ')}`);
  const rate = (name) => {
    if (args[name] === undefined) return undefined;
    const value = number(name, args[name]);
    if (value > 1) throw new Error(`--${name} is a share between 0 and 1`);
    return value;
  };
  return {
    port: args.port !== undefined ? number('port', args.port) : defaults.port,
    host: args.host ?? '127.0.0.1',
    benhan: args.benhan,
    resultDelayMs: args.delay !== undefined ? number('delay', args.delay) : undefined,
    abnormalRate: rate('abnormal-rate'),
    criticalRate: rate('critical-rate'),
    sendingApplication: args.application,
    sendingFacility: args.facility,
    ackMode: args.ack,
    ackDelayMs: args['ack-delay'] !== undefined ? number('ack-delay', args['ack-delay']) : undefined,
    ackTimeoutMs: args['ack-timeout'] !== undefined ? number('ack-timeout', args['ack-timeout']) : undefined,
    seed: args.seed,
    autoResults: !args['no-auto'],
  };
}

function usage({ command, what, defaultPort, defaultApplication }) {
  return `${what}

Usage: node ${command} [options]

  --port <n>            MLLP port to listen on for Benhan's orders and ADT (default ${defaultPort}; 0: any free port)
  --host <host>         address to listen on (default 127.0.0.1)
  --benhan <host:port>  Benhan's MLLP listener, where results go (e.g. 127.0.0.1:2575); without it results are only logged
  --delay <ms>          time from an accepted order to its ORU^R01 (default 3000)
  --abnormal-rate <0-1> share of abnormal results (default 0.2)
  --critical-rate <0-1> share of the abnormal ones that are critical (default 0)
  --application <name>  MSH-3 of the results: a system client registered in Benhan (default ${defaultApplication})
  --facility <name>     MSH-4 of the results
  --ack <mode>          answer to Benhan: AA (default), AE, AR, none (never answer), close (drop the connection)
  --ack-delay <ms>      wait before each ACK
  --ack-timeout <ms>    how long to wait for Benhan's ACK before retrying (default 10000)
  --seed <n|text>       same seed, same values
  --no-auto             keep results back (they are sent only through the programmatic interface)
  --help                this text

Example: node ${command} --port ${defaultPort} --benhan 127.0.0.1:2575 --delay 1000
`;
}

/** Runs a simulator until SIGINT/SIGTERM; one log line per message in and out. */
async function runCli({ argv, start, command, what, defaultPort, defaultApplication }) {
  let args;
  let options;
  try {
    args = parseArgs(argv);
    if (args.help) {
      process.stdout.write(usage({ command, what, defaultPort, defaultApplication }));
      return;
    }
    options = optionsFromArgs(args, { port: defaultPort });
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 2;
    return;
  }
  const line = (stream) => (text) => stream.write(`${new Date().toISOString()} ${text}\n`);
  const sim = await start({ ...options, logger: { info: line(process.stdout), warn: line(process.stderr) } });
  let stopping = false;
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    line(process.stdout)(`${signal}: stopping`);
    await sim.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

module.exports = { parseArgs, optionsFromArgs, runCli, usage };
