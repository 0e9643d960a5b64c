import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { QueueCounts, QueueFilter, QueuePage, QueueRow, QueueSort, SortColumn } from '../../../shared/api/queue';
import { deadlineState, workingDaysLeft } from '../../../shared/domain/deadline';
import { kyivDayNumber } from '../../../shared/domain/kyiv-time';
import type { DeliveryMethod, Ground, Service } from '../../../shared/domain/application';
import { DECISION_PENDING, statusRank, type Status } from '../../../shared/domain/status';
import { qb, type Schema, type SqlRunner } from '../store/sql';
import { FINISHED_DUE_OFFSET, type DeadlineModel } from './deadlines';
import { planSearch, prefixUpperBound } from './search';
import { FIGURE_WALK, FigureLists, SET_FIGURE, SET_WALK, SMALL_FIGURE } from './reports/figure-lists';

type Eb = ExpressionBuilder<Schema, 'applications'>;

const SMALL_HIT_COUNT = 5000;
/** Up to this many rows, fetching a deadline range and sorting it beats walking another column's index. */
const SMALL_DEADLINE_SET = 5000;
type Facet = 'statuses' | 'deadline' | 'services' | 'delivery';
type Column = keyof Schema['applications'];

const SORT_COLUMNS_SQL: Record<SortColumn, readonly Column[]> = {
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
  today: number;
  soonDay: number;
}

interface Group {
  status: string;
  service: string;
  delivery: string;
  deadline: string;
  n: number;
}

/** Queue pages and exact facet counts, all computed in SQL. */
export class QueueQueries {
  private hitCache: { key: string; writes: number; count: number } | null = null;
  private readonly figures: FigureLists;

  /**
   * `centerId`: the center whose report figures a drill-down filter names (this workstation's). `smallFigure`: up to
   * how many applications a figure's list is read from its index; `setFigure`: up to how many a walk along the sort
   * asks a set of them rather than report_facts row by row (tests move both to list every figure each way).
   */
  constructor(
    private readonly runner: SqlRunner,
    private readonly deadlines: DeadlineModel,
    private readonly centerId: string = '',
    private readonly smallFigure = SMALL_FIGURE,
    private readonly setFigure = SET_FIGURE,
  ) {
    this.figures = new FigureLists(runner, deadlines, centerId);
  }

  private clock(now: number): Clock {
    const soonLimit = this.deadlines.soonLimit(now);
    return { now, soonLimit, today: kyivDayNumber(now), soonDay: kyivDayNumber(soonLimit) };
  }

  page(filter: QueueFilter, sort: QueueSort, offset: number, limit: number, now: number): QueuePage {
    const clock = this.clock(now);
    // With a search and no facet filter the total is the number of hits; otherwise it comes from the counts.
    const facetFiltered = filter.statuses.length + filter.deadline.length + filter.services.length + filter.delivery.length > 0;
    const searching = planSearch(filter.search) !== null;
    const figure = filter.report ? this.figures.members(filter.report) : null;
    // A figure's list with nothing narrowing it counts what the figure counts; facets and a search count groups.
    const unnarrowed = !facetFiltered && (figure === null ? searching : !searching);
    const groups = unnarrowed ? null : this.groups(filter, clock);
    const hints = this.hints(filter, sort, groups ?? []);
    // With one status chosen, sorting by status is no order at all: follow (status, number_key) instead.
    const order = hints.sortIsConstant ? SORT_COLUMNS_SQL.number : SORT_COLUMNS_SQL[sort.column];
    const rowsOf = (h: typeof hints, bound?: unknown[]) => this.runner.all(this.pageQuery(filter, clock, h, order, sort.direction, offset, limit, bound));
    let rows: ReturnType<typeof rowsOf>;
    if (figure !== null && hints.driver !== 'report') {
      // A large figure's rows are looked for along the sort, but only so far: where the sort order and the figure
      // go together (a week's decisions sorted by date), its first rows lie far along, and reading the figure's
      // own index and sorting it is cheaper.
      const bound = this.walkBound(order, sort.direction, offset + (hints.figureAsSet ? SET_WALK : FIGURE_WALK));
      rows = rowsOf(hints, bound ?? undefined);
      if (rows.length < limit && bound) rows = rowsOf({ ...hints, driver: 'report' });
    } else {
      rows = rowsOf(hints);
    }
    const total = groups
      ? groups.reduce((s, g) => s + (matches(g, filter, null) ? g.n : 0), 0)
      : figure ?? this.searchHits(filter.search);
    const calendar = this.deadlines.calendar;
    const awaiting = this.awaitingSync(rows.map((r) => r.id));
    return {
      total,
      offset,
      rows: rows.map((r): QueueRow => {
        const pending = r.pending === 1;
        return {
          id: r.id,
          number: r.number,
          applicantName: r.applicant_name,
          service: r.service as Service,
          ground: r.ground as Ground,
          submittedAt: new Date(r.submitted_at).toISOString(),
          dueAt: new Date(r.due_at).toISOString(),
          daysLeft: pending ? workingDaysLeft(r.due_at, now, calendar) : null,
          deadlineState: deadlineState(r.due_at, pending, clock.now, clock.soonLimit),
          extendedDays: r.extended_by === '[]' ? 0 : (JSON.parse(r.extended_by) as string[]).length,
          status: r.status as Status,
          delivery: r.delivery as DeliveryMethod,
          awaitingSync: awaiting.has(r.id),
          purged: r.purged_at !== null,
        };
      }),
    };
  }

