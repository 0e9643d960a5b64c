/**
 * The decision commit (state + outbox + audit) through the product's DecisionService, beside the same transaction
 * written by hand with raw better-sqlite3 prepared statements, measured alternately in the same run: once with
 * synchronous=FULL (what a workstation runs: absolute figures) and once with synchronous=OFF (the code's own
 * overhead, budget p99 <= 1.5x hand-written). The report facts are not part of either: a decision writes its op,
 * and the facts catch up from the outbox when a report or a drill-down reads them (measured after, per op).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase } from '../electron/core/store/database';
import { SqlRunner } from '../electron/core/store/sql';
import { ApplicationReader } from '../electron/core/services/applications';
import { withCaller } from '../electron/core/services/caller';
import { createDecidingServices } from '../electron/core/services/deciding';
import { DeadlineModel, deadlineColumns } from '../electron/core/services/deadlines';
import { hashPassword } from '../electron/core/services/passwords';
import { PullApplier } from '../electron/core/services/pull-apply';
import { statusRank } from '../shared/domain/status';
import { makeRecord } from '../tests/support/records';
import { percentile } from './stats';

export type DecisionBench = {
  rows: number;
  iterations: number;
  fullP50: number;
  fullP99: number;
  rawFullP50: number;
  rawFullP99: number;
  offP50: number;
  offP99: number;
  rawOffP50: number;
  rawOffP99: number;
  /** offP99 / rawOffP99; the budget is <= 1.5. */
  offP99Ratio: number;
  /** The report facts catching up with the measured decisions afterwards (per op), beside re-deriving one application's. */
  catchUpPerOp: number;
  refreshPerApp: number;
};

const NOW = Date.parse('2026-11-27T08:00:00Z');
const OPERATOR = { id: 'op-bench', login: 'bench', password: 'bench-password' };
const TICKED = { photoSignatureSuitable: true, dataConsistent: true, deliveryDetailsComplete: true };
const WARMUP = 20;

