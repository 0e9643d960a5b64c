import { describe, expect, it } from 'vitest';
import { migrate } from './index';
import { loadRecords } from '../../../../tests/support/deciding';
import { reportRecords } from '../../../../tests/support/reports';
import { queryPlan, useBareDatabases } from '../../../../tests/support/migrations';
import { REPORT_FIGURES, type ReportDrill } from '../../../../shared/reports/drill';
import { STATUS_STEPS } from '../../../../shared/reports/facts';
import { drillCondition } from '../../services/reports/figure-predicates';

const fresh = useBareDatabases();
const NOW = Date.parse('2026-11-27T08:00:00Z');

/** A predicate with its parameters written in, for EXPLAIN. */
const inline = (p: { sql: string; params: unknown[] }) => {
  let i = 0;
  return p.sql.replace(/\?/g, () => JSON.stringify(p.params[i++]).replace(/"/g, "'"));
};

describe('migration 008 (report facts kept step by step, drill-down indexes)', () => {
  it('back-fills the fold, the timeline’s status and row, and marks the outbox as caught up; an op still waiting is in', () => {
    const records = reportRecords(200, NOW);
    const db = fresh();
    migrate(db, 7);
    loadRecords(db, records);
    const waiting = records.find((r) => r.status === 'received')!;
    db.prepare(`INSERT INTO outbox (op_id, scope, application_id, center_id, type, args, base_version, client_time, operator_id)
      VALUES ('op-1', 'application', ?, 'sc-8041', 'claim', '{}', 1, ?, 'op-a')`).run(waiting.id, NOW);
    expect(migrate(db, 8)).toBe(8);
    const rows = db.prepare(`SELECT f.*, a.rowid AS rowid, a.status AS status FROM report_facts f JOIN applications a ON a.id = f.application_id`).all() as Record<string, unknown>[];
    expect(rows).toHaveLength(200);
    for (const r of rows) {
      expect(r.app_rowid).toBe(r.rowid);
      expect(r.last_status).toBe(r.application_id === waiting.id ? 'in_review' : r.status);
      expect(r.last_seq).toBe(1);
      expect(r.last_step_at).toEqual(expect.any(Number));
      expect(r.undecided_until).toBe(r.decided_day ?? 99_999_999);
    }
    expect(rows.find((r) => r.application_id === waiting.id)).toMatchObject({ claimed_at: NOW, last_claim_at: NOW });
    expect(db.prepare("SELECT value FROM meta WHERE key = 'report_facts.seq'").pluck().get()).toBe('1');
    db.close();
  });

  it('every figure’s list and its facet counts are one range of one index, read without the table', () => {
    const db = fresh();
    migrate(db, 8);
    const drills: ReportDrill[] = [];
    const base = { from: '2026-05-01', to: '2026-10-31' };
    for (const figure of REPORT_FIGURES) {
      if (figure === 'stepMeasured') STATUS_STEPS.forEach((step) => drills.push({ ...base, figure, step }));
      else drills.push({ ...base, figure }, { ...base, figure, service: 'renewal', delivery: 'ukrposhta' });
    }
    drills.push(
      { ...base, figure: 'refused', reasonCode: 'duplicate' },
      { ...base, figure: 'approved', operatorId: 'op-a' },
      { ...base, figure: 'decided', operatorId: 'op-a' },
      { ...base, figure: 'decidedLate', lateDays: 3 },
    );
    for (const drill of drills) {
      const where = inline(drillCondition('sc-8041', drill));
      for (const query of [`SELECT app_rowid FROM report_facts WHERE ${where}`, `SELECT last_status, service, delivery, due_day, count(*) FROM report_facts WHERE ${where} GROUP BY 1, 2, 3, 4`]) {
        const plan = queryPlan(db, query);
        expect({ drill, plan }).toEqual({ drill, plan: expect.stringMatching(/^SEARCH report_facts USING COVERING INDEX report_facts_\w+ \(center_id=\? AND/) });
      }
    }
    db.close();
  });
});
