import type BetterSqlite3 from 'better-sqlite3';
import type { Db } from '../store/database';

/** Keys of the settings table for paperwork (values are text); absent or invalid values take the defaults. */
export const PAPERWORK_SETTING_KEYS = {
  uncollectedDays: 'paperwork.uncollectedDays',
  deliveryTargetDays: 'paperwork.deliveryTargetDays',
} as const;

/** A card waiting this many days is "uncollected"; delivery by Ukrposhta is due this many days after shipping. */
export const DEFAULT_PAPERWORK_SETTINGS = { uncollectedDays: 30, deliveryTargetDays: 5 } as const;

/** Read on every use, like the other settings: a change takes effect without a restart. */
export class PaperworkSettings {
  private readonly get: BetterSqlite3.Statement<[string], { value: string }>;

  constructor(db: Db) {
    this.get = db.prepare('SELECT value FROM settings WHERE key = ?');
  }

  uncollectedDays(): number {
    return this.read('uncollectedDays');
  }

  deliveryTargetDays(): number {
    return this.read('deliveryTargetDays');
  }

  private read(key: keyof typeof PAPERWORK_SETTING_KEYS): number {
    const value = Number(this.get.get(PAPERWORK_SETTING_KEYS[key])?.value);
    return Number.isInteger(value) && value > 0 && value <= 3650 ? value : DEFAULT_PAPERWORK_SETTINGS[key];
  }
}
