import { createHash } from 'node:crypto';
import { ZodError } from 'zod';
import { AppError } from '../../../shared/api/errors';
import { ReferenceDataSchema, type ReferenceData } from '../../../shared/sync/reference';
import type { SqlRunner } from '../store/sql';
import type { DeadlineModel } from '../services/deadlines';
import type { Db } from '../store/database';

export const REFERENCE_VERSION_KEY = 'reference.version';
export const FEES_KEY = 'reference.fees';

export interface ReferenceApplyResult {
  changed: boolean;
  operators: number;
  deadlinesChanged: number;
}

/**
 * Reference data from the central server in one transaction: centers, this center's operators (with their
 * password hashes, so sign-in works offline), the refusal catalogue, the non-working days and every center's
 * force-majeure periods. When the calendar or the periods changed, stored deadlines are recomputed in the same
 * transaction, so the queue never shows a due date from the old calendar.
 */
export class ReferenceApplier {
  constructor(
    private readonly sql: SqlRunner,
    private readonly deadlines: DeadlineModel,
    private readonly centerId: string,
    /** Operators of a training core are training operators: a production core refuses them. */
    private readonly operatorSource: 'central' | 'training',
  ) {}

  applyUntrusted(raw: unknown): ReferenceApplyResult {
    let data: ReferenceData;
    try {
      data = ReferenceDataSchema.parse(raw);
    } catch (err) {
      const where = err instanceof ZodError && err.issues[0] ? ` at ${err.issues[0].path.join('.')}` : '';
      throw new AppError('invalid_central_answer', `The central server sent reference data the console cannot read${where}; nothing was changed.`);
    }
    return this.apply(data);
  }

  /**
   * Operators whose password was changed here and is still on its way to the central server (waiting, or
   * quarantined), with the server's password version each change replaced.
   */
  private pendingPasswordChanges(): Map<string, number> {
    const rows = this.sql.db
      .prepare(`SELECT operator_id AS id, min(json_extract(args, '$.basePasswordVersion')) AS base FROM outbox
        WHERE type = 'operator.password_change' AND state IN ('pending', 'quarantined') GROUP BY operator_id`)
      .all() as { id: string; base: number }[];
    return new Map(rows.map((r) => [r.id, Number(r.base)]));
  }

  /** What the stored deadlines depend on, as a digest of the calendar and every period. */
  private deadlineInputs(): string {
    const db = this.sql.db;
    return digest({
      days: db.prepare('SELECT day FROM non_working_days ORDER BY day').pluck().all(),
      periods: db.prepare('SELECT id, center_id, starts_at, ends_at FROM force_majeure_periods ORDER BY id').raw().all(),
    });
  }

