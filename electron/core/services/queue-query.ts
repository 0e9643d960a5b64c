import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { QueueCounts, QueueFilter, QueuePage, QueueRow, QueueSort, SortColumn } from '../../../shared/api/queue';
import { deadlineState, workingDaysLeft } from '../../../shared/domain/deadline';
import type { DeliveryMethod, Ground, Service } from '../../../shared/domain/application';
import type { Status } from '../../../shared/domain/status';
import { qb, type Schema, type SqlRunner } from '../store/sql';
import type { DeadlineModel } from './deadlines';
import { planSearch, prefixUpperBound } from './search';

type Eb = ExpressionBuilder<Schema, 'applications'>;
type Facet = 'statuses' | 'deadline' | 'services' | 'delivery';

const SORT_EXPRESSIONS: Record<SortColumn, readonly (keyof Schema['applications'])[]> = {
  number: ['number_key'],
  applicant: ['name_sort'],
  service: ['service', 'ground'],
  submittedAt: ['submitted_at'],
  dueAt: ['due_sort'],
  status: ['status_rank'],
  delivery: ['delivery'],
};

interface Clock {
  now: number;
  soonLimit: number;
}

/** Queue pages and exact facet counts, all computed in SQL. */
export class QueueQueries {
  constructor(
    private readonly sqlRunner: SqlRunner,
    private readonly deadlines: DeadlineModel,
  ) {}

  private clock(now: number): Clock {
    return { now, soonLimit: this.deadlines.soonLimit(now) };
  }

  page(filter: QueueFilter, sort: QueueSort, offset: number, limit: number, now: number): QueuePage {
    const clock = this.clock(now);
    const where = (eb: Eb) => eb.and(this.conditions(eb, filter, clock, null));
    let query = qb
      .selectFrom('applications')
      .select([
        'rowid', 'id', 'number', 'applicant_name', 'service', 'ground', 'submitted_at', 'due_at', 'pending',
        'extended_by', 'status', 'delivery',
      ])
      .where(where);
    for (const col of SORT_EXPRESSIONS[sort.column]) query = query.orderBy(col, sort.direction);
    query = query.orderBy('rowid', sort.direction).limit(limit).offset(offset);
    const rows = this.sqlRunner.all(query);
    const total = this.sqlRunner.get(qb.selectFrom('applications').select((eb) => eb.fn.countAll<number>().as('n')).where(where))!.n;
    const calendar = this.deadlines.calendar;
    return {
      total,
      offset,
      rows: rows.map((r): QueueRow => {
        const pending = r.pending === 1;
        const state = deadlineState(r.due_at, pending, clock.now, clock.soonLimit);
        return {
          id: r.id,
          number: r.number,
          applicantName: r.applicant_name,
          service: r.service as Service,
          ground: r.ground as Ground,
          submittedAt: new Date(r.submitted_at).toISOString(),
          dueAt: new Date(r.due_at).toISOString(),
          daysLeft: pending ? workingDaysLeft(r.due_at, now, calendar) : null,
          deadlineState: state,
          extendedDays: (JSON.parse(r.extended_by) as string[]).length,
          status: r.status as Status,
          delivery: r.delivery as DeliveryMethod,
        };
      }),
    };
  }

  /**
   * Exact counts for every facet value in one grouped scan of a covering index; each facet is counted under
   * the other facets' filters and the search, so the numbers say what ticking a box would show.
   */
  counts(filter: QueueFilter, now: number): QueueCounts {
    const clock = this.clock(now);
    const groups = this.sqlRunner.all(
      qb
        .selectFrom('applications')
        .select((eb) => [
          'status',
          'service',
          'delivery',
          eb
            .case()
            .when('pending', '=', 0).then('none')
            .when('due_at', '<', clock.now).then('overdue')
            .when('due_at', '<=', clock.soonLimit).then('due_soon')
            .else('on_time')
            .end()
            .as('deadline'),
          eb.fn.countAll<number>().as('n'),
        ])
        .where((eb) => eb.and(this.searchCondition(eb, filter.search)))
        .groupBy(['status', 'service', 'delivery', 'deadline']),
    );
    const matches = (g: (typeof groups)[number], skip: Facet | null) =>
      (skip === 'statuses' || filter.statuses.length === 0 || filter.statuses.includes(g.status as Status)) &&
      (skip === 'services' || filter.services.length === 0 || filter.services.includes(g.service as Service)) &&
      (skip === 'delivery' || filter.delivery.length === 0 || filter.delivery.includes(g.delivery as DeliveryMethod)) &&
      (skip === 'deadline' || filter.deadline.length === 0 || (filter.deadline as string[]).includes(g.deadline));
    const facet = (name: Facet, key: (g: (typeof groups)[number]) => string) => {
      const out: Record<string, number> = {};
      for (const g of groups) if (matches(g, name)) out[key(g)] = (out[key(g)] ?? 0) + g.n;
      return out;
    };
    const deadline = facet('deadline', (g) => g.deadline);
    delete deadline.none;
    return {
      all: groups.reduce((s, g) => s + g.n, 0),
      total: groups.reduce((s, g) => s + (matches(g, null) ? g.n : 0), 0),
      statuses: facet('statuses', (g) => g.status),
      deadline,
      services: facet('services', (g) => g.service),
      delivery: facet('delivery', (g) => g.delivery),
    };
  }

  private conditions(eb: Eb, filter: QueueFilter, clock: Clock, skip: Facet | null): Expression<SqlBool>[] {
    const out = this.searchCondition(eb, filter.search);
    if (skip !== 'statuses' && filter.statuses.length) out.push(eb('status', 'in', filter.statuses));
    if (skip !== 'services' && filter.services.length) out.push(eb('service', 'in', filter.services));
    if (skip !== 'delivery' && filter.delivery.length) out.push(eb('delivery', 'in', filter.delivery));
    if (skip !== 'deadline' && filter.deadline.length) {
      const parts: Expression<SqlBool>[] = [];
      for (const state of filter.deadline) {
        if (state === 'overdue') parts.push(eb('due_at', '<', clock.now));
        if (state === 'due_soon') parts.push(eb.and([eb('due_at', '>=', clock.now), eb('due_at', '<=', clock.soonLimit)]));
        if (state === 'on_time') parts.push(eb('due_at', '>', clock.soonLimit));
      }
      out.push(eb.and([eb('pending', '=', 1), eb.or(parts)]));
    }
    return out;
  }

  private searchCondition(eb: Eb, search: string): Expression<SqlBool>[] {
    const plan = planSearch(search);
    if (!plan) return [];
    const ranges: Expression<SqlBool>[] = [];
    const range = (col: 'rnokpp' | 'licence_key' | 'number_key' | 'phone_key', prefix: string | null) => {
      if (prefix) ranges.push(eb.and([eb(col, '>=', prefix), eb(col, '<', prefixUpperBound(prefix))]));
    };
    range('rnokpp', plan.rnokppPrefix);
    range('licence_key', plan.licencePrefix);
    range('number_key', plan.numberPrefix);
    range('phone_key', plan.phonePrefix);
    if (plan.ftsQuery) {
      ranges.push(eb('rowid', 'in', sql<number>`(SELECT rowid FROM applicant_fts WHERE applicant_fts MATCH ${plan.ftsQuery})`));
    }
    // Text that is neither a name nor an identifier matches nothing, rather than everything.
    return [ranges.length ? eb.or(ranges) : sql<SqlBool>`0`];
  }
}
