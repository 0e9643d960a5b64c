import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { serverRecords, startTempCentral, type TempCentral } from '../../central/testing';
import { runDiagnostics } from '../../electron/core/cli/diagnostics';
import { writeDiagnosticsBundle, type DiagnosticsSummary } from '../../electron/core/diagnostics/bundle';
import type { DiagnosticsExport } from '../../shared/api/diagnostics';
import type { ApplicationRecord } from '../../shared/domain/application';
import { TEST_NOW } from '../support/deciding';
import { tempDir } from '../support/store';
import { FaultProxy } from './support/fault-proxy';
import { ADMIN, SUPERVISOR, approvable, claimAndApprove, openWorkstation, outboxStates, type Workstation } from './support/workstation';

/*
 * The diagnostics bundle IT pulls from a workstation: built from a real data folder (the training set with the
 * hostile applicants pulled from the real central server, decisions made, an op quarantined, real log files), then
 * unzipped and searched for every applicant's personal data.
 */

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function stepUntil(ws: Workstation, until: () => boolean, maxSteps = 400): Promise<void> {
  for (let i = 0; i < maxSteps; i++) {
    if (until()) return;
    await ws.advance(10 * 60_000);
  }
  throw new Error('the condition never held');
}

/** Every string an applicant could be found by: names, RNOKPP, UNZR, phone, address parts, licence numbers. */
function personalData(r: ApplicationRecord): string[] {
  const a = r.applicant;
  const address = [a.address.street, `${a.address.street}, ${a.address.building}`, a.address.locality + ', ' + a.address.street];
  const delivery = r.delivery.method === 'ukrposhta' ? [r.delivery.recipientPhone, r.delivery.address.street] : [];
  return [
    a.surname, a.givenName, a.patronymic, `${a.surname} ${a.givenName}`, a.rnokpp ?? '', a.unzr ?? '', a.phone, a.email ?? '',
    a.identityDocument.number, ...address, r.licence.number, r.newLicenceNumber ?? '', ...delivery,
  ].filter((s) => s.trim().length >= 4);
}

