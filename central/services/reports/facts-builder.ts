import { forceMajeureDays, WorkingCalendar, DEFAULT_DEADLINE_RULES, type ForceMajeureInterval } from '../../../shared/domain/deadline';
import { isoToDayNumber, type DayNumber } from '../../../shared/domain/kyiv-time';
import type { ReportFacts } from '../../../shared/reports/facts';
import type { SchemaDb as StoreDb } from '../../store/schema';
import { deadlineOf, factsOfRecord, type FactsDeadline, type FactsSource } from '../../../shared/reports/record-facts';

export interface PeriodRow {
  center_id: string;
  starts_at: string;
  ends_at: string;
}

/**
 * Report facts of central records, with the deadline the queue uses: the published working-day calendar, each
 * center's force-majeure days and the default rules (10 working days, 2 hours a day). Built for one transaction or
 * one back-fill from what the store holds at that moment.
 */
export class FactsBuilder {
  private readonly fmDays = new Map<string, Set<DayNumber>>();
  private readonly periods = new Map<string, ForceMajeureInterval[]>();

  constructor(
    readonly calendar: WorkingCalendar,
    periods: readonly PeriodRow[],
  ) {
    for (const p of periods) {
      const list = this.periods.get(p.center_id) ?? [];
      list.push({ startsAt: Date.parse(p.starts_at), endsAt: Date.parse(p.ends_at) });
      this.periods.set(p.center_id, list);
    }
  }

  /**
   * The calendar (`days` when already read, in the same transaction) and the force-majeure periods (of the given
   * centers, all when none), read on `db`.
   */
  static async load(db: StoreDb, centerIds?: readonly string[], days?: readonly { day: string }[]): Promise<FactsBuilder> {
    let periods = db.selectFrom('force_majeure_periods').select(['center_id', 'starts_at', 'ends_at']);
    if (centerIds) periods = periods.where('center_id', 'in', [...centerIds]);
    const calendar = days ?? (await FactsBuilder.daysQuery(db).execute());
    return new FactsBuilder(calendarOf(calendar), centerIds?.length === 0 ? [] : await periods.execute());
  }

  /** The published non-working days, the statement `load` reads them with. */
  static daysQuery(db: StoreDb) {
    return db.selectFrom('non_working_days').select('day');
  }

  deadline(centerId: string, submittedAt: number): FactsDeadline {
    let days = this.fmDays.get(centerId);
    if (!days) this.fmDays.set(centerId, (days = forceMajeureDays(this.periods.get(centerId) ?? [], this.calendar, DEFAULT_DEADLINE_RULES)));
    return deadlineOf(submittedAt, this.calendar, days);
  }

  /** The facts of a record; its deadline as stored when given (a history change never moves the deadline). */
  facts(record: FactsSource, deadline?: FactsDeadline): ReportFacts {
    return factsOfRecord(record, deadline ?? this.deadline(record.centerId, Date.parse(record.submittedAt)), this.calendar);
  }
}

export function calendarOf(days: readonly { day: string }[]): WorkingCalendar {
  return new WorkingCalendar(days.map((d) => isoToDayNumber(d.day)));
}
