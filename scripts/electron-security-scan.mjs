#!/usr/bin/env node
/* global process, console, setTimeout */
// `npm run security:scan`, part of `npm test`: Electronegativity (the Electron security checklist's scanner) over the
// sources that make the desktop app. It exits 0 whatever it finds, so this reads the CSV report it writes and fails
// on any finding of medium or high severity, printing each; lower ones are listed for the record.
//
// It runs offline and downloads nothing: the package asks the network for translations and for Electron's release
// list at run time. Its HTTP client is replaced by one that refuses at once (its own bundled English texts are used),
// the release check (AvailableSecurityFixesGlobalCheck, which needs that list) is left out, and any socket opened
// anyway fails the scan.
import Module, { createRequire } from 'node:module';
import net from 'node:net';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

/** What ships in the Electron app and can hold an Electron misconfiguration; tests do not ship. */
const SCANNED = ['electron', 'renderer/index.html', 'renderer/src', 'shared', 'package.json'];
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];
const FAILING = new Set(['MEDIUM', 'HIGH']);
const REPORT = join(root, 'reports', 'electronegativity.csv');

const packageDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));
const offline = () => Promise.reject(new Error('the security scan runs offline'));
offline.head = offline;
offline.get = offline;
const load = Module._load;
Module._load = function loadOffline(request, parent, ...rest) {
  if (request === 'got' && parent?.filename?.startsWith(packageDir)) return offline;
  return load.call(this, request, parent, ...rest);
};
net.Socket.prototype.connect = function refuse() {
  throw new Error('the security scan opened a network connection; it must run offline');
};

const stage = mkdtempSync(join(tmpdir(), 'sc-electronegativity-'));
try {
  for (const path of SCANNED) {
    const from = join(root, path);
    const to = join(stage, path);
    mkdirSync(dirname(to), { recursive: true });
    cpSync(from, to, { recursive: true, filter: (file) => statSync(file).isDirectory() || !/\.test\.tsx?$/.test(file) });
  }
  mkdirSync(dirname(REPORT), { recursive: true });
  rmSync(REPORT, { force: true });
  console.log(`Electronegativity ${require('@doyensec/electronegativity/package.json').version} over ${SCANNED.join(', ')} (offline: its translations and Electron's release list are not fetched)`);
  const run = require('@doyensec/electronegativity');
  const result = await run({
    input: stage,
    output: REPORT,
    isSarif: false,
    customScan: [],
    excludeFromScan: EXCLUDED_CHECKS,
    isRelative: true,
    isVerbose: false,
    parserPlugins: [],
  });
  // A file the parser could not read was not scanned at all: that is a failure, not a clean result.
  const unread = result.errors.filter((e) => !e.tolerable);
  const findings = await readReport(result.issues.length);
  const failing = findings.filter((f) => FAILING.has(f.severity));
  for (const f of findings) {
    console.log(`${FAILING.has(f.severity) ? 'FAIL' : 'note'}  ${f.severity}/${f.confidence}  ${f.id}  ${f.file}:${f.location}  ${f.sample}`);
  }
  for (const e of unread) console.log(`FAIL  not scanned: ${relative(stage, e.file)}: ${e.message}`);
  console.log(`${findings.length} findings (${failing.length} of medium or high severity), ${unread.length} files not scanned; report: ${relative(root, REPORT)}`);
  if (failing.length || unread.length) process.exitCode = 1;
} finally {
  rmSync(stage, { recursive: true, force: true });
}

/**
 * The CSV report (id, severity, confidence, file, line:column, sample, description, help), once all of it is written:
 * the package writes it without waiting, so this waits until the header and one row per finding are there.
 */
async function readReport(expected) {
  for (let wait = 0; wait < 100; wait++) {
    if (existsSync(REPORT)) {
      const rows = parseCsv(readFileSync(REPORT, 'utf8')).filter((r) => r.length > 1);
      if (rows.length === expected + 1) {
        return rows.slice(1).map(([id, severity, confidence, file, location, sample]) => ({ id, severity, confidence, file, location, sample: sample ?? '' }));
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the report ${REPORT} did not hold the ${expected} findings the scan returned`);
}

/** RFC 4180 as the package writes it: fields in double quotes, quotes doubled, N/A unquoted. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field.trim());
      field = '';
    } else if (c === '\n') {
      row.push(field.trim());
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field || row.length) rows.push([...row, field.trim()]);
  return rows;
}
