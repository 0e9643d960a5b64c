import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import type { ConsoleBridge } from '../../shared/api/contract';

// First, before anything can start Electron: without its binary, `require('electron')` would try to fetch it.
test.skip(!existsSync('node_modules/electron/path.txt'), 'Electron binary not present on this machine (node_modules/electron/path.txt missing); shell specs run where Electron can be installed');

/*
 * The Electron shell around the real core, in training mode (a fresh profile has no configuration file).
 * Needs `npm run build` and the Electron build of better-sqlite3 in native/ (`node scripts/rebuild-electron-native.mjs`).
 */

test.describe.configure({ mode: 'serial' });

let app: ElectronApplication;
let page: Page;
let profile: string;

type BridgeWindow = Window & { consoleBridge: ConsoleBridge; require?: unknown; process?: unknown };

test.beforeAll(async () => {
  if (!existsSync('native/better_sqlite3.node')) {
    throw new Error('native/better_sqlite3.node is missing: run `node scripts/rebuild-electron-native.mjs` (needs the internet) before the shell specs.');
  }
  profile = mkdtempSync(join(tmpdir(), 'sc-console-shell-'));
  const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && e[0] !== 'ELECTRON_RENDERER_URL'));
  // '.' starts package.json's main, out/main/index.js, the way the packaged app starts.
  app = await electron.launch({ args: ['.', `--user-data-dir=${profile}`], env });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await app?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test('the window loads the renderer from app://, never file://', async () => {
  expect(page.url()).toMatch(/^app:\/\/console\//);
});

test('a fresh profile runs in training mode and the banner says so', async () => {
  await expect(page.getByText(/Навчальний режим|Training mode/).first()).toBeVisible();
});

test('the page has no Node, no <webview> and only the two bridge functions', async () => {
  const probe = await page.evaluate(() => {
    const w = window as unknown as BridgeWindow;
    return {
      require: typeof w.require,
      process: typeof w.process,
      webview: document.createElement('webview') instanceof HTMLUnknownElement,
      bridge: Object.keys(w.consoleBridge).sort(),
    };
  });
  expect(probe).toEqual({ require: 'undefined', process: 'undefined', webview: true, bridge: ['invoke', 'on'] });
});

test('contract calls cross IPC as results, and unknown methods and events are refused', async () => {
  const results = await page.evaluate(async () => {
    const bridge = (window as unknown as BridgeWindow).consoleBridge;
    const info = await bridge.invoke('session.info', {});
    const unknown = await bridge.invoke('fs.readFile' as 'session.info', {});
    let unknownEvent = 'accepted';
    try {
      bridge.on('shell.exec' as 'queue.changed', () => undefined);
    } catch {
      unknownEvent = 'refused';
    }
    const unsubscribe = bridge.on('queue.changed', () => undefined);
    unsubscribe();
    return { info, unknown, unknownEvent };
  });
  expect(results.info).toMatchObject({ ok: true, value: { mode: 'training' } });
  expect(results.unknown).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  expect(results.unknownEvent).toBe('refused');
});

test('app:// answers with a strict CSP and refuses paths outside the renderer', async () => {
  const answers = await page.evaluate(async () => {
    const index = await fetch('/index.html');
    const traversal = await fetch('/..%2f..%2fpackage.json');
    return { csp: index.headers.get('content-security-policy'), type: index.headers.get('content-type'), traversal: traversal.status };
  });
  expect(answers.csp).toContain("script-src 'self'");
  expect(answers.csp).toContain("object-src 'none'");
  expect(answers.type).toMatch(/^text\/html/);
  expect(answers.traversal).toBe(404);
});

test('window.open is denied and no second window appears', async () => {
  const opened = await page.evaluate(() => window.open('https://example.invalid/') !== null);
  expect(opened).toBe(false);
  expect(app.windows()).toHaveLength(1);
});

test('navigation to an external URL is blocked', async () => {
  // Wait for the main process's decision rather than a timer: a listener added after the shell's sees its verdict.
  await app.evaluate(({ BrowserWindow }) => {
    const contents = BrowserWindow.getAllWindows()[0]!.webContents;
    (globalThis as { navigationVerdict?: Promise<boolean> }).navigationVerdict = new Promise((resolve) => {
      contents.once('will-navigate', (event) => resolve(event.defaultPrevented));
    });
  });
  await page.evaluate(() => {
    window.location.href = 'https://example.invalid/';
  });
  const prevented = await app.evaluate(() => (globalThis as { navigationVerdict?: Promise<boolean> }).navigationVerdict);
  expect(prevented).toBe(true);
  expect(await page.evaluate(() => location.origin + location.pathname)).toMatch(/^app:\/\/console\//);
});
