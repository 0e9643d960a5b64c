/**
 * BENCH_PG_STATEMENTS=1: the bench's cluster loads pg_stat_statements, the counts are reset when the main phase
 * starts, and after it the statements are listed by total execution time with their calls per push, so what the
 * database spends on a push is read from the database rather than guessed.
 */
import { withPgClient } from '../../central/store/pg-cluster';

export const PG_STATEMENTS = process.env.BENCH_PG_STATEMENTS === '1';

/** Cluster settings that load the extension (none unless asked). */
export function statementSettings(): Record<string, string> {
  return PG_STATEMENTS ? { shared_preload_libraries: "'pg_stat_statements'", 'pg_stat_statements.track': "'all'" } : {};
}

/** Creates the extension (first call) and zeroes its counts. */
export async function resetStatements(url: string): Promise<void> {
  if (!PG_STATEMENTS) return;
  await withPgClient(url, async (c) => {
    await c.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await c.query('SELECT pg_stat_statements_reset()');
  });
}

/** The statements since the reset, by total execution time, with calls and time per push. */
export async function printStatements(url: string, pushes: number, log: (line: string) => void): Promise<void> {
  if (!PG_STATEMENTS) return;
  const rows = await withPgClient(url, async (c) =>
    (await c.query<{ query: string; calls: string; total: number; mean: number; rows: string }>(
      `SELECT query, calls, total_exec_time + total_plan_time AS total, mean_exec_time AS mean, rows
       FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
       ORDER BY total DESC LIMIT 25`,
    )).rows,
  );
  const all = rows.reduce((a, r) => a + r.total, 0);
  log(`pg_stat_statements over ${pushes} pushes (top 25, ${all.toFixed(0)} ms in all):`);
  for (const r of rows) {
    const text = r.query.replace(/\s+/g, ' ').slice(0, 150);
    log(`  ${r.total.toFixed(0).padStart(7)} ms ${(Number(r.calls) / Math.max(1, pushes)).toFixed(2).padStart(6)}/push ${r.mean.toFixed(3).padStart(8)} ms  ${text}`);
  }
}
