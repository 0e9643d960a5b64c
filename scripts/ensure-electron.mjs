#!/usr/bin/env node
/* global process, console */
// `npm start` runs this first. Electron 42+ fetches its binary on first use and electron-vite will not start
// without it, so a fresh machine gets it here through Electron's own installer; then the Electron build of
// better-sqlite3 (native/, see scripts/rebuild-electron-native.mjs), because node_modules keeps the Node build.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

function fail(what) {
  console.error(
    [
      '',
      `The Electron desktop shell cannot start: ${what}.`,
      'Check the internet connection (or the proxy settings) and run `npm start` again,',
      'or run the console in a browser instead, which needs no download:',
      '',
      '    npm run start:browser',
      '',
    ].join('\n'),
  );
  process.exit(1);
}

let electronDir;
try {
  electronDir = dirname(require.resolve('electron/package.json'));
} catch {
  fail('the electron package is not installed (run `npm ci`)');
}

if (!existsSync(join(electronDir, 'path.txt'))) {
  console.log('Downloading the Electron binary (once per machine)...');
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit', cwd: electronDir });
  if (result.status !== 0 || !existsSync(join(electronDir, 'path.txt'))) fail('the Electron binary could not be downloaded');
}

const electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
const stampFile = join(root, 'native', 'build-info.json');
const stamp = existsSync(stampFile) ? JSON.parse(readFileSync(stampFile, 'utf8')) : null;
const sqliteVersion = JSON.parse(readFileSync(require.resolve('better-sqlite3/package.json'), 'utf8')).version;
const current =
  stamp?.electron === electronVersion &&
  stamp?.betterSqlite3 === sqliteVersion &&
  stamp?.platform === process.platform &&
  stamp?.arch === process.arch &&
  existsSync(join(root, 'native', 'better_sqlite3.node'));
if (!current) {
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'rebuild-electron-native.mjs')], { stdio: 'inherit', cwd: root });
  if (result.status !== 0) fail('better-sqlite3 could not be built for Electron');
}
