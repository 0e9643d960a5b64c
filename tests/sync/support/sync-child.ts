/**
 * A workstation process for the crash test: opens the store in the given folder (its config names the central
 * server) and syncs. With CONSOLE_CRASH_AT=sync.push_answered it SIGKILLs itself once the server has answered a
 * push (so the server committed) and before anything of the answer is recorded.
 *
 *   node --import tsx tests/sync/support/sync-child.ts <data-dir>
 */
import { join } from 'node:path';
import { openCore } from '../../../electron/core';

async function main() {
  const dir = process.argv[2]!;
  const core = await openCore({ dataDir: dir, configPath: join(dir, 'config.json') });
  await core.sync.connect();
  const status = await core.sync.engine.syncNow();
  process.stdout.write(`synced ${JSON.stringify({ pendingOps: status.pendingOps, lastError: status.lastError?.code ?? null })}\n`);
  await core.close();
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(3);
});
