/**
 * Calendar-day arithmetic without Date objects (Howard Hinnant's civil-date algorithms): the generator converts
 * day numbers to dates a dozen times per record, and this is several times cheaper than toISOString.
 * A day number counts days since 1970-01-01, like DayNumber in domain/kyiv-time.ts.
 */

export function civilFromDays(day: number): [year: number, month: number, dayOfMonth: number] {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

export function daysFromCivil(year: number, month: number, dayOfMonth: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + dayOfMonth - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n;

/** YYYY-MM-DD of a day number (years 1000–9999). */
export function isoOfDay(day: number): string {
  const [y, m, d] = civilFromDays(day);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** Adds whole years; 29 February becomes 1 March in a common year. */
export function addYears(day: number, years: number): number {
  const [y, m, d] = civilFromDays(day);
  return daysFromCivil(y + years, m, 1) + d - 1;
}
