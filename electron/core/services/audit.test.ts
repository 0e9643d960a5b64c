import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN, openTestCore, type TestCore } from '../../../tests/support/deciding';
import { makeRecord } from '../../../tests/support/records';
import { runAuditVerify } from '../cli/audit-verify';
import { canonicalJson, digestOf, entryHash, GENESIS_HASH, verifyAuditChain } from './audit';

type AuditRow = { seq: number; at: number; operator_id: string | null; action: string; entity_id: string | null; digest: string; prev_hash: string; hash: string };

let t: TestCore;
afterEach(async () => t?.dispose());

/** A store with a few audited actions: sign-in, claims, an approval, openings. */
async function storeWithHistory(): Promise<TestCore> {
  const core = await openTestCore({ records: [makeRecord(1), makeRecord(2), makeRecord(3)] });
  await core.signIn(ADMIN);
  for (const id of ['app-000001', 'app-000002', 'app-000003']) {
    await core.ok('application.claim', { id });
    core.clock.now += 1000;
  }
  await core.ok('application.approve', { id: 'app-000001', manualChecks: { photoSignatureSuitable: true, dataConsistent: true, deliveryDetailsComplete: true } });
  await core.ok('application.get', { id: 'app-000002' });
  return core;
}

/** Tampering needs the append-only triggers out of the way, as an attacker with the file would do. */
function dropTriggers(t: TestCore) {
  t.core.db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
}

describe('audit chain', () => {
  it('canonical JSON sorts keys at every level, so equal content always hashes alike', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
    expect(digestOf({ x: 1, y: 2 })).toBe(digestOf({ y: 2, x: 1 }));
  });

  it('links every entry to the previous one from the genesis hash, and the head is the latest entry', async () => {
    t = await storeWithHistory();
    const rows = t.core.db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[];
    expect(rows.length).toBe(6);
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    const r = rows[2]!;
    expect(r.hash).toBe(entryHash(r.prev_hash, { seq: r.seq, at: r.at, operatorId: r.operator_id, action: r.action, entityId: r.entity_id, digest: r.digest }));
    expect(verifyAuditChain(t.core.db)).toEqual({ ok: true, entries: 6, head: { seq: 6, hash: rows[5]!.hash } });
    expect(t.core.auditHead()).toEqual({ seq: 6, hash: rows[5]!.hash });
  });

  it('a changed digest is caught at that entry', async () => {
    t = await storeWithHistory();
    dropTriggers(t);
    t.core.db.prepare("UPDATE audit_log SET digest = ? WHERE seq = 3").run('0'.repeat(64));
    expect(verifyAuditChain(t.core.db)).toMatchObject({ ok: false, entries: 2, firstBroken: { seq: 3, reason: expect.stringMatching(/changed after it was written/) } });
  });

  it('a rewritten entry with a recomputed hash is caught at the next entry, whose link no longer matches', async () => {
    t = await storeWithHistory();
    dropTriggers(t);
    const r = t.core.db.prepare('SELECT * FROM audit_log WHERE seq = 4').get() as AuditRow;
    const digest = '1'.repeat(64);
    const hash = entryHash(r.prev_hash, { seq: 4, at: r.at, operatorId: r.operator_id, action: r.action, entityId: r.entity_id, digest });
    t.core.db.prepare('UPDATE audit_log SET digest = ?, hash = ? WHERE seq = 4').run(digest, hash);
    expect(verifyAuditChain(t.core.db)).toMatchObject({ ok: false, firstBroken: { seq: 5, reason: expect.stringMatching(/does not link/) } });
  });

  it('a deleted middle entry is caught and named', async () => {
    t = await storeWithHistory();
    dropTriggers(t);
    t.core.db.prepare('DELETE FROM audit_log WHERE seq = 3').run();
    expect(verifyAuditChain(t.core.db)).toMatchObject({ ok: false, entries: 2, firstBroken: { seq: 3, reason: expect.stringMatching(/entry 3 is missing/) } });
  });

  it('the append-only triggers stop an UPDATE or a DELETE through the product connection', async () => {
    t = await storeWithHistory();
    expect(() => t.core.db.prepare("UPDATE audit_log SET action = 'x'").run()).toThrow(/append-only/);
    expect(() => t.core.db.prepare('DELETE FROM audit_log WHERE seq = 6').run()).toThrow(/append-only/);
    expect(verifyAuditChain(t.core.db).ok).toBe(true);
  });
});

describe('audit:verify command', () => {
  it('prints an intact chain and exits 0; names the first broken entry and exits 1', async () => {
    t = await storeWithHistory();
    const lines: string[] = [];
    expect(runAuditVerify(['--data-dir', t.dir], (l) => lines.push(l))).toBe(0);
    expect(lines.join('\n')).toMatch(/console\.sqlite: audit log intact, 6 entries; head is entry 6/);
    dropTriggers(t);
    t.core.db.prepare("UPDATE audit_log SET entity_id = 'app-999999' WHERE seq = 2").run();
    lines.length = 0;
    expect(runAuditVerify(['--data-dir', t.dir], (l) => lines.push(l))).toBe(1);
    expect(lines.join('\n')).toMatch(/audit log BROKEN at entry 2: entry 2 was changed/);
    expect(runAuditVerify(['--data-dir', join(t.dir, 'nothing-here')], () => {})).toBe(2);
  });

  it('runs as `npm run audit:verify -- --data-dir <dir>` and exits 1 on a broken chain', async () => {
    t = await storeWithHistory();
    dropTriggers(t);
    t.core.db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    const r = spawnSync('npm', ['run', '--silent', 'audit:verify', '--', '--data-dir', t.dir], { cwd: fileURLToPath(new URL('../../../', import.meta.url)), encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout).toMatch(/BROKEN at entry 2: entry 2 is missing/);
    expect(r.status).toBe(1);
  });
});
