import type { ConsoleSettings } from '../../../shared/api/auth';
import { qb, type SqlRunner } from '../store/sql';
import type { DeadlineModel } from './deadlines';

/** Keys of the settings table (values are text); absent keys take the defaults below. */
export const SETTING_KEYS = {
  maxFailedSignIns: 'auth.maxFailedSignIns',
  lockoutMinutes: 'auth.lockoutMinutes',
  idleLockMinutes: 'auth.idleLockMinutes',
  sessionExpiryMinutes: 'auth.sessionExpiryMinutes',
} as const;

/** A session unused for a working day (8 hours) ends: the window signs in again. */
export const DEFAULT_AUTH_SETTINGS = { maxFailedSignIns: 5, lockoutMinutes: 15, idleLockMinutes: 10, sessionExpiryMinutes: 480 } as const;

export type AuthSettings = { [K in keyof typeof SETTING_KEYS]: number };

/** Read on every use: the table is a handful of rows, and a change takes effect without a restart. */
export class SettingsReader {
  constructor(
    private readonly sql: SqlRunner,
    private readonly deadlines: DeadlineModel,
  ) {}

  auth(): AuthSettings {
    const rows = this.sql.all(qb.selectFrom('settings').select(['key', 'value']).where('key', 'in', Object.values(SETTING_KEYS)));
    const map = new Map(rows.map((r) => [r.key, Number(r.value)]));
    const pick = (k: keyof typeof SETTING_KEYS) => positiveInt(map.get(SETTING_KEYS[k])) ?? DEFAULT_AUTH_SETTINGS[k];
    return {
      maxFailedSignIns: pick('maxFailedSignIns'), lockoutMinutes: pick('lockoutMinutes'), idleLockMinutes: pick('idleLockMinutes'),
      sessionExpiryMinutes: pick('sessionExpiryMinutes'),
    };
  }

  all(): ConsoleSettings {
    const rules = this.deadlines.rules;
    const { maxFailedSignIns, lockoutMinutes, idleLockMinutes } = this.auth();
    return { maxFailedSignIns, lockoutMinutes, idleLockMinutes, decisionWorkingDays: rules.decisionWorkingDays, forceMajeureThresholdHours: rules.forceMajeureThresholdHours };
  }
}

function positiveInt(v: number | undefined): number | undefined {
  return v !== undefined && Number.isInteger(v) && v > 0 ? v : undefined;
}
