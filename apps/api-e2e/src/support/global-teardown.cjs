const { dropDatabase } = require('../../../../tools/testing/postgres.cjs');

module.exports = async function globalTeardown() {
  const state = globalThis.__BENHAN_PG__;
  if (!state) return;
  await dropDatabase(state.server.serverUrl, state.template).catch(() => undefined); // already gone
  await state.server.stop();
  require('node:child_process').spawnSync('chmod', ['-R', 'u+w', state.archiveDir]);
  require('node:fs').rmSync(state.archiveDir, { recursive: true, force: true });
};
