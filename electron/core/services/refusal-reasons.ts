import type BetterSqlite3 from 'better-sqlite3';
import type { RefusalReason } from '../../../shared/api/reference';
import type { Db } from '../store/database';

/** The refusal catalogue (seeded by migration 002 until the central server publishes it). */
export class RefusalCatalogue {
  private readonly activeCode: BetterSqlite3.Statement<[string], { code: string }>;
  private readonly list: BetterSqlite3.Statement<[number]>;

  constructor(db: Db) {
    this.activeCode = db.prepare('SELECT code FROM refusal_reasons WHERE code = ? AND active = 1');
    this.list = db.prepare(`SELECT code, title_uk AS titleUk, title_en AS titleEn, suggested_for_flag AS suggestedForCheck, active
      FROM refusal_reasons WHERE active = 1 OR ? = 1 ORDER BY sort_order, code`);
  }

  /** Only active reasons may be chosen for a new refusal. */
  isKnown(code: string): boolean {
    return this.activeCode.get(code) !== undefined;
  }

  reasons(includeInactive = false): RefusalReason[] {
    return (this.list.all(includeInactive ? 1 : 0) as (Omit<RefusalReason, 'active'> & { active: number })[]).map((r) => ({
      ...r,
      active: r.active === 1,
    }));
  }
}
