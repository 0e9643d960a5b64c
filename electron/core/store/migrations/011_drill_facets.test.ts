import { describe, expect, it } from 'vitest';
import { migrate } from './index';
import { queryPlan, useBareDatabases } from '../../../../tests/support/migrations';
import type { ReportDrill } from '../../../../shared/reports/drill';
import { drillCondition } from '../../services/reports/figure-predicates';
import { backfillReportFacts } from '../../services/reports/facts-store';
import { loadRecords } from '../../../../tests/support/deciding';
import { reportRecords } from '../../../../tests/support/reports';

const fresh = useBareDatabases();

/** A predicate with its parameters written in, for EXPLAIN. */
const inline = (p: { sql: string; params: unknown[] }) => {
  let i = 0;
  return p.sql.replace(/\?/g, () => JSON.stringify(p.params[i++]).replace(/"/g, "'"));
};

describe('migration 011 (drill-down facet counts, an administrator’s measured decisions by index)', () => {
  it('back-fills the facet counts of a store’s facts: the same rows as writing every application’s facts afresh', () => {
    const db = fresh();
    migrate(db, 7);
    loadRecords(db, reportRecords(300, Date.parse('2026-11-27T08:00:00Z')));
    migrate(db, 10);
    expect(migrate(db, 11)).toBe(11);
    const facets = () => db.prepare('SELECT * FROM report_day_facets WHERE n <> 0 ORDER BY center_id, metric, key, day, service, delivery, status, due_day').all();
    const migrated = facets();
    expect(migrated.length).toBeGreaterThan(100);
    // Every application counts once among the received, by the status it stands at.
    expect(db.prepare("SELECT sum(n) FROM report_day_facets WHERE metric = 'received'").pluck().get()).toBe(300);
    expect(db.prepare("SELECT status, sum(n) AS n FROM report_day_facets WHERE metric = 'received' GROUP BY status ORDER BY status").all())
      .toEqual(db.prepare('SELECT last_status AS status, count(*) AS n FROM report_facts GROUP BY last_status ORDER BY last_status').all());
    // In one transaction, as a migration runs it (a bare file commits each statement otherwise).
    db.transaction(() => backfillReportFacts(db))();
    expect(facets()).toEqual(migrated);
    db.close();
  });

  it('an operator’s measured decisions, listed and counted by facet, are one range of the new index, read without the table', () => {
    const db = fresh();
    migrate(db, 10);
    const drill: ReportDrill = { figure: 'stepMeasured', step: 'inWorkToDecision', operatorId: 'op-a', from: '2026-05-01', to: '2026-10-31' };
    const where = inline(drillCondition('sc-8041', drill));
    const list = `SELECT app_rowid FROM report_facts WHERE ${where}`;
    expect(queryPlan(db, list)).not.toMatch(/COVERING INDEX \w+ \(center_id=\? AND decided_by=\? AND decided_day>/);
    expect(migrate(db, 11)).toBe(11);
    for (const query of [list, `SELECT last_status, service, delivery, due_day, count(*) FROM report_facts WHERE ${where} GROUP BY 1, 2, 3, 4`]) {
      expect(queryPlan(db, query)).toMatch(/^SEARCH report_facts USING COVERING INDEX report_facts_operator_step \(center_id=\? AND decided_by=\? AND decided_day>\? AND decided_day<\?\)/);
    }
    db.close();
  });
});
