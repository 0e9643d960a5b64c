import { test as base } from '@playwright/test';
import { E2E_PORT } from '../../playwright.config';

/** Each worker talks to its own browser host (see playwright.config.ts). */
export const test = base.extend({
  baseURL: async ({}, use, testInfo) => {
    await use(`http://127.0.0.1:${E2E_PORT + testInfo.parallelIndex}`);
  },
});
export { expect } from '@playwright/test';
