import type { Migration } from './types';
import { backfillDayFacets } from '../../services/reports/facts-store';

/**
 * A drill-down's facet counts without reading its applications (issue 11).
 * - `report_day_facets`: the daily counts of `report_day_counts` again, by the status each application stands at
 *   and, while its decision is pending, its deadline day (0 otherwise), without length buckets. A figure's facet
 *   counts are the same sums the figure is (reports/figure-totals.ts), grouped: a few thousand rows, whatever the
 *   number of applications. Kept by difference with every change of the facts, as the daily counts are.
 * - The decisions an administrator's median time from taking into work is of (`stepMeasured` of
 *   `inWorkToDecision` by one operator) as one range of one index: no index of migrations 006 and 008 holds the
 *   operator, the days and a measured length together, so that list read every fact row it named.
 */
export const migration011: Migration = {
  version: 11,
  name: 'drill_facets',
  up(db) {
    db.exec(`
      CREATE TABLE report_day_facets (
        center_id TEXT NOT NULL,
        metric TEXT NOT NULL,
        key TEXT NOT NULL,
        day INTEGER NOT NULL,
        service TEXT NOT NULL,
        delivery TEXT NOT NULL,
        status TEXT NOT NULL,
        due_day INTEGER NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (center_id, metric, key, day, service, delivery, status, due_day)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX report_facts_operator_step ON report_facts (center_id, decided_by, decided_day, service, delivery, last_status, due_day, app_rowid, decision_ms)
        WHERE decision_ms IS NOT NULL;
    `);
    backfillDayFacets(db);
  },
};
