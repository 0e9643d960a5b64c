import { describe, expect, it } from 'vitest';
import { migrate } from './index';
import { loadRecords } from '../../../../tests/support/deciding';
import { makeRecord } from '../../../../tests/support/records';
import { reportRecords } from '../../../../tests/support/reports';
import { queryPlan, useBareDatabases } from '../../../../tests/support/migrations';
import { SqlRunner } from '../sql';
import { DeadlineModel } from '../../services/deadlines';

const fresh = useBareDatabases();
const NOW = Date.parse('2026-11-27T08:00:00Z');

describe('migration 006 (report facts)', () => {
  it('back-fills one row per application, the same rows the pull path writes, and changes nothing else', () => {
    const records = reportRecords(300, NOW);
    const db = fresh();
    migrate(db, 5);
    loadRecords(db, records);
    db.prepare(`INSERT INTO outbox (op_id, scope, application_id, center_id, type, args, base_version, client_time, operator_id)
      VALUES ('op-1', 'application', ?, 'sc-8041', 'claim', '{}', 1, ?, 'op-a')`).run(records.find((r) => r.status === 'submitted')!.id, NOW);
    const apps = db.prepare('SELECT * FROM applications ORDER BY id').all();
    expect(migrate(db, 6)).toBe(6);
    expect(db.prepare('SELECT * FROM applications ORDER BY id').all()).toEqual(apps);
    const backfilled = db.prepare('SELECT * FROM report_facts ORDER BY application_id').all() as { claimed_at: number | null; application_id: string }[];
    expect(backfilled).toHaveLength(300);
    // The claim still waiting in the outbox is in the facts.
    expect(backfilled.filter((r) => r.claimed_at === NOW)).toHaveLength(1);

    // The same records pulled into a new store of today's schema give the same rows (less the local claim).
    const other = fresh();
    migrate(other);
    loadRecords(other, records);
    const columns = Object.keys(backfilled[0]!).join(', ');
    const pulled = other.prepare(`SELECT ${columns} FROM report_facts ORDER BY application_id`).all() as { claimed_at: number | null }[];
    expect(pulled.filter((r, i) => JSON.stringify(r) !== JSON.stringify(backfilled[i]))).toHaveLength(1);
    db.close();
    other.close();
  });

  it('an application removed from the store takes its facts and its daily counts with it', () => {
    const db = fresh();
    migrate(db, 6);
    loadRecords(db, [makeRecord(1), makeRecord(2)]);
    const sql = new SqlRunner(db);
    sql.write(() => new DeadlineModel(sql).reportFacts.remove('app-000001'));
    expect(db.prepare('SELECT application_id FROM report_facts').pluck().all()).toEqual(['app-000002']);
    expect(db.prepare("SELECT sum(n) FROM report_day_counts WHERE metric = 'received'").pluck().get()).toBe(1);
    db.close();
  });

  it('a percentile walks one length bucket of its index, never sorting rows', () => {
    const db = fresh();
    migrate(db, 6);
    const walk = queryPlan(db, "SELECT in_work_ms FROM report_facts WHERE center_id = 'c' AND in_work_ms >= 10 AND in_work_ms < 20 AND in_work_day BETWEEN 1 AND 2 ORDER BY in_work_ms LIMIT 1 OFFSET 5");
    expect(walk).toContain('report_facts_in_work_ms');
    expect(walk).not.toContain('TEMP B-TREE');
    const median = queryPlan(db, "SELECT decision_ms FROM report_facts WHERE center_id = 'c' AND decided_by = 'op' AND decision_ms >= 10 AND decision_ms < 20 AND decided_day BETWEEN 1 AND 2 ORDER BY decision_ms LIMIT 1 OFFSET 5");
    expect(median).toContain('report_facts_operator');
    expect(median).not.toContain('TEMP B-TREE');
    db.close();
  });
});
