import { sql, type SqlBool, type RawBuilder } from 'kysely';
import { isoToDayNumber, kyivEndOfDay, kyivStartOfDay } from '../../../../shared/domain/kyiv-time';
import type { ReportDrill } from '../../../../shared/reports/drill';
import { isDecisionPending, type Status } from '../../../../shared/domain/status';
import type { SqlRunner } from '../../store/sql';
import type { DeadlineModel } from '../deadlines';
import { drillCondition, type Predicate } from './figure-predicates';
import { figureFacets, figureTotal, type FacetSum } from './figure-totals';

/**
 * Up to this many applications in a report figure, its list is read from the figure's own index on report_facts
 * and sorted; beyond, the sort column's index is walked and each row asked whether the figure counted it.
 */
export const SMALL_FIGURE = 1500;
/**
 * Up to this many, the walk asks a set of the figure's rows, read once from its index (a few thousand entries
 * cost less than the longer walk's probes of report_facts); beyond, the figure is dense enough along the sort
 * that each row is probed instead.
 */
export const SET_FIGURE = 5000;
/** How far along the sort a large figure's page is looked for before its own index is read instead. */
export const FIGURE_WALK = 3000;
/** The same for a figure asked as a set: sparser, so its page lies further along, and each step costs less. */
export const SET_WALK = 40_000;

/** The queue's facet counts' unit: applications by status, service, delivery and deadline state. */
export interface FacetGroup {
  status: string;
  service: string;
  delivery: string;
  deadline: string;
  n: number;
}

/**
 * The queue's view of a report figure (a drill-down): how many applications it lists, the conditions that list them
 * in a page query, and their facet counts. Every reader catches the facts up with the outbox first.
 */
export class FigureLists {
  private cache: { key: string; writes: number; count: number } | null = null;

  constructor(
    private readonly runner: SqlRunner,
    private readonly deadlines: DeadlineModel,
    private readonly centerId: string,
  ) {}

  /** How many applications a figure counted, once per figure and data version. */
  members(drill: ReportDrill): number {
    this.deadlines.reportFacts.catchUp();
    const key = JSON.stringify(drill);
    if (this.cache && this.cache.key === key && this.cache.writes === this.runner.writes) return this.cache.count;
    const count = figureTotal(this.runner, this.centerId, drill);
    this.cache = { key, writes: this.runner.writes, count };
    return count;
  }

  /** Forgets the count, so the next drill-down page is measured cold (bench). */
  forget(): void {
    this.cache = null;
  }

  where(drill: ReportDrill): Predicate {
    return drillCondition(this.centerId, drill);
  }

  /** The figure's rows as a set to read pages from (its own index drives). */
  rowsFromIndex(drill: ReportDrill): RawBuilder<SqlBool> {
    return sql<SqlBool>`${sql.ref('rowid')} IN (SELECT app_rowid FROM report_facts WHERE ${predicateSql(this.where(drill))})`;
  }

  /**
   * The same rows as a set the walk along the sort asks (`+` keeps the set from driving): SQLite reads the figure's
   * index once into a temporary b-tree and checks each row of the walk against it, from the sort index alone.
   */
  rowsAsSet(drill: ReportDrill): RawBuilder<SqlBool> {
    return sql<SqlBool>`+${sql.ref('rowid')} IN (SELECT app_rowid FROM report_facts WHERE ${predicateSql(this.where(drill))})`;
  }

  /** Asks of one application row whether the figure counted it (a probe of report_facts by its key). */
  counted(drill: ReportDrill): RawBuilder<SqlBool> {
    return sql<SqlBool>`EXISTS (SELECT 1 FROM report_facts WHERE application_id = applications.id AND ${predicateSql(this.where(drill))})`;
  }

  /**
   * What the figure implies of the queue's own columns, exactly (report_facts copies them from the same record):
   * a walk along those columns starts where the figure's applications are instead of asking every row. `ref` gives
   * a column as it may drive the page or only filter it.
   */
  implied(drill: ReportDrill, ref: (column: 'service' | 'delivery' | 'submitted_at') => RawBuilder<unknown>): RawBuilder<SqlBool>[] {
    const out: RawBuilder<SqlBool>[] = [];
    if (drill.service) out.push(sql<SqlBool>`${ref('service')} = ${drill.service}`);
    if (drill.delivery) out.push(sql<SqlBool>`${ref('delivery')} = ${drill.delivery}`);
    // Nothing counts before its application was submitted; received and extended count submissions themselves.
    out.push(sql<SqlBool>`${ref('submitted_at')} <= ${kyivEndOfDay(isoToDayNumber(drill.to))}`);
    if (drill.figure === 'received' || drill.figure === 'extended') out.push(sql<SqlBool>`${ref('submitted_at')} >= ${kyivStartOfDay(isoToDayNumber(drill.from))}`);
    return out;
  }

  /**
   * Facet counts of the figure's applications, without reading them: the figure's daily sums by status and deadline
   * day (report_day_facets), or, for a narrowing the daily counts do not keep, its rows in report_facts. Either way
   * the status is the facts' `last_status`, the queue's status once the facts caught up (a property test holds them
   * equal), and the deadline state follows from it and the deadline day as the queue's own does.
   */
  groups(drill: ReportDrill, today: number, soonDay: number): FacetGroup[] {
    const rows = figureFacets(this.runner, this.centerId, drill) ?? this.factRows(drill);
    const groups = new Map<string, FacetGroup>();
    for (const r of rows) {
      const deadline = !isDecisionPending(r.status as Status) ? 'none' : r.dueDay < today ? 'overdue' : r.dueDay <= soonDay ? 'due_soon' : 'on_time';
      const key = `${r.status}|${r.service}|${r.delivery}|${deadline}`;
      const g = groups.get(key);
      if (g) g.n += r.n;
      else groups.set(key, { status: r.status, service: r.service, delivery: r.delivery, deadline, n: r.n });
    }
    return [...groups.values()];
  }

  /** The same from the figure's rows in report_facts, grouped by the raw day (cheaper for SQLite than a CASE per row). */
  factRows(drill: ReportDrill): FacetSum[] {
    const where = this.where(drill);
    return this.runner.statement(`SELECT last_status AS status, service, delivery, due_day AS dueDay, count(*) AS n
      FROM report_facts WHERE ${where.sql} GROUP BY 1, 2, 3, 4`).all(...where.params) as FacetSum[];
  }
}

/** A predicate's text with its parameters bound, for kysely. */
export function predicateSql(p: Predicate): RawBuilder<unknown> {
  const parts = p.sql.split('?');
  return sql.join(parts.map((part, i) => (i < p.params.length ? sql`${sql.raw(part)}${p.params[i]}` : sql.raw(part))), sql``);
}
