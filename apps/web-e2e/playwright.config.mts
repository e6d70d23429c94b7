import { defineConfig, devices } from '@playwright/test';
import { nxE2EPreset } from '@nx/playwright/preset';
import { workspaceRoot } from '@nx/devkit';

/**
 * Browser tests of the whole system: the built API serving the built web app (tools/e2e-server.mjs, fresh
 * database + demo seed). Build first: `npx nx build web && npx nx build api`, then `npx nx e2e web-e2e`.
 * Set BASE_URL to test an already running system instead (no server is started then).
 */
// E2E_PORT (and E2E_MLLP_PORT, read by tools/e2e-server.mjs and the specs) let two checkouts run their browser tests side by side.
const port = process.env['E2E_PORT'] || '3100';
const baseURL = process.env['BASE_URL'] || `http://127.0.0.1:${port}`;
const preset = nxE2EPreset(import.meta.dirname, { testDir: './src', openHtmlReport: 'never' });

export default defineConfig({
  ...preset,
  // Relative to this file: apps/web-e2e/test-output (gitignored); screenshots/ inside it is kept as an artefact.
  outputDir: './test-output',
  reporter: [['list'], ...(Array.isArray(preset.reporter) ? preset.reporter : [])],
  use: {
    baseURL,
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'on-first-retry',
  },
  webServer: process.env['BASE_URL']
    ? undefined
    : {
        command: 'node tools/e2e-server.mjs',
        url: `http://127.0.0.1:${port}/health/ready`,
        reuseExistingServer: !process.env['CI'],
        timeout: 180_000,
        cwd: workspaceRoot,
        stdout: 'pipe',
      },
  // Debian's Chromium only: the registry mirror has no Playwright browser builds (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1).
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: process.env['CHROME_PATH'] || '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
});
