/** The central bench's table: each figure on SQLite and on PostgreSQL side by side, each beside its baseline. */
import { percentile } from '../stats';
import type { StoreFigures } from './figures';

export interface StoreColumn {
  kind: 'sqlite' | 'postgres';
  figures: StoreFigures;
}

interface Line {
  what: string;
  cells: Record<string, { figure: string; baseline: string }>;
  budget: string;
  /** The verdict per store, or null where the figure is only reported. */
  ok: Record<string, boolean> | null;
}

const n = (v: number) => Math.round(v).toLocaleString('en');
const ms = (v: number) => `${v.toFixed(0)} ms`;
const s = (v: number) => `${(v / 1000).toFixed(2)} s`;
const mb = (v: number) => `${v.toFixed(0)} MB`;
const name = { sqlite: 'SQLite', postgres: 'PostgreSQL' } as const;

export function printSideBySide(columns: StoreColumn[], o: { short: boolean; offeredOps: number; appsPerPush: number; pulledShare: number }): void {
  const lines: Line[] = [];
  const each = (f: (x: StoreFigures) => { figure: string; baseline: string }) => Object.fromEntries(columns.map((c) => [c.kind, f(c.figures)]));
  const verdict = (f: (x: StoreFigures) => boolean, only?: 'postgres') =>
    Object.fromEntries(columns.filter((c) => !only || c.kind === only).map((c) => [c.kind, f(c.figures)]));
  const applied = (x: StoreFigures) => (x.big.stats.results.applied ?? 0) / x.big.seconds;
  const pullBudgetMs = 10_000 * (o.pulledShare / 20_000);

  lines.push({
    what: `bulk seeding (${n(columns[0]!.figures.seedSmall.rows + columns[0]!.figures.seedBig.rows)} rows)`,
    cells: each((x) => ({ figure: `${n((x.seedSmall.rows + x.seedBig.rows) / ((x.seedSmall.ms + x.seedBig.ms) / 1000))} rows/s`, baseline: `${s(x.seedSmall.ms + x.seedBig.ms)} in all` })),
    budget: 'reported', ok: null,
  });
  lines.push({
    what: `decision ops/s (${n(o.offeredOps)} offered, ${o.appsPerPush * 2} a push)`,
    cells: each((x) => ({ figure: `${n(applied(x))}/s`, baseline: `${n(x.raw.decisions.opsPerSec)}/s raw tx` })),
    budget: 'PostgreSQL >= 2,000/s', ok: verdict((x) => applied(x) >= 2000, 'postgres'),
  });
  lines.push({
    what: 'push latency p50 / p99',
    cells: each((x) => ({ figure: `${ms(percentile(x.big.stats.pushMs, 50))} / ${ms(percentile(x.big.stats.pushMs, 99))}`, baseline: `${ms(x.raw.decisions.p50)} / ${ms(x.raw.decisions.p99)} raw tx` })),
    budget: 'PostgreSQL p99 < 250 ms', ok: verdict((x) => percentile(x.big.stats.pushMs, 99) < 250, 'postgres'),
  });
  lines.push({
    what: 'pulled changes/s (all workstations)',
    cells: each((x) => ({ figure: `${n(x.big.stats.pulledChanges / x.big.seconds)}/s`, baseline: `${n(x.raw.pages.records / (x.raw.pages.ms / 1000))}/s raw pages` })),
    budget: 'reported', ok: null,
  });
  lines.push({
    what: 'pull request p50 / p99',
    cells: each((x) => ({ figure: `${ms(percentile(x.big.stats.pullMs, 50))} / ${ms(percentile(x.big.stats.pullMs, 99))}`, baseline: `${n(x.big.stats.pulls)} requests` })),
    budget: 'reported', ok: null,
  });
  lines.push({
    what: 'intake (applications filed/s, p99)',
    cells: each((x) => ({ figure: `${(x.big.stats.intake / x.big.seconds).toFixed(1)}/s, ${ms(percentile(x.big.stats.intakeMs, 99))}`, baseline: '' })),
    budget: 'reported', ok: null,
  });
  lines.push({
    what: `full initial pull of ${n(o.pulledShare)} (quiet)`,
    cells: each((x) => ({ figure: s(x.quietPull.ms), baseline: `${s(x.raw.pages.ms)} raw pages` })),
    budget: o.short ? `scaled: < ${s(pullBudgetMs)}` : '< 10 s', ok: verdict((x) => x.quietPull.ms < pullBudgetMs && x.quietPull.applications >= o.pulledShare),
  });
  lines.push({
    what: `full initial pull of ${n(o.pulledShare)} (under load)`,
    cells: each((x) => ({ figure: x.big.stats.joiningPull ? s(x.big.stats.joiningPull.ms) : 'none', baseline: `${s(x.raw.pages.ms)} raw pages` })),
    budget: 'reported', ok: null,
  });
  const small = columns[0]!.figures.small.rows;
  const big = columns[0]!.figures.big.rows;
  lines.push({
    what: `server RSS peak under load, ${n(small)} -> ${n(big)}`,
    cells: each((x) => ({ figure: `${mb(x.small.rssPeakMb)} -> ${mb(x.big.rssPeakMb)}`, baseline: `${mb(x.small.rssIdleMb)} -> ${mb(x.big.rssIdleMb)} idle` })),
    budget: 'no growth (<= +20 %)', ok: verdict((x) => x.big.rssPeakMb <= x.small.rssPeakMb * 1.2),
  });
  lines.push({
    what: 'server processes',
    cells: each((x) => ({ figure: String(x.big.processes), baseline: 'on the one store' })),
    budget: 'reported', ok: null,
  });
  lines.push({
    what: 'CPU s: server / database / load generators',
    cells: each((x) => ({ figure: `${(x.big.serverCpuMs / 1000).toFixed(0)} / ${(x.big.databaseCpuMs / 1000).toFixed(0)} / ${(x.big.stats.cpuMs / 1000).toFixed(0)}`, baseline: `in ${x.big.seconds.toFixed(0)} s on 2 cores` })),
    budget: 'reported', ok: null,
  });
  const perOp = (cpuMs: number, x: StoreFigures) => `${((cpuMs * 1000) / Math.max(1, x.big.stats.results.applied ?? 0)).toFixed(0)} µs`;
  lines.push({
    what: 'CPU per decision op: server / database',
    cells: each((x) => ({ figure: `${perOp(x.big.serverCpuMs, x)} / ${x.kind === 'postgres' ? perOp(x.big.databaseCpuMs, x) : 'in-process'}`, baseline: 'pulls included' })),
    budget: 'reported', ok: null,
  });
  const failures = columns.map((c) => `${name[c.kind]} ${JSON.stringify(c.figures.big.stats.failures)}`).join(', ');

  const widths = [46, ...columns.flatMap(() => [24, 24]), 26];
  const row = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 10)).join(' ');
  process.stdout.write(`${row(['what', ...columns.flatMap((c) => [name[c.kind], 'baseline (same run)']), 'budget'])} verdict\n`);
  for (const l of lines) {
    const cells = columns.flatMap((c) => [l.cells[c.kind]!.figure, l.cells[c.kind]!.baseline]);
    const v = l.ok === null ? '' : Object.entries(l.ok).map(([k, ok]) => `${name[k as 'sqlite']} ${ok ? 'within' : 'OVER'}`).join(', ');
    process.stdout.write(`${row([l.what, ...cells, l.budget])} ${v}\n`);
  }
  process.stdout.write(`Requests answered other than 200/201 in the main phase: ${failures}\n`);
}
