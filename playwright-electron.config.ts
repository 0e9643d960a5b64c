import { defineConfig } from '@playwright/test';

// The Electron shell specs. Separate from playwright.config.ts (Chromium + browser host): they need the Electron
// binary and skip themselves without it. One worker: each spec file starts a whole app with its own profile.
export default defineConfig({
  testDir: 'tests/electron',
  testMatch: '**/*.spec.ts',
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'reports/electron.json' }]] : [['list']],
  outputDir: 'test-results/electron',
});
