/** Small helpers for timing: percentiles over repeated runs, measured in the same process as the baseline. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx] ?? NaN;
}

export function time(fn: () => void, runs: number, warmup = 2): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out;
}

export const ms = (v: number) => `${v.toFixed(2)} ms`;

export interface Row {
  what: string;
  figure: string;
  baseline: string;
  budget: string;
  ok: boolean | null;
}

export function printTable(rows: Row[]): void {
  const w = [Math.max(44, ...rows.map((r) => r.what.length)), 16, 22, 30];
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(w[i] ?? 10)).join(' ');
  process.stdout.write(line(['what', 'figure', 'baseline (same run)', 'budget']) + '  verdict\n');
  for (const r of rows) {
    const verdict = r.ok === null ? '' : r.ok ? 'within' : 'OVER';
    process.stdout.write(line([r.what, r.figure, r.baseline, r.budget]) + '  ' + verdict + '\n');
  }
}
