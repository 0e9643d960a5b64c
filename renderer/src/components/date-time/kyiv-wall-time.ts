import { kyivOffsetMinutes } from '../../../../shared/domain/kyiv-time';

/** A time as a clock on a wall in Kyiv shows it (no zone in it). */
export interface KyivWallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export type KyivInstant =
  | {
      ok: true;
      ms: number;
      iso: string;
      /** Kyiv's offset from UTC at that instant, in minutes (120 in winter, 180 in summer). */
      offsetMinutes: number;
      /** The wall time happened twice (the hour the clocks go back repeats): this is its first occurrence. */
      repeated: boolean;
    }
  | { ok: false; reason: 'nonexistent' };

const HOUR = 3_600_000;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A real calendar day (1 ≤ month ≤ 12, the day within its month, leap years counted). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  return Number.isInteger(year) && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * A Kyiv wall time as a UTC instant, whatever the workstation's own zone. A time skipped when the clocks go forward
 * does not exist; a time that happens twice when they go back is its first occurrence (the earlier instant), so
 * a period is never shortened by the repeat, and `repeated` says so.
 */
export function kyivWallToInstant(w: KyivWallTime): KyivInstant {
  const wall = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  // Both offsets Kyiv might have around that wall time; keep the candidates that read back as the same wall time.
  const candidates = [...new Set([kyivOffsetMinutes(wall - 3 * HOUR), kyivOffsetMinutes(wall + 3 * HOUR)])]
    .map((offset) => wall - offset * 60_000)
    .filter((ms) => ms + kyivOffsetMinutes(ms) * 60_000 === wall)
    .sort((a, b) => a - b);
  const ms = candidates[0];
  if (ms === undefined) return { ok: false, reason: 'nonexistent' };
  return { ok: true, ms, iso: new Date(ms).toISOString(), offsetMinutes: kyivOffsetMinutes(ms), repeated: candidates.length > 1 };
}

/** An instant as Kyiv's wall clock shows it (to the minute). */
export function instantToKyivWall(ms: number): KyivWallTime {
  const d = new Date(ms + kyivOffsetMinutes(ms) * 60_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

/** Kyiv's offset at an instant as it is written next to a time, e.g. "UTC+02:00". */
export function kyivOffsetLabel(ms: number): string {
  const offset = kyivOffsetMinutes(ms);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Kyiv keeps summer time (UTC+3) from the last Sunday of March to the last Sunday of October. */
export function isKyivSummerTime(ms: number): boolean {
  return kyivOffsetMinutes(ms) > 120;
}
