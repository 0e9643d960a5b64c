/** Kyiv wall-clock arithmetic on top of Intl, so it works the same in Node and in the browser. */

export const KYIV_TZ = 'Europe/Kyiv';
const DAY_MS = 86_400_000;

const partsFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: KYIV_TZ,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

const offsetCache = new Map<number, number>();

/** Kyiv's offset from UTC in minutes at an instant (120 in winter, 180 in summer). */
export function kyivOffsetMinutes(utcMs: number): number {
  const hourKey = Math.floor(utcMs / 3_600_000);
  const cached = offsetCache.get(hourKey);
  if (cached !== undefined) return cached;
  const p: Record<string, number> = {};
  for (const part of partsFormatter.formatToParts(new Date(hourKey * 3_600_000))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  const offset = Math.round((asUtc - hourKey * 3_600_000) / 60_000);
  if (offsetCache.size > 100_000) offsetCache.clear();
  offsetCache.set(hourKey, offset);
  return offset;
}

/** A calendar day as a whole number of days since 1970-01-01 (no time zone in it). */
export type DayNumber = number;

export function kyivDayNumber(utcMs: number): DayNumber {
  return Math.floor((utcMs + kyivOffsetMinutes(utcMs) * 60_000) / DAY_MS);
}

export function dayNumberToIso(day: DayNumber): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function isoToDayNumber(iso: string): DayNumber {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
}

/** Day of week of a day number: 0 Sunday … 6 Saturday. */
export function weekday(day: DayNumber): number {
  return (day + 4) % 7; // 1970-01-01 was a Thursday
}

/** The UTC instant of Kyiv local midnight at the start of a day. */
export function kyivStartOfDay(day: DayNumber): number {
  const guess = day * DAY_MS;
  // The offset at local midnight: try the offset of the guess, then correct once across a DST change.
  let offset = kyivOffsetMinutes(guess - 120 * 60_000);
  let instant = guess - offset * 60_000;
  const check = kyivOffsetMinutes(instant);
  if (check !== offset) {
    offset = check;
    instant = guess - offset * 60_000;
  }
  return instant;
}

/** The last millisecond of a Kyiv day, as a UTC instant. */
export function kyivEndOfDay(day: DayNumber): number {
  return kyivStartOfDay(day + 1) - 1;
}
