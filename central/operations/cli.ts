/**
 * The central store's operations, run beside (or instead of) the server:
 *
 *   npm run central -- migrate-store --from central.sqlite --to postgres://user@host/db
 *   npm run central -- backup [--db central.sqlite] --to backups/central-2026-11-27.sqlite
 *
 * Exit 0 when done, 1 when the store refused (its code and sentence are printed), 2 for a mistake on the command line.
 */
import { parseArgs } from 'node:util';
import type { CliIo } from '../releases/cli';
import { redactUrl } from '../store/postgres-store';
import { BackupError, backupSqliteStore } from './backup';
import { MigrateStoreError, migrateStore } from './migrate-store';

export const STORE_COMMANDS = ['migrate-store', 'backup'] as const;

class UsageError extends Error {}

export async function runStoreCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    const { values } = parseArgs({ args: rest, strict: true, options: { from: { type: 'string' }, to: { type: 'string' }, db: { type: 'string' } } });
    if (command === 'migrate-store') {
      const to = values.to ?? io.env.DATABASE_URL;
      if (!values.from || !to) throw new UsageError('migrate-store needs --from central.sqlite and --to postgres://… (or DATABASE_URL)');
      io.out(`Moving the central store ${values.from} into ${redactUrl(to)}…`);
      const r = await migrateStore({ from: values.from, to, log: io.out });
      const rows = Object.values(r.tables).reduce((a, b) => a + b, 0);
      io.out(`Moved ${rows.toLocaleString('en')} rows in ${(r.ms / 1000).toFixed(1)} s; epoch ${r.epoch} and feed position ${r.feedPosition} kept, so workstations carry on from their cursors.`);
      io.out('Start the servers with --db on the new database (and --releases on the old releases folder, if the update feed is used).');
      return 0;
    }
    if (command === 'backup') {
      const db = values.db ?? io.env.DATABASE_URL ?? 'central.sqlite';
      if (!values.to) throw new UsageError('backup needs --to FILE (a new file)');
      const r = await backupSqliteStore({ db, to: values.to });
      io.out(`Backed up ${db} to ${r.file}: ${(r.bytes / 1e6).toFixed(1)} MB, schema version ${r.schemaVersion}, ${r.applications.toLocaleString('en')} applications, feed position ${r.feedPosition}, epoch ${r.epoch} (${(r.ms / 1000).toFixed(1)} s).`);
      return 0;
    }
    throw new UsageError(`unknown command ${command ?? '(none)'}: ${STORE_COMMANDS.join(', ')}`);
  } catch (err) {
    if (err instanceof MigrateStoreError || err instanceof BackupError) {
      io.err(`central: ${command} refused (${err.code}): ${err.message}`);
      return 1;
    }
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`central: ${(err as Error).message}`);
      return 2;
    }
    io.err(`central: ${command} failed: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}
