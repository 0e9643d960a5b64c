import { QueueFilterSchema, SORT_COLUMNS, type QueueSort } from '../shared/api/queue';
import { figureLinks, type FigureLink } from '../shared/reports/links';
import type { ReportPeriod } from '../shared/reports/period';
import type { QueueQueries } from '../electron/core/services/queue-query';
import type { ReportQueries } from '../electron/core/services/reports/report-query';
import type { Db } from '../electron/core/store/database';
import { DRILL_SORT } from '../shared/reports/drill';
import { percentile, time } from './stats';

export interface DrillFigures {
  links: number;
  /** Every figure of the report, its list's first page as a drill-down opens it. */
  pageWorstP95: number;
  pageWorstCase: string;
  /** The same with the list sorted by any column (the figures without narrowing, both directions). */
  resortedWorstP95: number;
  resortedWorstCase: string;
  /** The queue's facet counts beside a figure's list. */
  countsWorstP95: number;
  countsWorstCase: string;
  /** The same first page in raw SQL: the figure's applications from report_facts, sorted by name. */
  rawP95: number;
}

/**
 * Drill-down lists of a half-year report, measured cold (a figure's count is forgotten before every run, as if the
 * link were followed anew): each first page of 50 as it opens, every figure of the report; then re-sorted by every
 * column; then the facet counts.
 */
export function benchDrill(queries: QueueQueries, reports: ReportQueries, db: Db, centerId: string, period: ReportPeriod, now: number, runs: number): DrillFigures {
  const links = figureLinks(reports.report(centerId, period));
  const page = (l: FigureLink, sort: QueueSort, n: number) => {
    const filter = QueueFilterSchema.parse({ report: l.drill });
    return percentile(time(() => { queries.forgetFigure(); queries.page(filter, sort, 0, 50, now); }, n, 1), 95);
  };
  const worst = (items: [number, string][]) => items.reduce((w, x) => (x[0] > w[0] ? x : w), [0, ''] as [number, string]);
  const opened = worst(links.map((l) => [page(l, DRILL_SORT, runs), `${l.key} (${l.value})`]));
  // The figures themselves, without a service, reason, operator or trend week narrowing them.
  const plain = links.filter((l) => /^(summary|deadlines|steps)\.[A-Za-z]+$/.test(l.key) || l.key === 'refusals.total');
  const resorted = worst(plain.flatMap((l) =>
    SORT_COLUMNS.flatMap((column) => (['asc', 'desc'] as const).map((direction): [number, string] =>
      [page(l, { column, direction }, Math.max(3, Math.round(runs / 3))), `${l.key} (${l.value}) by ${column} ${direction}`])),
  ));
  const counts = worst(links.map((l) => {
    const filter = QueueFilterSchema.parse({ report: l.drill });
    return [percentile(time(() => { queries.forgetFigure(); queries.counts(filter, now); }, Math.max(3, Math.round(runs / 3)), 1), 95), `${l.key} (${l.value})`];
  }));
  // The baseline: the largest figure's first page by name, as one hand-written statement over the same indexes.
  const raw = db.prepare(`SELECT a.rowid, a.id, a.number, a.applicant_name FROM applications a
    WHERE EXISTS (SELECT 1 FROM report_facts f WHERE f.application_id = a.id AND f.center_id = ? AND f.submitted_day BETWEEN ? AND ?)
    ORDER BY a.name_sort, a.rowid LIMIT 50`);
  const received = links.find((l) => l.key === 'summary.received')!.drill;
  const day = (iso: string) => Math.round(Date.parse(`${iso}T12:00:00Z`) / 86_400_000);
  const rawTimes = time(() => raw.all(centerId, day(received.from), day(received.to)), runs);
  return {
    links: links.length,
    pageWorstP95: opened[0], pageWorstCase: opened[1],
    resortedWorstP95: resorted[0], resortedWorstCase: resorted[1],
    countsWorstP95: counts[0], countsWorstCase: counts[1],
    rawP95: percentile(rawTimes, 95),
  };
}
