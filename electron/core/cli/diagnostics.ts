import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleFileName, writeDiagnosticsBundle } from '../diagnostics/bundle';

/**
 * `npm run diagnostics -- --data-dir DIR [--out FILE]`: writes the diagnostics bundle of a workstation's data folder
 * (a zip without personal data, see diagnostics/bundle.ts). Opens the database read-only, so it is safe beside a
 * running console. Exits 0 when written, 2 on bad arguments.
 */
export function runDiagnostics(argv: string[], out: (line: string) => void, now: () => number = () => Date.now()): number {
  let values: { 'data-dir'?: string; out?: string };
  try {
    ({ values } = parseArgs({ args: argv, options: { 'data-dir': { type: 'string' }, out: { type: 'string' } }, strict: true }));
  } catch (err) {
    out(`diagnostics: ${(err as Error).message}`);
    return 2;
  }
  if (!values['data-dir']) {
    out('Usage: npm run diagnostics -- --data-dir <dir> [--out <file.zip>]');
    return 2;
  }
  const dataDir = resolve(values['data-dir']);
  if (!existsSync(dataDir)) {
    out(`diagnostics: there is no folder ${dataDir}.`);
    return 2;
  }
  const file = resolve(values.out ?? join(dataDir, 'diagnostics', bundleFileName(now())));
  const written = writeDiagnosticsBundle({ dataDir, now, appVersion: packageVersion() }, file);
  const s = written.summary;
  out(`Diagnostics bundle written: ${written.file} (${written.bytes} bytes, ${written.entries} files).`);
  out(`Database: migration ${s.database.migrationLevel ?? '-'} of ${s.database.latestMigration}, integrity ${s.database.integrity.join('; ')}; audit chain ${s.audit ? (s.audit.ok ? 'intact' : `BROKEN at entry ${s.audit.firstBroken?.seq}`) : 'absent'}.`);
  return 0;
}

function packageVersion(): string | undefined {
  try {
    return (JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

const invokedDirectly = process.argv[1] !== undefined && /cli[\\/]diagnostics\.[cm]?[jt]s$/.test(process.argv[1]);
if (invokedDirectly) process.exitCode = runDiagnostics(process.argv.slice(2), (line) => process.stdout.write(line + '\n'));