  private pageQuery(filter: QueueFilter, clock: Clock, hints: ReturnType<QueueQueries['hints']>, order: readonly Column[], direction: 'asc' | 'desc', offset: number, limit: number, bound?: unknown[]) {
    let query = qb
      .selectFrom('applications')
      .select([
        'rowid', 'id', 'number', 'applicant_name', 'service', 'ground', 'submitted_at', 'due_at', 'pending',
        'extended_by', 'status', 'delivery', 'purged_at',
      ])
      .where((eb) => eb.and(this.conditions(eb, filter, clock, hints)));
    if (bound) {
      // Row values compare in the sort's own order, so the bound is a range of the sort column's index.
      const cols = sql.join([...order, 'rowid'].map((c) => sql.ref(c)));
      query = query.where(direction === 'asc' ? sql<SqlBool>`(${cols}) <= (${sql.join(bound)})` : sql<SqlBool>`(${cols}) >= (${sql.join(bound)})`);
    }
    for (const col of order) query = query.orderBy(col, direction);
    return query.orderBy('rowid', direction).limit(limit).offset(offset);
  }

  /** The sort key of the row `at` rows along the sort (an index walk of keys only), or null when there are fewer. */
  private walkBound(order: readonly Column[], direction: 'asc' | 'desc', at: number): unknown[] | null {
    const cols = [...order, 'rowid'];
    const row = this.runner
      .statement(`SELECT ${cols.join(', ')} FROM applications ORDER BY ${cols.map((c) => `${c} ${direction}`).join(', ')} LIMIT 1 OFFSET ?`)
      .raw()
      .get(at) as unknown[] | undefined;
    return row ?? null;
  }

  /**
   * Which of a page's applications have local ops not yet on the central server: one probe of the outbox index
   * per row of the page, apart from the page query so its plan is untouched.
   */
  private awaitingSync(ids: readonly string[]): Set<string> {
    if (!ids.length) return new Set();
    const rows = this.runner.all(
      qb.selectFrom('outbox').select('application_id').distinct()
        .where('application_id', 'in', ids)
        .where('state', 'in', ['pending', 'quarantined']),
    );
    return new Set(rows.map((r) => r.application_id!));
  }

  /**
   * Exact counts for every facet value; each facet is counted under the other facets' filters and the search,
   * so the numbers say what ticking a box would show.
   */
  counts(filter: QueueFilter, now: number): QueueCounts {
    if (filter.report) this.figures.members(filter.report);
    const groups = this.groups(filter, this.clock(now));
    const facet = (name: Facet, key: (g: Group) => string) => {
      const out: Record<string, number> = {};
      for (const g of groups) if (matches(g, filter, name)) out[key(g)] = (out[key(g)] ?? 0) + g.n;
      return out;
    };
    const deadline = facet('deadline', (g) => g.deadline);
    delete deadline.none;
    return {
      all: groups.reduce((s, g) => s + g.n, 0),
      total: groups.reduce((s, g) => s + (matches(g, filter, null) ? g.n : 0), 0),
      statuses: facet('statuses', (g) => g.status),
      deadline,
      services: facet('services', (g) => g.service),
      delivery: facet('delivery', (g) => g.delivery),
    };
  }

  /**
   * Counts per (status, service, delivery, deadline state): from the trigger-kept aggregate when there is no
   * search (a few hundred rows, whatever the queue size), from the matching rows otherwise.
   */
  private groups(filter: QueueFilter, clock: Clock): Group[] {
    const search = filter.search;
    if (filter.report) return this.reportGroups(filter, clock);
    if (!planSearch(search) || this.searchHits(search) === 0) {
      if (planSearch(search)) return [];
      return this.runner.all(
        qb
          .selectFrom('queue_facets')
          .select((eb) => [
            'status', 'service', 'delivery',
            eb.case().when('due_day', '=', 0).then('none').when('due_day', '<', clock.today).then('overdue')
              .when('due_day', '<=', clock.soonDay).then('due_soon').else('on_time').end().as('deadline'),
            eb.fn.sum<number>('n').as('n'),
          ])
          .where('n', '>', 0)
          .groupBy(['status', 'service', 'delivery', 'deadline']),
      );
    }
    return this.hitGroups(clock);
  }

