#!/usr/bin/env node
/* global process, console */
// Builds better-sqlite3 for Electron into native/ and leaves node_modules' Node build alone (DESIGN.md section 6):
// the tests need the Node build, the shell loads native/better_sqlite3.node through the `nativeBinding` option.
// Needs the internet (Electron headers or a prebuilt binary); it is not part of `npm ci`.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const nativeDir = join(root, 'native');
// The staging project sits inside the repository so better-sqlite3's own dependencies resolve from node_modules.
const staging = join(nativeDir, '.build');

function fail(message, err) {
  rmSync(staging, { recursive: true, force: true });
  console.error(`\nCould not build better-sqlite3 for Electron: ${message}`);
  if (err) console.error(String(err instanceof Error ? err.message : err).split('\n').slice(0, 8).join('\n'));
  console.error('This step needs the internet (Electron headers or a prebuilt binary) and, without a prebuilt one, a C++ toolchain.');
  console.error('The browser host needs none of this: `npm run start:browser`.\n');
  process.exit(1);
}

const readVersion = (pkg) => JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')).version;

let rebuild;
try {
  ({ rebuild } = await import(pathToFileURL(require.resolve('@electron/rebuild')).href));
} catch (err) {
  fail('@electron/rebuild is not installed (it comes with electron-builder; run `npm ci`).', err);
}

const electronVersion = readVersion('electron');
const sqliteVersion = readVersion('better-sqlite3');
const sourceDir = dirname(require.resolve('better-sqlite3/package.json'));

rmSync(staging, { recursive: true, force: true });
const moduleDir = join(staging, 'node_modules', 'better-sqlite3');
mkdirSync(moduleDir, { recursive: true });
const nodeBuild = join(sourceDir, 'build');
cpSync(sourceDir, moduleDir, { recursive: true, filter: (src) => src !== nodeBuild && !src.startsWith(nodeBuild + sep) });
writeFileSync(join(staging, 'package.json'), JSON.stringify({ name: 'electron-native-build', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }));

console.log(`Building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion}...`);
try {
  await rebuild({ buildPath: staging, electronVersion, onlyModules: ['better-sqlite3'], force: true, mode: 'sequential' });
} catch (err) {
  fail('the rebuild failed.', err);
}

const built = join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
if (!existsSync(built)) fail(`the rebuild finished but ${built} is missing.`);
cpSync(built, join(nativeDir, 'better_sqlite3.node'));
writeFileSync(join(nativeDir, 'build-info.json'), JSON.stringify({ electron: electronVersion, betterSqlite3: sqliteVersion, platform: process.platform, arch: process.arch }, null, 2) + '\n');
rmSync(staging, { recursive: true, force: true });
console.log(`Wrote ${join('native', 'better_sqlite3.node')} for Electron ${electronVersion}.`);