describe('the diagnostics bundle', () => {
  it('holds versions, sanitised configuration, sync state, outbox counts, quarantine codes, logs, integrity and audit, and no personal data', async () => {
    const central: TempCentral = await startTempCentral({ training: { seed: 61, size: 60, now: TEST_NOW, includeHostile: true }, now: () => TEST_NOW });
    cleanups.push(() => central.dispose());
    const proxy = await FaultProxy.start(central.url);
    cleanups.push(() => proxy.close());
    const dir = tempDir('sc-diagnostics-');
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const ws = await openWorkstation(central, proxy.url, { dir });
    cleanups.push(() => ws.dispose());
    // A configuration with a secret IT should never have put there, and credentials in the URL.
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...config, proxyPassword: 'hunter2-secret' }));
    await ws.signIn(ADMIN);
    await ws.sync();

    const ids = approvable(ws, 3);
    await claimAndApprove(ws, ids.slice(0, 1));
    // One application's claim makes the server fail every time: it is quarantined after a day.
    await ws.ok('application.claim', { id: ids[1] });
    const poison = ws.core.db.prepare("SELECT op_id FROM outbox WHERE state = 'pending' ORDER BY seq DESC LIMIT 1").pluck().get() as string;
    proxy.plan({ kind: 'status', status: 500 }, { match: (r) => r.path.endsWith('/push') && r.body.includes(poison), times: 1_000_000 });
    // A search by name and an application opened: both audited, neither may leak into the bundle.
    const hostile = ws.core.db.prepare("SELECT id FROM applications WHERE applicant_name LIKE '%<script>%'").pluck().get() as string;
    await ws.ok('application.get', { id: hostile });
    await ws.ok('queue.page', { filter: { statuses: [], deadline: [], services: [], delivery: [], search: 'Шевченко' } });
    await ws.sync();
    await stepUntil(ws, () => (outboxStates(ws).quarantined ?? 0) === 1);

    const records = await serverRecords(central);
    expect(records.some((r) => r.applicant.surname.includes('<script>'))).toBe(true);
    const needles = [...new Set(records.flatMap(personalData))];
    expect(needles.length).toBeGreaterThan(300);

    const out = join(dir, 'out', 'bundle.zip');
    const written = writeDiagnosticsBundle({ dataDir: dir, db: ws.core.db, appVersion: '0.1.0', now: () => ws.scheduler.now() }, out);
    const files = unzipSync(readFileSync(out));
    const names = Object.keys(files).sort();
    expect(names).toEqual(expect.arrayContaining(['config.json', 'summary.json', 'sync.json']));
    expect(names.some((n) => n.startsWith('logs/'))).toBe(true);
    expect(written.entries).toBe(names.length);

    const summary = JSON.parse(strFromU8(files['summary.json']!)) as DiagnosticsSummary;
    expect(summary.versions).toMatchObject({ app: '0.1.0', node: process.versions.node });
    expect(summary.database).toMatchObject({ file: 'console.sqlite', integrity: ['ok'] });
    expect(summary.database.migrationLevel).toBe(summary.database.latestMigration);
    expect(summary.audit).toMatchObject({ ok: true, firstBroken: null });
    expect(summary.audit!.entries).toBeGreaterThan(3);
    expect(summary.outbox).toEqual(outboxStates(ws));
    expect(summary.quarantined).toEqual([expect.objectContaining({ opId: poison, type: 'claim', code: 'http_500' })]);
    expect(summary.disk!.freeBytes).toBeGreaterThan(0);
    const cfg = JSON.parse(strFromU8(files['config.json']!)) as Record<string, unknown>;
    expect(cfg).toMatchObject({ present: true, centerId: config.centerId, workstationId: config.workstationId, proxyPassword: '[removed]' });
    const sync = JSON.parse(strFromU8(files['sync.json']!)) as Record<string, unknown>;
    expect(sync).toMatchObject({ enrolled: true });
    expect(sync.lastSuccessAt).toEqual(expect.any(String));

    // No secret and no personal data in any file of the bundle.
    const token = (JSON.parse(readFileSync(join(dir, 'central-token.json'), 'utf8')) as { token: string }).token;
    const texts = names.map((n) => ({ name: n, text: strFromU8(files[n]!) }));
    const found = texts.flatMap(({ name, text }) => [...needles, token, 'hunter2-secret'].filter((s) => text.includes(s)).map((s) => `${name}: ${s.slice(0, 40)}`));
    expect(found).toEqual([]);
    // Log lines are structured JSON, each of them.
    for (const { name, text } of texts.filter((t) => t.name.startsWith('logs/'))) {
      for (const line of text.split('\n').filter(Boolean)) expect(() => JSON.parse(line), name).not.toThrow();
    }
  });

  it('npm run diagnostics writes the bundle of a data folder read-only, and refuses a missing folder with a clear line', async () => {
    const central = await startTempCentral({ training: { seed: 62, size: 10, now: TEST_NOW }, now: () => TEST_NOW });
    cleanups.push(() => central.dispose());
    const dir = tempDir('sc-diagnostics-cli-');
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const ws = await openWorkstation(central, central.url, { dir });
    await ws.signIn(ADMIN);
    await ws.sync();
    await ws.dispose();

    const lines: string[] = [];
    const out = join(dir, 'b.zip');
    expect(runDiagnostics(['--data-dir', dir, '--out', out], (l) => lines.push(l), () => TEST_NOW)).toBe(0);
    expect(lines[0]).toContain('Diagnostics bundle written');
    expect(lines[1]).toMatch(/integrity ok; audit chain intact/);
    const summary = JSON.parse(strFromU8(unzipSync(readFileSync(out))['summary.json']!)) as { createdAt: string };
    expect(summary.createdAt).toBe(new Date(TEST_NOW).toISOString());

    const refused: string[] = [];
    expect(runDiagnostics(['--data-dir', join(dir, 'nope')], (l) => refused.push(l))).toBe(2);
    expect(refused[0]).toMatch(/there is no folder/);
    expect(runDiagnostics([], (l) => refused.push(l))).toBe(2);
    expect(refused[1]).toMatch(/^Usage/);
  });

  it('a supervisor exports the bundle from the console into the data folder; an administrator is refused; the log line holds ids and counts only', async () => {
    const central = await startTempCentral({ training: { seed: 63, size: 10, now: TEST_NOW, includeHostile: true }, now: () => TEST_NOW });
    cleanups.push(() => central.dispose());
    const ws = await openWorkstation(central, central.url);
    cleanups.push(() => ws.dispose());
    await ws.signIn(ADMIN);
    expect(await ws.call('diagnostics.export')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await ws.ok('auth.signOut');
    await ws.signIn(SUPERVISOR);
    const result = await ws.ok<DiagnosticsExport>('diagnostics.export');
    expect(result).toMatchObject({ integrityOk: true, auditOk: true });
    expect(result.file.startsWith(join(ws.dir, 'diagnostics'))).toBe(true);
    expect(Object.keys(unzipSync(readFileSync(result.file)))).toContain('summary.json');
    expect(ws.core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'diagnostics.export'").pluck().get()).toBe(1);

    const logLine = await waitForLogLine(join(ws.dir, 'logs'), 'diagnostics bundle written');
    expect(Object.keys(logLine).sort()).toEqual(['bytes', 'entries', 'event', 'file', 'level', 'msg', 'pid', 'time']);
    expect(logLine).toMatchObject({ event: 'diagnostics.exported', file: expect.stringMatching(/^diagnostics-[0-9T-]+Z\.zip$/), entries: result.entries });
  });
});

async function waitForLogLine(dir: string, msg: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 200; i++) {
    for (const f of existsSync(dir) ? readdirSync(dir) : []) {
      const line = readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === msg);
      if (line) return line;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no log line "${msg}" appeared`);
}