  /** Counts per group over the search's hits (temp.search_hits), narrowed to a report figure's applications when given. */
  private hitGroups(clock: Clock, counted?: Expression<SqlBool>): Group[] {
    let hits = qb
      .selectFrom('applications')
      .select((eb) => [
        'status', 'service', 'delivery',
        eb.case().when('due_day', '=', 0).then('none').when('due_day', '<', clock.today).then('overdue')
          .when('due_day', '<=', clock.soonDay).then('due_soon').else('on_time').end().as('deadline'),
        eb.fn.countAll<number>().as('n'),
      ])
      .where(sql<SqlBool>`rowid IN (SELECT rowid FROM temp.search_hits)`);
    if (counted) hits = hits.where(counted);
    return this.runner.all(hits.groupBy(['status', 'service', 'delivery', 'deadline']));
  }

  /** Counts over the applications a report figure counted: from report_facts, or over a search's hits. */
  private reportGroups(filter: QueueFilter, clock: Clock): Group[] {
    const drill = filter.report!;
    if (!planSearch(filter.search)) return this.figures.groups(drill, clock.today, clock.soonDay);
    this.searchHits(filter.search);
    return this.hitGroups(clock, this.figures.counted(drill));
  }

  /**
   * Which index should drive a page. SQLite cannot know that statuses and deadlines correlate with dates, so
   * the filter that has a matching (filter, sort column) index leads and the others are written with unary
   * `+`, which keeps them out of index selection; without a search the first page is then an index seek.
   */
  private hints(filter: QueueFilter, sort: QueueSort, groups: Group[]) {
    const oneStatus = filter.statuses.length === 1;
    const allPending = filter.statuses.length > 0 && filter.statuses.every((s) => DECISION_PENDING.includes(s));
    const hits = planSearch(filter.search) ? this.searchHits(filter.search) : null;
    // A few hits are fetched by rowid and sorted; many are found by walking the sort index.
    const pendingOnly = allPending || filter.deadline.length > 0;
    // Pending applications are exactly the due_sort values below FINISHED_DUE_OFFSET, so a pending-only view
    // sorted by deadline is a range of the due index; other sorts of it use the (pending, column) indexes.
    const figure = filter.report ? this.figures.members(filter.report) : null;
    const driver: 'search' | 'report' | 'status' | 'due' | 'pending' | 'sort' =
      figure !== null && figure <= this.smallFigure
        ? 'report'
        : hits !== null && hits <= SMALL_HIT_COUNT
        ? 'search'
        : oneStatus
          ? 'status'
          : pendingOnly
            ? sort.column === 'dueAt' || this.deadlineSetIsSmall(filter, groups) ? 'due' : 'pending'
            : 'sort';
    return {
      driver,
      figureAsSet: figure !== null && figure <= this.setFigure,
      sortIsConstant: oneStatus && sort.column === 'status',
      sortColumn: SORT_COLUMNS_SQL[sort.column][0],
    };
  }

  /**
   * Overdue applications are the oldest and so sit at one end of every date-like index; when the chosen deadline
   * states hold few rows, the due-date range finds them directly.
   */
  private deadlineSetIsSmall(filter: QueueFilter, groups: Group[]): boolean {
    if (!filter.deadline.length) return false;
    const n = groups.reduce((sum, g) => sum + ((filter.deadline as string[]).includes(g.deadline) ? g.n : 0), 0);
    return n <= SMALL_DEADLINE_SET;
  }

  /** Materialises the rowids a search matches, once per search text and data version. */
  private searchHits(search: string): number {
    const plan = planSearch(search)!;
    const key = JSON.stringify(plan);
    if (this.hitCache && this.hitCache.key === key && this.hitCache.writes === this.runner.writes) return this.hitCache.count;
    const db = this.runner.db;
    db.exec('CREATE TEMP TABLE IF NOT EXISTS search_hits (rowid INTEGER PRIMARY KEY)');
    db.exec('DELETE FROM temp.search_hits');
    const parts: string[] = [];
    const params: unknown[] = [];
    const range = (c: string, prefix: string | null) => {
      if (!prefix) return;
      parts.push(`SELECT rowid FROM applications WHERE ${c} >= ? AND ${c} < ?`);
      params.push(prefix, prefixUpperBound(prefix));
    };
    range('rnokpp', plan.rnokppPrefix);
    range('licence_key', plan.licencePrefix);
    range('number_key', plan.numberPrefix);
    range('phone_key', plan.phonePrefix);
    if (plan.ftsQuery) {
      parts.push('SELECT rowid FROM applicant_fts WHERE applicant_fts MATCH ?');
      params.push(plan.ftsQuery);
    }
    const count = parts.length
      ? this.runner.statement(`INSERT OR IGNORE INTO temp.search_hits (rowid) ${parts.join(' UNION ALL ')}`).run(...params).changes
      : 0;
    this.hitCache = { key, writes: this.runner.writes, count };
    return count;
  }

