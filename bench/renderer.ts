import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { chromium, type Page } from '@playwright/test';
import { openCore } from '../electron/core';
import { dispatch } from '../electron/core/api/dispatch';
import { startBrowserHost } from '../electron/browser-host/server';

export interface RendererBench {
  rows: number;
  firstPaintMs: number;
  /** The first paint in a fresh page once the core has served the queue (the busy figure's baseline). */
  firstPaintWarmMs: number;
  /** The same first paint with every core of the machine kept busy by other processes. */
  firstPaintBusyMs: number;
  blankPageMs: number;
  /** Scrolling the grid from the first row to the last, until the last rows are shown. */
  scrollEndMs: number;
  heapAfterScrollMb: number;
  blankHeapMb: number;
}

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * The renderer's figures on a store that already holds the bench's applications: time from navigation to the first
 * queue rows, and the JS heap after the grid was scrolled end to end; beside a blank page of the same host.
 */
export async function benchRenderer(opts: { dataDir: string; now: number; logDir: string }): Promise<RendererBench> {
  const core = await openCore({ dataDir: opts.dataDir, now: () => opts.now, logDir: opts.logDir });
  const host = await startBrowserHost({ core, staticDir: 'out/renderer' });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc'] });
  try {
    // Each window has its own session: the pages below hold the one signed in here (as duplicated tabs would), so
    // the figures are from navigation to the queue, without the sign-in screen.
    const signIn = await dispatch(core.facade, 'auth.signIn', { login: 'admin', password: 'admin-training-1' });
    if (!signIn.ok) throw new Error(`sign-in failed: ${signIn.error.code}`);
    const credential = (signIn.value as { session: string }).session;
    const signedInPage = async () => {
      const p = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await p.addInitScript((c) => sessionStorage.setItem('console.session', c), credential);
      return p;
    };
    const page = await signedInPage();
    const base = `http://127.0.0.1:${host.port}`;
    let t = performance.now();
    await page.goto(`${base}/missing-page.txt`).catch(() => undefined);
    const blankPageMs = performance.now() - t;
    const blankHeapMb = await heapMb(page);

    const firstPaintMs = await firstPaint(page, `${base}/?t=${host.token}`);
    const rows = Number(((await page.getByTestId('queue-total').textContent()) ?? '').replace(/\D/g, ''));

    // Scroll end to end in screen-sized steps, letting the blocks in view load as a person scrolling would.
    const grid = page.getByTestId('queue-grid');
    t = performance.now();
    for (let step = 0; step < 2000; step++) {
      const atEnd = await grid.evaluate((el) => {
        el.scrollTop += el.clientHeight * 40;
        return el.scrollTop + el.clientHeight >= el.scrollHeight - 2;
      });
      await page.waitForTimeout(5);
      if (atEnd) break;
    }
    // The figure counts only if the grid really reached the last application: the blocks at the end load after the
    // scroll, so wait until no placeholder is left in view and the last rendered row is the queue's last.
    const reached = await page
      .waitForFunction(
        (total) => {
          if (document.querySelector('[data-testid="queue-row-placeholder"]')) return false;
          const shown = document.querySelectorAll('[data-testid="queue-row"]');
          const last = shown[shown.length - 1];
          return last !== undefined && Number(last.getAttribute('aria-rowindex')) >= total - 60;
        },
        rows,
        { timeout: 30_000, polling: 50 },
      )
      .then(() => true, () => false);
    if (!reached) {
      const lastIndex = Number(await page.locator('[data-testid="queue-row"]').last().getAttribute('aria-rowindex'));
      throw new Error(`the grid stopped at row ${lastIndex} of ${rows}`);
    }
    const scrollEndMs = performance.now() - t;
    const heapAfterScrollMb = await heapMb(page);

    // The first paint again in a fresh page, with every core kept busy by spinning processes meanwhile.
    // Beside it, the same fresh page with the machine quiet, after the same warm-up of the core.
    const quietPage = await signedInPage();
    const firstPaintWarmMs = await firstPaint(quietPage, `${base}/?t=${host.token}`);
    await quietPage.close();
    const busyPage = await signedInPage();
    const spinners = await startSpinners(availableParallelism());
    let firstPaintBusyMs: number;
    try {
      firstPaintBusyMs = await firstPaint(busyPage, `${base}/?t=${host.token}`);
    } finally {
      for (const s of spinners) s.kill('SIGKILL');
    }
    return { rows, firstPaintMs, firstPaintWarmMs, firstPaintBusyMs, blankPageMs, scrollEndMs, heapAfterScrollMb, blankHeapMb };
  } finally {
    await browser.close();
    await host.close();
    await core.close();
  }
}

/** From navigation to the first queue rows on screen. */
async function firstPaint(page: Page, url: string): Promise<number> {
  const t = performance.now();
  await page.goto(url);
  await page.locator('[data-testid="queue-row"]').first().waitFor({ timeout: 60_000 });
  return performance.now() - t;
}

// Spins until killed, and in any case stops after two minutes (a bench that died must not leave it spinning).
const SPINNER = 'const end = Date.now() + 120000; process.stdout.write("spinning\\n"); for (let i = 0; ; i++) if ((i & 0xfffff) === 0 && Date.now() > end) process.exit(0);';

/** Processes that keep one core each busy until killed; resolves once each has started spinning. */
async function startSpinners(n: number): Promise<ChildProcess[]> {
  return Promise.all(
    Array.from({ length: n }, () => new Promise<ChildProcess>((resolve, reject) => {
      const child = spawn(process.execPath, ['-e', SPINNER], { stdio: ['ignore', 'pipe', 'ignore'] });
      child.once('error', reject);
      child.stdout!.once('data', () => resolve(child));
    })),
  );
}

async function heapMb(page: import('@playwright/test').Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return Math.round((usedSize / 1048576) * 10) / 10;
}
