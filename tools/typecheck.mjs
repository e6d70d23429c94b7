#!/usr/bin/env node
// Strict TypeScript check of every project's app, lib and spec configuration (no emit).
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

function find(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) find(path, out);
    else if (/^tsconfig\.(app|lib|spec)\.json$/.test(entry.name)) out.push(path);
  }
  return out;
}

const check = (config) =>
  new Promise((resolve) => {
    const child = spawn('npx', ['tsc', '-p', config, '--noEmit'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (status) => {
      process.stdout.write(`${status === 0 ? 'ok  ' : 'FAIL'} ${config}\n${status === 0 ? '' : output}`);
      resolve(status === 0);
    });
  });

// Two at a time: the machines have two cores.
const queue = [...find('apps'), ...find('libs')].sort();
const results = [];
await Promise.all([0, 1].map(async () => {
  while (queue.length) results.push(await check(queue.shift()));
}));
process.exit(results.every(Boolean) ? 0 : 1);
