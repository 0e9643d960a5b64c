import { test as base } from '@playwright/test';
import { E2E_PORT } from '../../playwright.config';

/** Each worker talks to its own browser host (see playwright.config.ts). */
export const test = base.extend({
  // Playwright requires a destructuring pattern for the fixtures argument, even when none is used.
  // eslint-disable-next-line no-empty-pattern
  baseURL: async ({}, use, testInfo) => {
    await use(`http://127.0.0.1:${E2E_PORT + testInfo.parallelIndex}`);
  },
});
export { expect } from '@playwright/test';
