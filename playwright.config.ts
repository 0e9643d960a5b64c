import { defineConfig } from '@playwright/test';

/** End-to-end tests: Debian's Chromium against the browser host serving the built renderer and the real core. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 4789);
export const E2E_TOKEN = 'e2e-token-not-secret';
export const E2E_NOW = '2026-11-27T08:00:00.000Z';
/** The admin token of the training central server each browser host starts, so a test can play production and Ukrposhta. */
export const E2E_CENTRAL_ADMIN_TOKEN = 'e2e-central-admin-token-not-secret';

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'reports/e2e.json' }]] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
    locale: 'uk-UA',
    timezoneId: 'Europe/Kyiv',
    trace: 'off',
  },
  // One browser host per worker (parallelIndex 0 and 1), each with its own data folder, so the workers never
  // share a session or see each other's decisions.
  webServer: [0, 1].map((i) => ({
    command:
      `rm -rf .tmp/e2e-${i} && CENTRAL_ADMIN_TOKEN=${E2E_CENTRAL_ADMIN_TOKEN} tsx electron/browser-host/cli.ts --data-dir .tmp/e2e-${i} --port ${E2E_PORT + i} ` +
      `--token ${E2E_TOKEN} --now ${E2E_NOW} --training-size 800 --training-seed 7 --training-hostile`,
    url: `http://127.0.0.1:${E2E_PORT + i}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
  })),
});
