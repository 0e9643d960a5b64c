// Reads the vitest and Playwright JSON reports and prints the one summary line CI reads.
/* global process, console */
import { existsSync, readFileSync } from 'node:fs';

const [testRc, benchRc] = process.argv.slice(2).map(Number);
let passed = 0;
let failed = 0;
let skipped = 0;
const read = (f) => (existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : null);

const vitest = read('reports/vitest.json');
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  skipped += vitest.numPendingTests + (vitest.numTodoTests ?? 0);
}
for (const f of ['reports/e2e.json', 'reports/electron.json']) {
  const pw = read(f);
  if (!pw) continue;
  passed += pw.stats.expected;
  failed += pw.stats.unexpected + pw.stats.flaky; // a flaky test is a failing test
  skipped += pw.stats.skipped;
}
// The short bench runs as one check: it must complete.
if (benchRc === 0) passed += 1;
else failed += 1;
// A step that failed before writing any report (typecheck, lint, build) still fails the run.
if (testRc !== 0 && failed === 0) failed += 1;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || testRc !== 0 || benchRc !== 0 ? 1 : 0);
