import {
  computeDeadline,
  DEFAULT_DEADLINE_RULES,
  dueSoonLimit,
  forceMajeureDays,
  WorkingCalendar,
  type Deadline,
  type DeadlineRules,
} from '../../../shared/domain/deadline';
import { isoToDayNumber, kyivDayNumber, type DayNumber } from '../../../shared/domain/kyiv-time';
import { qb, type SqlRunner } from '../store/sql';
import { ReportFactsStore } from './reports/facts-store';

/** Pending applications sort before finished ones by deadline; this offset keeps the two groups apart. */
export const FINISHED_DUE_OFFSET = 10_000_000_000_000;

/**
 * The deadline model of one store: the working-day calendar, the rules and every center's force-majeure days,
 * loaded once and reloaded when periods or the calendar change.
 */
export class DeadlineModel {
  private calendarCache: WorkingCalendar | null = null;
  private rulesCache: DeadlineRules | null = null;
  private readonly fmDaysByCenter = new Map<string, Set<DayNumber>>();
  private factsStore: ReportFactsStore | null = null;

  constructor(private readonly sql: SqlRunner) {}

  /** The report facts follow the deadlines (late days, extensions), so they are kept with this model's calendar. */
  get reportFacts(): ReportFactsStore {
    this.factsStore ??= new ReportFactsStore(this.sql.db, () => this.calendar, (fn) => this.sql.write(fn));
    return this.factsStore;
  }

  invalidate(): void {
    this.calendarCache = null;
    this.rulesCache = null;
    this.fmDaysByCenter.clear();
  }

  get calendar(): WorkingCalendar {
    if (!this.calendarCache) {
      const days = this.sql.all(qb.selectFrom('non_working_days').select('day')).map((r) => isoToDayNumber(r.day));
      this.calendarCache = new WorkingCalendar(days);
    }
    return this.calendarCache;
  }

  get rules(): DeadlineRules {
    if (!this.rulesCache) {
      const rows = this.sql.all(
        qb.selectFrom('settings').select(['key', 'value']).where('key', 'in', ['decisionWorkingDays', 'forceMajeureThresholdHours']),
      );
      const map = new Map(rows.map((r) => [r.key, Number(r.value)]));
      this.rulesCache = {
        decisionWorkingDays: positive(map.get('decisionWorkingDays')) ?? DEFAULT_DEADLINE_RULES.decisionWorkingDays,
        forceMajeureThresholdHours:
          positive(map.get('forceMajeureThresholdHours')) ?? DEFAULT_DEADLINE_RULES.forceMajeureThresholdHours,
      };
    }
    return this.rulesCache;
  }

  forceMajeureDays(centerId: string): Set<DayNumber> {
    let days = this.fmDaysByCenter.get(centerId);
    if (!days) {
      const periods = this.sql
        .all(qb.selectFrom('force_majeure_periods').select(['starts_at', 'ends_at']).where('center_id', '=', centerId))
        .map((p) => ({ startsAt: p.starts_at, endsAt: p.ends_at }));
      days = forceMajeureDays(periods, this.calendar, this.rules);
      this.fmDaysByCenter.set(centerId, days);
    }
    return days;
  }

  deadlineFor(centerId: string, submittedAt: number): Deadline {
    return computeDeadline(submittedAt, this.calendar, this.forceMajeureDays(centerId), this.rules);
  }

  soonLimit(now: number): number {
    return dueSoonLimit(now, this.calendar);
  }

  /**
   * Recomputes the stored `due_at` of a center's applications (all centers when omitted), after its periods or
   * the calendar changed. Runs in the caller's transaction when there is one.
   */
  recompute(centerId?: string, options: { calendarChanged?: boolean } = {}): number {
    this.invalidate();
    // A new calendar moves late days on any row, even where the deadline stayed.
    const calendarChanged = options.calendarChanged ?? false;
    let query = qb.selectFrom('applications').select(['rowid', 'id', 'center_id', 'submitted_at', 'pending', 'due_at', 'extended_by']);
    if (centerId) query = query.where('center_id', '=', centerId);
    const rows = this.sql.all(query);
    const update = this.sql.db.prepare(
      'UPDATE applications SET due_at = @due_at, due_sort = @due_sort, due_day = @due_day, extended_by = @extended_by WHERE rowid = @rowid',
    );
    let changed = 0;
    this.sql.write(() => {
      for (const row of rows) {
        const d = this.deadlineFor(row.center_id, row.submitted_at);
        const extendedBy = JSON.stringify(d.extendedBy);
        update.run({ ...deadlineColumns(d.dueAt, row.pending === 1), extended_by: extendedBy, rowid: row.rowid });
        if (d.dueAt !== row.due_at) changed++;
        // Late days and extensions in the report follow the deadline (a changed calendar moves them too).
        if (d.dueAt !== row.due_at || extendedBy !== row.extended_by || calendarChanged) this.reportFacts.refresh(row.id);
      }
    });
    return changed;
  }
}

export function dueSort(dueAt: number, pending: boolean): number {
  return pending ? dueAt : dueAt + FINISHED_DUE_OFFSET;
}

/**
 * The stored deadline columns of an application. Every write that changes `status` (and so `pending`) or the
 * deadline must set all three: the queue sorts by due_sort and counts by due_day.
 */
export function deadlineColumns(dueAt: number, pending: boolean): { due_at: number; due_sort: number; due_day: number } {
  return { due_at: dueAt, due_sort: dueSort(dueAt, pending), due_day: pending ? kyivDayNumber(dueAt) : 0 };
}

function positive(v: number | undefined): number | undefined {
  return v !== undefined && Number.isFinite(v) && v > 0 ? v : undefined;
}
