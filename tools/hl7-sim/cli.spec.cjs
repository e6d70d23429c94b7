// The command lines as a user runs them: child processes, a port of their own, one line per message, a clean stop.
const { spawn, spawnSync } = require('node:child_process');
const { join } = require('node:path');
const { frame } = require('./mllp.cjs');
const { exchange, labOrder, imagingOrder, startBenhanStub } = require('./testing.cjs');

const LIS = join(__dirname, '../lis-sim/lis-sim.cjs');
const PACS = join(__dirname, '../pacs-sim/pacs-sim.cjs');

/** Start a simulator's CLI on any free port; resolves once it says where it listens. */
function run(script, args) {
  const child = spawn(process.execPath, [script, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const lines = [];
  const waiters = [];
  child.stdout.on('data', (d) => {
    output += d;
    lines.push(...String(d).split('\n').filter(Boolean));
    for (const w of [...waiters]) w();
  });
  child.stderr.on('data', (d) => (output += d));
  const waitForLine = (pattern, timeoutMs = 10_000) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const line = lines.find((l) => pattern.test(l));
        if (!line) return;
        waiters.splice(waiters.indexOf(check), 1);
        clearTimeout(timer);
        resolve(line);
      };
      const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} in:\n${output}`)), timeoutMs);
      waiters.push(check);
      check();
    });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, waitForLine, exited, output: () => output };
}

describe('lis-sim and pacs-sim command lines', () => {
  it('prints the options with --help and refuses an unknown option', () => {
    const help = spawnSync(process.execPath, [LIS, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--benhan <host:port>/);
    expect(help.stdout).toMatch(/default 2576/);
    expect(spawnSync(process.execPath, [PACS, '--help'], { encoding: 'utf8' }).stdout).toMatch(/default 2577/);
    const wrong = spawnSync(process.execPath, [LIS, '--colour', 'red'], { encoding: 'utf8' });
    expect([wrong.status, wrong.stderr]).toEqual([2, expect.stringMatching(/Unknown option --colour/)]);
    expect(spawnSync(process.execPath, [LIS, '--ack', 'MAYBE'], { encoding: 'utf8' }).stderr).toMatch(/--ack must be one of AA, AE, AR, none, close/);
  });

  it('logs each message in and out with its ACK code, and stops cleanly on SIGTERM', async () => {
    const benhan = await startBenhanStub();
    const lis = run(LIS, ['--benhan', `127.0.0.1:${benhan.port}`, '--delay', '100', '--seed', '1']);
    try {
      const port = Number(/listening on 127\.0\.0\.1:(\d+)/.exec(await lis.waitForLine(/listening on/))[1]);
      await exchange(port, frame(labOrder({ orderId: '0f0e0d0c-0b0a-4909-8807-060504030201', controlId: 'BH-CLI' })));
      expect(await lis.waitForLine(/← OML\^O21 BH-CLI/)).toMatch(/→ ACK AA/);
      expect(await lis.waitForLine(/→ ORU\^R01/)).toMatch(/order 0f0e0d0c-0b0a-4909-8807-060504030201 ← ACK AA/);
      lis.child.kill('SIGTERM');
      expect(await lis.exited).toEqual({ code: 0, signal: null });
      expect(lis.output()).toMatch(/SIGTERM: stopping/);
    } finally {
      lis.child.kill('SIGKILL');
      await benhan.close();
    }
  });

  it('answers with the fault chosen by --ack, and stops on SIGINT', async () => {
    const pacs = run(PACS, ['--ack', 'AE']);
    try {
      const port = Number(/listening on 127\.0\.0\.1:(\d+)/.exec(await pacs.waitForLine(/listening on/))[1]);
      const [answer] = await exchange(port, frame(imagingOrder({ orderId: '0f0e0d0c-0b0a-4909-8807-060504030201', controlId: 'BH-AE' })));
      expect(answer).toMatch(/\rMSA\|AE\|BH-AE/);
      expect(await pacs.waitForLine(/BH-AE/)).toMatch(/ACK AE/);
      pacs.child.kill('SIGINT');
      expect((await pacs.exited).code).toBe(0);
    } finally {
      pacs.child.kill('SIGKILL');
    }
  });
});