  apply(data: ReferenceData): ReferenceApplyResult {
    const db = this.sql.db;
    const meta = (key: string) => db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined;
    const setMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    // A password an operator changed here and not yet confirmed by the central server is kept over the server's
    // older one (below), so what was kept is part of what this data was applied as.
    const pendingPasswords = this.pendingPasswordChanges();
    const fullDigest = digest({ data, keptPasswords: [...pendingPasswords].sort() });
    if (meta(REFERENCE_VERSION_KEY) === fullDigest) return { changed: false, operators: 0, deadlinesChanged: 0 };

    try {
      return this.sql.write(() => {
        const center = db.prepare(`INSERT INTO centers (id, name, address) VALUES (@id, @name, @address)
          ON CONFLICT (id) DO UPDATE SET name = excluded.name, address = excluded.address`);
        for (const c of data.centers) center.run(c);

        // Lockout counters are this workstation's own; everything else is the server's, except a password changed
        // here that the server has not confirmed yet while the server has nothing newer (its version is the one
        // the change replaced): that one stays, or the operator would be asked for the one-time password again.
        const upsert = (keepPassword: boolean) =>
          db.prepare(`INSERT INTO operators (id, login, display_name, role, password_hash, disabled, source, must_change_password, password_version)
            VALUES (@id, @login, @display_name, @role, @password_hash, @disabled, @source, @must_change_password, @password_version)
            ON CONFLICT (id) DO UPDATE SET login = excluded.login, display_name = excluded.display_name, role = excluded.role,
              disabled = excluded.disabled, source = excluded.source${keepPassword ? '' : `,
              password_hash = excluded.password_hash, must_change_password = excluded.must_change_password, password_version = excluded.password_version`}`);
        const [operator, operatorKeepingPassword] = [upsert(false), upsert(true)];
        const ours = data.operators.filter((o) => o.centerId === this.centerId);
        // A login that moved to another id frees it first (logins are unique).
        const freeLogin = db.prepare('DELETE FROM operators WHERE login = ? AND id <> ?');
        for (const o of ours) {
          freeLogin.run(o.login.normalize('NFC').trim().toLowerCase(), o.id);
          const replaced = pendingPasswords.get(o.id);
          const keep = replaced !== undefined && o.passwordVersion <= replaced;
          (keep ? operatorKeepingPassword : operator).run({
            id: o.id, login: o.login.normalize('NFC').trim().toLowerCase(), display_name: o.displayName, role: o.role,
            password_hash: o.passwordHash, disabled: o.disabled ? 1 : 0, source: this.operatorSource,
            must_change_password: o.mustChangePassword ? 1 : 0, password_version: o.passwordVersion,
          });
        }
        // An operator the server no longer lists for this center can no longer sign in here.
        const listed = new Set(ours.map((o) => o.id));
        const disable = db.prepare('UPDATE operators SET disabled = 1 WHERE id = ?');
        for (const id of db.prepare('SELECT id FROM operators WHERE source = ? AND disabled = 0').pluck().all(this.operatorSource) as string[]) {
          if (!listed.has(id)) disable.run(id);
        }

        const reason = db.prepare(`INSERT INTO refusal_reasons (code, title_uk, title_en, suggested_for_flag, active, sort_order)
          VALUES (@code, @title_uk, @title_en, @flag, @active, @sort_order)
          ON CONFLICT (code) DO UPDATE SET title_uk = excluded.title_uk, title_en = excluded.title_en,
            suggested_for_flag = excluded.suggested_for_flag, active = excluded.active, sort_order = excluded.sort_order`);
        data.refusalReasons.forEach((r, i) =>
          reason.run({ code: r.code, title_uk: r.titleUk, title_en: r.titleEn, flag: knownFlag(r.suggestedForCheck), active: r.active ? 1 : 0, sort_order: i + 1 }),
        );
        // A reason the catalogue no longer lists cannot be chosen any more; past refusals keep their code.
        if (data.refusalReasons.length) {
          const published = new Set(data.refusalReasons.map((r) => r.code));
          const retire = db.prepare('UPDATE refusal_reasons SET active = 0 WHERE code = ?');
          for (const code of db.prepare('SELECT code FROM refusal_reasons WHERE active = 1').pluck().all() as string[]) {
            if (!published.has(code)) retire.run(code);
          }
        }

        // Stored due dates follow the local calendar and periods: recomputed only when those tables change.
        const before = this.deadlineInputs();
        const calendarBefore = nonWorkingDays(db);
        let deadlinesChanged = 0;
        db.prepare('DELETE FROM non_working_days').run();
        const day = db.prepare('INSERT OR IGNORE INTO non_working_days (day) VALUES (?)');
        for (const d of data.nonWorkingDays) day.run(d);
        const period = db.prepare(`INSERT INTO force_majeure_periods (id, center_id, kind, starts_at, ends_at, note, recorded_by, recorded_at)
          VALUES (@id, @center_id, @kind, @starts_at, @ends_at, @note, NULL, @recorded_at)
          ON CONFLICT (id) DO UPDATE SET center_id = excluded.center_id, kind = excluded.kind, starts_at = excluded.starts_at,
            ends_at = excluded.ends_at, note = excluded.note`);
        for (const p of data.forceMajeurePeriods) {
          const startsAt = Date.parse(p.startsAt);
          const endsAt = Date.parse(p.endsAt);
          if (!(endsAt > startsAt)) continue;
          period.run({ id: p.id, center_id: p.centerId, kind: p.kind, starts_at: startsAt, ends_at: endsAt, note: p.note, recorded_at: endsAt });
        }
        if (this.deadlineInputs() !== before) {
          deadlinesChanged = this.deadlines.recompute(undefined, { calendarChanged: nonWorkingDays(db) !== calendarBefore });
        }
        setMeta.run(FEES_KEY, JSON.stringify(data.fees));
        setMeta.run(REFERENCE_VERSION_KEY, fullDigest);
        return { changed: true, operators: ours.length, deadlinesChanged };
      });
    } catch (err) {
      // recompute() may have loaded the model from rows that were rolled back.
      this.deadlines.invalidate();
      throw err;
    }
  }
}

const FLAGS = new Set(['paymentConfirmed', 'identityMatches', 'noDrivingBan', 'licenceInRegister']);
function knownFlag(flag: string | null): string | null {
  return flag && FLAGS.has(flag) ? flag : null;
}

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

function nonWorkingDays(db: Db): string {
  return (db.prepare('SELECT day FROM non_working_days ORDER BY day').pluck().all() as string[]).join(',');
}
