import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ADMIN, openTestCore, writeSnapshot, type TestCore } from '../../../tests/support/deciding';
import { makeRecord } from '../../../tests/support/records';
import { tempDir } from '../../../tests/support/store';
import { verifyAuditChain } from './audit';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const dirs: string[] = [];
let t: TestCore | undefined;
afterEach(async () => {
  await t?.dispose();
  t = undefined;
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

/** A production store in a temp folder with operators and applications, closed again for the child to open. */
async function prepareStore(): Promise<string> {
  const dir = tempDir();
  dirs.push(dir);
  const setup = await openTestCore({ dir, records: [makeRecord(1), makeRecord(2)] });
  await setup.core.close();
  return dir;
}

function runChild(dir: string, action: 'approve' | 'refuse', crashAt?: 'before_commit' | 'after_commit') {
  return spawnSync(process.execPath, ['--import', 'tsx', 'tests/support/decision-child.ts', dir, action, 'app-000001'], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, CONSOLE_CRASH_AT: '', CRASH_AT: crashAt ?? '' },
  });
}

async function reopen(dir: string) {
  t = await openTestCore({ dir, operators: [] });
  const db = t.core.db;
  return {
    status: db.prepare("SELECT status FROM applications WHERE id = 'app-000001'").pluck().get(),
    ops: db.prepare('SELECT type FROM outbox ORDER BY seq').pluck().all(),
    audit: db.prepare("SELECT action FROM audit_log WHERE action LIKE 'application.%' ORDER BY seq").pluck().all(),
    chainOk: verifyAuditChain(db).ok,
  };
}

describe('durability of a decision', () => {
  it('a process killed just before the commit leaves nothing of the decision (the claim before it stays)', async () => {
    const dir = await prepareStore();
    const r = runChild(dir, 'approve', 'before_commit');
    expect(r.signal).toBe('SIGKILL');
    expect(r.stdout).toContain('pragmas {"journal":"wal","synchronous":2}');
    expect(r.stdout).not.toContain('decided');
    expect(await reopen(dir)).toEqual({ status: 'in_review', ops: ['claim'], audit: ['application.claim'], chainOk: true });
  });

  it('a process killed just after the commit keeps the whole decision: status, outbox op and audit entry', async () => {
    const dir = await prepareStore();
    const r = runChild(dir, 'refuse', 'after_commit');
    expect(r.signal).toBe('SIGKILL');
    expect(await reopen(dir)).toEqual({ status: 'refused', ops: ['claim', 'refuse'], audit: ['application.claim', 'application.refuse'], chainOk: true });
  });

  it('without a crash point the child decides and exits normally', async () => {
    const dir = await prepareStore();
    const r = runChild(dir, 'approve');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(await reopen(dir)).toMatchObject({ status: 'approved', ops: ['claim', 'approve'] });
  });
});

describe('a full disk', () => {
  it('a decision that cannot be stored answers storage_full, writes nothing, and earlier decisions stay intact', async () => {
    t = await openTestCore({ records: Array.from({ length: 200 }, (_, i) => makeRecord(i + 1)) });
    const db = t.core.db;
    await t.signIn(ADMIN);
    await t.ok('application.claim', { id: 'app-000001' });
    await t.ok('application.approve', { id: 'app-000001', manualChecks: { photoSignatureSuitable: true, dataConsistent: true, deliveryDetailsComplete: true } });
    const confirmed = writeSnapshot(db);

    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    let full: { id: string; before: ReturnType<typeof writeSnapshot> } | null = null;
    for (let n = 2; n <= 200 && !full; n++) {
      const id = `app-${String(n).padStart(6, '0')}`;
      const before = writeSnapshot(db);
      const r = await t.call('application.claim', { id });
      if (!r.ok) {
        expect(r.error).toEqual({ code: 'storage_full', message: 'The disk is full. Nothing was saved from this action; free some space and try again.' });
        expect(writeSnapshot(db)).toEqual(before);
        full = { id, before };
      }
    }
    expect(full).not.toBeNull();
    expect(db.prepare("SELECT status FROM applications WHERE id = 'app-000001'").pluck().get()).toBe('approved');
    expect(db.prepare("SELECT type FROM outbox WHERE application_id = 'app-000001' ORDER BY seq").pluck().all()).toEqual(['claim', 'approve']);
    expect(verifyAuditChain(db)).toMatchObject({ ok: true, entries: full!.before.audit });
    expect(full!.before.outbox).toBeGreaterThanOrEqual(confirmed.outbox);

    // Space again: the same action now succeeds.
    db.pragma('max_page_count = 1073741823');
    await t.ok('application.claim', { id: full!.id });
  });

  it('every connection the core opens runs WAL with synchronous=FULL', async () => {
    t = await openTestCore();
    expect(t.core.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(t.core.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(t.core.db.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});
