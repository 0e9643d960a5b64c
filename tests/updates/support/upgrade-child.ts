/**
 * A console start that only opens (and upgrades) its store, for the interrupted-upgrade test: CONSOLE_CRASH_AT
 * makes it SIGKILL itself at the named point.
 *
 *   node --import tsx tests/updates/support/upgrade-child.ts <database file> <backup folder>
 */
import { createLogger } from '../../../electron/core/log';
import { openDatabaseWithUpgrade } from '../../../electron/core/store/upgrade';

const [file, backupDir] = process.argv.slice(2) as [string, string];
openDatabaseWithUpgrade(file, { backupDir, now: () => Date.now(), log: createLogger() }).then(
  ({ db }) => {
    db.close();
    process.stdout.write('upgraded\n');
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(3);
  },
);
