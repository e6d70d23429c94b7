#!/usr/bin/env node
// Proves the module-boundary rule is live (part of `npm run lint`): imports that break the
// architecture must be reported, allowed ones must not. Fails if the ESLint config ever stops
// enforcing them (a rule silently switched off passes every ordinary lint run).
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });
const RULE = '@nx/enforce-module-boundaries';
const cases = [
  { file: 'apps/web/src/app/boundary-check.ts', from: '@benhan/api/core', allowed: false, why: 'web imports api' },
  { file: 'libs/web/data-access/src/lib/boundary-check.ts', from: '@benhan/api/identity', allowed: false, why: 'web lib imports api' },
  { file: 'libs/api/identity/src/lib/boundary-check.ts', from: '@benhan/web/data-access', allowed: false, why: 'api imports web' },
  { file: 'apps/api/src/boundary-check.ts', from: '@benhan/web/ui', allowed: false, why: 'api app imports web' },
  { file: 'libs/shared/contracts/src/lib/boundary-check.ts', from: '@benhan/api/core', allowed: false, why: 'shared imports api' },
  { file: 'libs/api/core/src/lib/boundary-check.ts', from: '@benhan/api/identity', allowed: false, why: 'core imports a domain' },
  { file: 'libs/api/identity/src/lib/boundary-check.ts', from: '@benhan/shared/contracts', allowed: true, why: 'api imports shared' },
  { file: 'libs/web/data-access/src/lib/boundary-check.ts', from: '@benhan/shared/contracts', allowed: true, why: 'web imports shared' },
  { file: 'libs/api/patients/src/lib/boundary-check.ts', from: '@benhan/api/identity', allowed: true, why: 'domain imports domain index' },
];

let failures = 0;
for (const c of cases) {
  const [result] = await eslint.lintText(`import * as m from '${c.from}';\nexport const used = m;\n`, { filePath: c.file });
  const flagged = result.messages.some((m) => m.ruleId === RULE);
  const ok = flagged !== c.allowed;
  if (!ok) failures++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${c.why}: ${c.file} → ${c.from} ${flagged ? 'is refused' : 'is allowed'}`);
}
process.exit(failures ? 1 : 0);
