import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { E2E_TOKEN } from '../../playwright.config';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract';

/** Calls the running core through the browser host, as the renderer does, to know what the screen should show. */
export async function api<M extends MethodName>(request: APIRequestContext, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  if (method !== 'auth.current' && method !== 'auth.signIn') await ensureSignedIn(request);
  return rawApi(request, method, input);
}

export const ADMIN = { login: 'admin', password: 'admin-training-1' };
export const SUPERVISOR = { login: 'supervisor', password: 'supervisor-training-1' };

/** The core has one session per window; the test's requests and its page share it. */
export async function ensureSignedIn(request: APIRequestContext, who = ADMIN): Promise<void> {
  const state = await rawApi(request, 'auth.current', {});
  if (state.operator && !state.locked) return;
  if (state.operator) await rawApi(request, 'auth.signOut', {});
  await rawApi(request, 'auth.signIn', who);
}

async function rawApi<M extends MethodName>(request: APIRequestContext, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const res = await request.post(`/api/${method}`, { data: input, headers: { 'x-console-token': E2E_TOKEN } });
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { ok: boolean; value?: MethodOutput<M>; error?: unknown };
  if (!body.ok) throw new Error(`${method} failed: ${JSON.stringify(body.error)}`);
  return body.value!;
}

/** Opens the console with the session token, fails the test on any dialog (an alert would mean injected script ran). */
export async function openConsole(page: Page, hash = ''): Promise<void> {
  page.on('dialog', async (d) => {
    await d.dismiss();
    throw new Error(`unexpected dialog: ${d.message()}`);
  });
  await page.goto(`/?t=${E2E_TOKEN}${hash}`);
  const ready = page.getByTestId('queue-grid').or(page.getByTestId('application-screen'));
  await expect(ready.or(page.getByTestId('sign-in'))).toBeVisible();
  if (await page.getByTestId('sign-in').isVisible()) await signInOnPage(page);
  await expect(ready).toBeVisible();
}

export async function signInOnPage(page: Page, who = ADMIN): Promise<void> {
  await page.getByTestId('sign-in-login').fill(who.login);
  await page.getByTestId('sign-in-password').fill(who.password);
  await page.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('sign-in')).toBeHidden();
}

export async function selectedRowId(page: Page): Promise<string | null> {
  return page.locator('[data-testid="queue-row"][aria-selected="true"]').getAttribute('data-id');
}

export const groupDigits = (n: number) => n.toLocaleString('uk-UA').replace(/\s/g, ' ');
