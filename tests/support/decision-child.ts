/**
 * A console process for the durability test: opens the store in the given folder, signs in, claims an
 * application and decides on it. The crash point named by CRASH_AT is armed only for the decision, so the claim
 * before it commits normally; CONSOLE_CRASH_AT then makes the core SIGKILL itself at that point.
 *
 *   node --import tsx tests/support/decision-child.ts <data-dir> <approve|refuse> <application-id>
 */
import { join } from 'node:path';
import { openCore } from '../../electron/core';
import { ADMIN, TEST_NOW } from './deciding';
import { openTestWindow } from './window';

async function main() {
  const [dir, action, id] = process.argv.slice(2) as [string, 'approve' | 'refuse', string];
  const core = await openCore({ dataDir: dir, configPath: join(dir, 'config.json'), now: () => TEST_NOW });
  const pragmas = { journal: core.db.pragma('journal_mode', { simple: true }), synchronous: core.db.pragma('synchronous', { simple: true }) };
  process.stdout.write(`pragmas ${JSON.stringify(pragmas)}\n`);
  const window = openTestWindow(() => core);
  const must = (method: Parameters<typeof window.ok>[0], input: unknown) => window.ok(method, input);
  await must('auth.signIn', { login: ADMIN.login, password: ADMIN.password });
  await must('application.claim', { id });
  if (process.env.CRASH_AT) process.env.CONSOLE_CRASH_AT = process.env.CRASH_AT;
  if (action === 'approve') {
    await must('application.approve', { id, manualChecks: { photoSignatureSuitable: true, dataConsistent: true, deliveryDetailsComplete: true } });
  } else {
    await must('application.refuse', { id, reasonCode: 'data_mismatch', explanation: 'Дані заяви не збігаються з даними реєстру.' });
  }
  process.stdout.write('decided\n');
  await core.close();
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(3);
});