export async function benchDecision(opts: { rows: number; iterations: number }): Promise<DecisionBench> {
  const perPhase = opts.iterations + WARMUP;
  const rows = Math.max(opts.rows, 4 * perPhase);
  const dir = mkdtempSync(join(tmpdir(), 'sc-console-bench-decision-'));
  const db = openDatabase(join(dir, 'decision.sqlite'));
  try {
    const sql = new SqlRunner(db);
    const deadlines = new DeadlineModel(sql);
    const applier = new PullApplier(sql, deadlines);
    for (let i = 0; i < rows; i += 1000) {
      const page = Array.from({ length: Math.min(1000, rows - i) }, (_, k) => makeRecord(i + k + 1, { submittedAt: new Date(NOW - ((i + k) % 40) * 86_400_000).toISOString() }));
      applier.apply({ changes: page, cursor: `bench:${i}`, hasMore: true });
    }
    db.prepare("INSERT INTO operators (id, login, display_name, role, password_hash) VALUES (?, ?, 'Bench', 'administrator', ?)")
      .run(OPERATOR.id, OPERATOR.login, hashPassword(OPERATOR.password, { N: 1024, r: 8, p: 1 }));
    const services = createDecidingServices({ sql, deadlines, reader: new ApplicationReader(sql, deadlines, null), now: () => NOW, mode: 'production', centerId: 'sc-8041' });
    const { credential } = services.session.signIn(OPERATOR.login, OPERATOR.password);
    // Every commit runs as the signed-in window, the way dispatch runs a contract call.
    const asOperator = <T>(action: () => T): T => withCaller({ session: credential }, action);

    // Claims are set-up, not measured: made quickly with synchronous=OFF.
    const ids = Array.from({ length: 4 * perPhase }, (_, i) => `app-${String(i + 1).padStart(6, '0')}`);
    db.pragma('synchronous = OFF');
    for (const id of ids) asOperator(() => services.decisions.commit(id, { kind: 'claim' }));
    db.exec('ANALYZE');

    const product = (id: string) => asOperator(() => services.decisions.commit(id, { kind: 'approve', manualChecks: TICKED }));
    const raw = handWrittenApprove(db);
    const measure = (slice: string[]) => {
      const ours: number[] = [];
      const theirs: number[] = [];
      for (let i = 0; i < slice.length; i += 2) {
        let t = performance.now();
        product(slice[i]!);
        if (i >= 2 * WARMUP) ours.push(performance.now() - t);
        t = performance.now();
        raw(slice[i + 1]!);
        if (i >= 2 * WARMUP) theirs.push(performance.now() - t);
      }
      return { ours, theirs };
    };
    db.pragma('synchronous = FULL');
    const full = measure(ids.slice(0, 2 * perPhase));
    db.pragma('synchronous = OFF');
    const off = measure(ids.slice(2 * perPhase));
    const result: DecisionBench = {
      rows,
      iterations: opts.iterations,
      fullP50: percentile(full.ours, 50),
      fullP99: percentile(full.ours, 99),
      rawFullP50: percentile(full.theirs, 50),
      rawFullP99: percentile(full.theirs, 99),
      offP50: percentile(off.ours, 50),
      offP99: percentile(off.ours, 99),
      rawOffP50: percentile(off.theirs, 50),
      rawOffP99: percentile(off.theirs, 99),
      offP99Ratio: 0,
      catchUpPerOp: 0,
      refreshPerApp: 0,
    };
    result.offP99Ratio = result.offP99 / result.rawOffP99;
    // The decisions' steps reach the report facts when a report is read: what that costs, per decision.
    const ops = Number(db.prepare("SELECT count(*) FROM outbox WHERE type = 'approve'").pluck().get());
    let t = performance.now();
    deadlines.reportFacts.catchUp();
    result.catchUpPerOp = (performance.now() - t) / ops;
    t = performance.now();
    sql.write(() => ids.slice(0, 200).forEach((id) => deadlines.reportFacts.refresh(id)));
    result.refreshPerApp = (performance.now() - t) / 200;
    return result;
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The baseline: the same approval as one hand-written transaction. It reads what it must (the row, the audit
 * head), checks the claim, and writes the same three rows with the same values, hashes included.
 */
function handWrittenApprove(db: ReturnType<typeof openDatabase>) {
  const load = db.prepare<[string], { rowid: number; status: string; version: number; center_id: string; due_at: number; claimed_by: string | null }>(
    'SELECT rowid, status, version, center_id, due_at, claimed_by FROM applications WHERE id = ?',
  );
  const update = db.prepare('UPDATE applications SET status = ?, status_rank = ?, pending = ?, due_sort = ?, due_day = ?, claimed_by = ?, claimed_at = ? WHERE rowid = ?');
  const outbox = db.prepare(`INSERT INTO outbox (op_id, scope, application_id, center_id, type, args, base_version, client_time, operator_id)
    VALUES (?, 'application', ?, ?, 'approve', ?, ?, ?, ?)`);
  const head = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  const audit = db.prepare('INSERT INTO audit_log (seq, at, operator_id, action, entity_id, digest, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const sha = (s: string) => createHash('sha256').update(s).digest('hex');
  const args = JSON.stringify({ manualChecks: TICKED });
  const rank = statusRank('approved');
  const tx = db.transaction((id: string) => {
    const row = load.get(id)!;
    if (row.status !== 'in_review' || row.claimed_by !== OPERATOR.id) throw new Error('not claimed');
    const due = deadlineColumns(row.due_at, false);
    update.run('approved', rank, 0, due.due_sort, due.due_day, null, null, row.rowid);
    const opId = uuidv7();
    outbox.run(opId, id, row.center_id, args, row.version, NOW, OPERATOR.id);
    const prev = head.get()!;
    const digest = sha(`{"args":${args},"from":"in_review","opId":"${opId}","to":"approved"}`);
    const seq = prev.seq + 1;
    const hash = sha(`${prev.hash}{"action":"application.approve","at":${NOW},"digest":"${digest}","entityId":"${id}","operatorId":"${OPERATOR.id}","seq":${seq}}`);
    audit.run(seq, NOW, OPERATOR.id, 'application.approve', id, digest, prev.hash, hash);
  });
  return (id: string) => tx.immediate(id);
}
