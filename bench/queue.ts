import { QueueFilterSchema, SORT_COLUMNS, type QueueFilterInput } from '../shared/api/queue';
import { STATUSES } from '../shared/domain/status';
import type { QueueQueries } from '../electron/core/services/queue-query';
import type { Db } from '../electron/core/store/database';
import { percentile, time } from './stats';

/** Every filter the queue offers, one value at a time, plus none and a combination. */
export function filterSet(): QueueFilterInput[] {
  const out: QueueFilterInput[] = [{}];
  for (const s of STATUSES) out.push({ statuses: [s] });
  for (const d of ['overdue', 'due_soon', 'on_time'] as const) out.push({ deadline: [d] });
  out.push({ services: ['exchange'] }, { services: ['renewal'] }, { delivery: ['pickup'] }, { delivery: ['ukrposhta'] });
  out.push({ statuses: ['submitted', 'received', 'in_review'], deadline: ['overdue'], delivery: ['ukrposhta'] });
  return out;
}

export interface QueueFigures {
  pageWorstP95: number;
  pageWorstCase: string;
  rawPageWorstP95: number;
  countsP95: number;
  rawCountsP95: number;
  searchP95: number;
  rawSearchP95: number;
}

/** Sorted, filtered first pages of 50 over every sort column and filter, against the same SQL run raw. */
export function benchQueue(queries: QueueQueries, db: Db, now: number, runs: number, searchTerms: string[]): QueueFigures {
  let worst = 0;
  let worstCase = '';
  let rawWorst = 0;
  const rawSort: Record<string, string> = {
    number: 'number_key', applicant: 'name_sort', service: 'service, ground', submittedAt: 'submitted_at',
    dueAt: 'due_sort', status: 'status_rank', delivery: 'delivery',
  };
  for (const f of filterSet()) {
    const filter = QueueFilterSchema.parse(f);
    for (const column of SORT_COLUMNS) {
      for (const direction of ['asc', 'desc'] as const) {
        const p95 = percentile(time(() => queries.page(filter, { column, direction }, 0, 50, now), runs), 95);
        if (p95 > worst) {
          worst = p95;
          worstCase = `${column} ${direction} ${JSON.stringify(f)}`;
        }
      }
    }
  }
  // Raw baseline: hand-written SQL for the simplest page and count, prepared once.
  for (const column of SORT_COLUMNS) {
    const order = rawSort[column]!.split(', ').map((c) => `${c} DESC`).join(', ');
    const page = db.prepare(`SELECT rowid, id, number, applicant_name, service, ground, submitted_at, due_at, pending, extended_by, status, delivery FROM applications WHERE status = 'submitted' ORDER BY ${order}, rowid DESC LIMIT 50`);
    const count = db.prepare(`SELECT count(*) FROM applications WHERE status = 'submitted'`);
    const p95 = percentile(time(() => { page.all(); count.get(); }, runs), 95);
    rawWorst = Math.max(rawWorst, p95);
  }
  const countSamples: number[] = [];
  for (const f of filterSet()) {
    const filter = QueueFilterSchema.parse(f);
    countSamples.push(...time(() => queries.counts(filter, now), Math.max(3, Math.floor(runs / 4))));
  }
  const rawCount = db.prepare('SELECT status, service, delivery, pending, count(*) FROM applications GROUP BY 1, 2, 3, 4');
  const rawCounts = time(() => rawCount.all(), runs);

  const searchSamples: number[] = [];
  for (const term of searchTerms) {
    const filter = QueueFilterSchema.parse({ search: term });
    // Cold: the materialised hits are forgotten before every run, as if each search were typed anew.
    searchSamples.push(...time(() => { queries.forgetSearch(); queries.page(filter, { column: 'applicant', direction: 'asc' }, 0, 50, now); }, runs));
  }
  const rawFts = db.prepare("SELECT a.id FROM applicant_fts f JOIN applications a ON a.rowid = f.rowid WHERE applicant_fts MATCH ? LIMIT 50");
  const rawSearch: number[] = [];
  for (const term of searchTerms.filter((t) => /^\p{L}/u.test(t))) {
    rawSearch.push(...time(() => rawFts.all(`"${term.toLowerCase()}"*`), runs));
  }
  return {
    pageWorstP95: worst,
    pageWorstCase: worstCase,
    rawPageWorstP95: rawWorst,
    countsP95: percentile(countSamples, 95),
    rawCountsP95: percentile(rawCounts, 95),
    searchP95: percentile(searchSamples, 95),
    rawSearchP95: percentile(rawSearch, 95),
  };
}
