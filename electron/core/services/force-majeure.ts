import type BetterSqlite3 from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../../shared/api/errors';
import { FORCE_MAJEURE_MAX_DAYS, type ForceMajeurePeriod } from '../../../shared/api/force-majeure';
import { dayNumberToIso, kyivDayNumber, type DayNumber } from '../../../shared/domain/kyiv-time';
import type { SqlRunner } from '../store/sql';
import type { AuditLog } from './audit';
import type { SessionService } from './auth';
import type { DeadlineModel } from './deadlines';
import type { Outbox } from './outbox';
import { commitUserAction } from './user-action';

interface PeriodRow {
  id: string;
  center_id: string;
  kind: 'air_alarm' | 'power_outage' | 'other';
  starts_at: number;
  ends_at: number;
  note: string;
  recorded_by: string | null;
  recorded_at: number;
}

const DAY_MS = 86_400_000;

/**
 * Force majeure belongs to a center: a supervisor records a period here, it travels as a center-scoped op, and the
 * center's stored deadlines are recomputed in the same transaction, so the queue never shows a stale due date.
 */
export class ForceMajeureService {
  private readonly statements: {
    insert: BetterSqlite3.Statement;
    byId: BetterSqlite3.Statement<[string], PeriodRow>;
    list: BetterSqlite3.Statement<[string, number], PeriodRow>;
    pending: BetterSqlite3.Statement<[], { id: string }>;
  };

  constructor(
    private readonly sql: SqlRunner,
    private readonly session: SessionService,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly deadlines: DeadlineModel,
    private readonly centerId: string,
    private readonly now: () => number,
    private readonly onChanged: (reason: string) => void = () => {},
  ) {
    const db = sql.db;
    this.statements = {
      insert: db.prepare(`INSERT INTO force_majeure_periods (id, center_id, kind, starts_at, ends_at, note, recorded_by, recorded_at)
        VALUES (@id, @center_id, @kind, @starts_at, @ends_at, @note, @recorded_by, @recorded_at)`),
      byId: db.prepare('SELECT * FROM force_majeure_periods WHERE id = ?'),
      list: db.prepare('SELECT * FROM force_majeure_periods WHERE center_id = ? ORDER BY starts_at DESC, id LIMIT ?'),
      pending: db.prepare("SELECT json_extract(args, '$.periodId') AS id FROM outbox WHERE type = 'force_majeure.record' AND state = 'pending'"),
    };
  }

  record(input: { kind: PeriodRow['kind']; startsAt: string; endsAt: string; note: string }): { period: ForceMajeurePeriod; opId: string; deadlinesChanged: number } {
    const operator = this.session.requireOperator('forceMajeure.record');
    const startsAt = Date.parse(input.startsAt);
    const endsAt = Date.parse(input.endsAt);
    const now = this.now();
    if (!(endsAt > startsAt)) throw new AppError('period_end_before_start', 'The period must end after it starts.');
    if (endsAt > now) throw new AppError('period_in_future', 'A period can be recorded only once it has ended; its end is in the future.');
    if (endsAt - startsAt > FORCE_MAJEURE_MAX_DAYS * DAY_MS) {
      throw new AppError('period_too_long', `One period may last at most ${FORCE_MAJEURE_MAX_DAYS} days; record a longer spell as several periods.`);
    }
    const row: PeriodRow = {
      id: uuidv7(), center_id: this.centerId, kind: input.kind, starts_at: startsAt, ends_at: endsAt,
      note: input.note.trim(), recorded_by: operator.id, recorded_at: now,
    };
    let result: { opId: string; deadlinesChanged: number };
    try {
      result = commitUserAction(this.sql, () => {
        this.statements.insert.run(row);
        const args = { periodId: row.id, kind: row.kind, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(endsAt).toISOString(), note: row.note };
        const op = this.outbox.append({ scope: 'center', type: 'force_majeure.record', centerId: this.centerId, args, clientTime: now, operatorId: operator.id });
        this.audit.append({ at: now, operatorId: operator.id, action: 'force_majeure.record', entityId: row.id, details: { opId: op.opId, ...args } });
        // Nested write: better-sqlite3 runs it as a savepoint inside this transaction.
        const deadlinesChanged = this.deadlines.recompute(this.centerId);
        return { opId: op.opId, deadlinesChanged };
      });
    } catch (err) {
      // recompute() reloaded the model from rows that were rolled back; forget them.
      this.deadlines.invalidate();
      throw err;
    }
    this.onChanged('force_majeure.record');
    return { period: this.describe(this.statements.byId.get(row.id)!, this.pendingIds()), ...result };
  }

  list(limit: number): ForceMajeurePeriod[] {
    const pending = this.pendingIds();
    return this.statements.list.all(this.centerId, limit).map((r) => this.describe(r, pending));
  }

  private pendingIds(): Set<string> {
    return new Set(this.statements.pending.all().map((r) => r.id));
  }

  /** The working days this period touches on which the center's force majeure reached the threshold. */
  private describe(r: PeriodRow, pending: Set<string>): ForceMajeurePeriod {
    const fmDays = this.deadlines.forceMajeureDays(r.center_id);
    const extendedDays: string[] = [];
    for (let d: DayNumber = kyivDayNumber(r.starts_at); d <= kyivDayNumber(r.ends_at - 1); d++) {
      if (fmDays.has(d)) extendedDays.push(dayNumberToIso(d));
    }
    return {
      id: r.id, centerId: r.center_id, kind: r.kind,
      startsAt: new Date(r.starts_at).toISOString(), endsAt: new Date(r.ends_at).toISOString(), note: r.note,
      recordedBy: r.recorded_by, recordedAt: new Date(r.recorded_at).toISOString(),
      extendedDays, pendingSync: pending.has(r.id),
    };
  }
}