  /** Forgets the materialised search, so the next search is measured cold (bench). */
  forgetSearch(): void {
    this.hitCache = null;
  }

  /** Forgets a figure's count, so the next drill-down page is measured cold (bench). */
  forgetFigure(): void {
    this.figures.forget();
  }

  private conditions(eb: Eb, filter: QueueFilter, clock: Clock, hints: ReturnType<QueueQueries['hints']>): Expression<SqlBool>[] {
    const col = (name: Column, drives: boolean) => (drives ? sql.ref(name) : sql`+${sql.ref(name)}`);
    const inList = (name: Column, values: readonly string[], drives: boolean) =>
      values.length === 1 ? sql<SqlBool>`${col(name, drives)} = ${values[0]}` : sql<SqlBool>`${col(name, drives)} IN (${sql.join(values)})`;

    const out: Expression<SqlBool>[] = [];
    // A filter on the column the page is sorted by walks the same index, so it may lead (a seek, not a scan).
    const sortsBy = (c: Column) => hints.sortColumn === c;
    if (planSearch(filter.search)) {
      out.push(sql<SqlBool>`${col('rowid', hints.driver === 'search')} IN (SELECT rowid FROM temp.search_hits)`);
    }
    if (filter.report) {
      // A small figure's rows come from its index; a larger one's are asked for along the sort, as a set read from
      // its index while that is cheaper than probing report_facts for each row of the longer walk.
      out.push(
        hints.driver === 'report'
          ? this.figures.rowsFromIndex(filter.report)
          : hints.figureAsSet ? this.figures.rowsAsSet(filter.report) : this.figures.counted(filter.report),
      );
      const walkBy = (c: Column) => hints.driver === 'sort' && sortsBy(c);
      out.push(...this.figures.implied(filter.report, (c) => col(c, walkBy(c))));
    }
    if (filter.statuses.length && hints.driver !== 'status' && sortsBy('status_rank')) {
      // Sorted by status: the ranks of the chosen statuses are a few ranges of the status index, read in order.
      out.push(sql<SqlBool>`${sql.ref('status_rank')} IN (${sql.join(filter.statuses.map(statusRank))})`);
    } else if (filter.statuses.length) {
      out.push(inList('status', filter.statuses, hints.driver === 'status'));
    }
    if (filter.services.length) out.push(inList('service', filter.services, hints.driver === 'sort' && sortsBy('service')));
    if (filter.delivery.length) out.push(inList('delivery', filter.delivery, hints.driver === 'sort' && sortsBy('delivery')));
    if (hints.driver === 'pending') out.push(sql<SqlBool>`${sql.ref('pending')} = 1`);
    if (hints.driver === 'due' && !filter.deadline.length) out.push(sql<SqlBool>`${sql.ref('due_sort')} < ${FINISHED_DUE_OFFSET}`);
    if (filter.deadline.length) {
      // Pending applications have due_sort = due_at; finished ones sit above FINISHED_DUE_OFFSET.
      const due = col('due_sort', hints.driver === 'due');
      const parts = filter.deadline.map((state) =>
        state === 'overdue'
          ? sql<SqlBool>`${due} < ${clock.now}`
          : state === 'due_soon'
            ? sql<SqlBool>`(${due} >= ${clock.now} AND ${due} <= ${clock.soonLimit})`
            : sql<SqlBool>`(${due} > ${clock.soonLimit} AND ${due} < ${FINISHED_DUE_OFFSET})`,
      );
      out.push(eb.or(parts));
    }
    return out;
  }

}

function matches(g: Group, filter: QueueFilter, skip: Facet | null): boolean {
  return (
    (skip === 'statuses' || filter.statuses.length === 0 || filter.statuses.includes(g.status as Status)) &&
    (skip === 'services' || filter.services.length === 0 || filter.services.includes(g.service as Service)) &&
    (skip === 'delivery' || filter.delivery.length === 0 || filter.delivery.includes(g.delivery as DeliveryMethod)) &&
    (skip === 'deadline' || filter.deadline.length === 0 || (filter.deadline as string[]).includes(g.deadline))
  );
}
