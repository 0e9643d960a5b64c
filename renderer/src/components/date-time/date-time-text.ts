import { daysInMonth, instantToKyivWall, isCalendarDate, kyivWallToInstant, type KyivInstant, type KyivWallTime } from './kyiv-wall-time';

/**
 * Dates and times as an operator types them, always in the Ukrainian form whatever the browser's locale:
 * `dd.mm.yyyy` and, with a time, `dd.mm.yyyy hh:mm` on a 24-hour clock.
 */
export type DateTimeKind = 'date' | 'datetime';

const SEGMENT_SIZES: Record<DateTimeKind, readonly number[]> = { date: [2, 2, 4], datetime: [2, 2, 4, 2, 2] };
/** The separator written before segment i + 1. */
const SEPARATORS = ['.', '.', ' ', ':'] as const;
/** Characters an operator may type between the parts (a dot, a slash, a dash, a comma, a space, a colon). */
const SEPARATOR_INPUT = /[./\-,\s:]/u;
const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';

/**
 * Puts what was typed (or pasted) into the form: digits fill day, month, year, hour and minute in turn, the
 * separators come by themselves, and a separator typed after one digit closes that part ("1.3.2026 9:05", written
 * out in full once the field is left). Anything else is dropped. A separator is added only when the next digit
 * arrives, so deleting one works; nothing is padded while typing, so a digit deleted in the middle can be typed
 * again in its place. Each character only adds to the end, so the text before the caret masks to a prefix.
 */
export function maskDateTimeText(raw: string, kind: DateTimeKind): string {
  const sizes = SEGMENT_SIZES[kind];
  const parts = [''];
  for (const ch of raw) {
    const i = parts.length - 1;
    if (isDigit(ch)) {
      if (parts[i]!.length < sizes[i]!) parts[i] += ch;
      else if (i + 1 < sizes.length) parts.push(ch);
      else break;
    } else if (SEPARATOR_INPUT.test(ch) && parts[i]!.length > 0 && i + 1 < sizes.length) {
      parts.push('');
    }
  }
  return parts.reduce((text, part, i) => (i === 0 ? part : `${text}${SEPARATORS[i - 1]}${part}`), '');
}

/** Where the caret goes after masking: after what the text before it masks to (see maskDateTimeText). */
export function caretAfterMask(raw: string, caret: number, kind: DateTimeKind): number {
  return maskDateTimeText(raw.slice(0, caret), kind).length;
}

export function countDigits(text: string): number {
  let n = 0;
  for (const ch of text) if (isDigit(ch)) n++;
  return n;
}

export type DateTimeTextProblem = 'empty' | 'incomplete' | 'no_such_date' | 'no_such_time';

export type ParsedDateTimeText = { ok: true; wall: KyivWallTime } | { ok: false; problem: DateTimeTextProblem };

/** Day, month and hour may have one digit (a separator typed after it); the year has four, the minutes two. */
const FULL: Record<DateTimeKind, RegExp> = {
  date: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/u,
  datetime: /^(\d{1,2})\.(\d{1,2})\.(\d{4}) (\d{1,2}):(\d{2})$/u,
};

/** The wall time a complete text names; a date alone is read as its midnight. */
export function parseDateTimeText(text: string, kind: DateTimeKind): ParsedDateTimeText {
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, problem: 'empty' };
  const m = FULL[kind].exec(trimmed);
  if (!m) return { ok: false, problem: 'incomplete' };
  const [day, month, year, hour = 0, minute = 0] = m.slice(1).map((x) => (x === undefined ? undefined : Number(x))) as number[];
  if (!isCalendarDate(year!, month!, day!) || year! < 1900) return { ok: false, problem: 'no_such_date' };
  if (hour > 23 || minute > 59) return { ok: false, problem: 'no_such_time' };
  return { ok: true, wall: { year: year!, month: month!, day: day!, hour, minute } };
}

const two = (n: number) => String(n).padStart(2, '0');

export function formatWallTime(w: KyivWallTime, kind: DateTimeKind): string {
  const date = `${two(w.day)}.${two(w.month)}.${String(w.year).padStart(4, '0')}`;
  return kind === 'date' ? date : `${date} ${two(w.hour)}:${two(w.minute)}`;
}

/** A calendar date (YYYY-MM-DD) of a wall time, as routes and the core take it. */
export function wallTimeIsoDate(w: KyivWallTime): string {
  return `${String(w.year).padStart(4, '0')}-${two(w.month)}-${two(w.day)}`;
}

export function isoDateToText(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return formatWallTime({ year, month, day, hour: 0, minute: 0 }, 'date');
}

export type KyivDateTimeReading =
  | { ok: true; wall: KyivWallTime; instant: Extract<KyivInstant, { ok: true }> }
  | { ok: false; problem: DateTimeTextProblem | 'skipped_by_clock_change' };

/** A typed Kyiv date and time as the UTC instant it names, or why it names none. */
export function readKyivDateTime(text: string): KyivDateTimeReading {
  const parsed = parseDateTimeText(text, 'datetime');
  if (!parsed.ok) return parsed;
  const instant = kyivWallToInstant(parsed.wall);
  return instant.ok ? { ok: true, wall: parsed.wall, instant } : { ok: false, problem: 'skipped_by_clock_change' };
}

/** Which part of the text the caret is in: 0 day, 1 month, 2 year, 3 hour, 4 minute. */
export function segmentAt(text: string, caret: number): number {
  let segment = 0;
  for (let i = 0; i < Math.min(caret, text.length); i++) if (!isDigit(text[i])) segment++;
  // The caret just after a separator belongs to the part that follows it; just before one, to the part it ends.
  return segment;
}

const wrap = (value: number, min: number, max: number) => (value < min ? max - ((min - value - 1) % (max - min + 1)) : value > max ? min + ((value - max - 1) % (max - min + 1)) : value);

/**
 * ↑ and ↓ on a complete text: the part under the caret goes one up or down, wrapping within its range (as native
 * date fields do: the 31st and one more is the 1st, the month stays); the day is kept within the month. An empty
 * field takes `fallback` (now). Returns null when the text is incomplete.
 */
export function stepDateTimeText(text: string, caret: number, delta: 1 | -1, kind: DateTimeKind, fallback: KyivWallTime): { text: string; caret: number } | null {
  if (!text.trim()) {
    const filled = formatWallTime(fallback, kind);
    return { text: filled, caret: filled.length };
  }
  const parsed = parseDateTimeText(text, kind);
  if (!parsed.ok) return null;
  const w = { ...parsed.wall };
  const segment = Math.min(segmentAt(text, caret), SEGMENT_SIZES[kind].length - 1);
  if (segment === 0) w.day = wrap(w.day + delta, 1, daysInMonth(w.year, w.month));
  if (segment === 1) w.month = wrap(w.month + delta, 1, 12);
  if (segment === 2) w.year += delta;
  if (segment === 3) w.hour = wrap(w.hour + delta, 0, 23);
  if (segment === 4) w.minute = wrap(w.minute + delta, 0, 59);
  w.day = Math.min(w.day, daysInMonth(w.year, w.month));
  const next = formatWallTime(w, kind);
  // The caret stays at the end of the part it changed.
  const ends = [2, 5, 10, 13, 16];
  return { text: next, caret: ends[segment]! };
}

export type DateTimeFieldProblem = DateTimeTextProblem | 'skipped_by_clock_change' | 'after_max';

export type DateTimeFieldReading =
  | { ok: true; wall: KyivWallTime; isoDate: string; instant: Extract<KyivInstant, { ok: true }> | null }
  | { ok: false; problem: DateTimeFieldProblem };

/**
 * What a date/time field holds: a date (a Kyiv calendar day) or a Kyiv date and time (with its instant), or the
 * problem to tell the operator. `maxMs` is the latest moment allowed (now): a later time, or a later Kyiv day for a
 * date, is `after_max`.
 */
export function readDateTimeField(text: string, kind: DateTimeKind, maxMs?: number): DateTimeFieldReading {
  const parsed = parseDateTimeText(text, kind);
  if (!parsed.ok) return parsed;
  const isoDate = wallTimeIsoDate(parsed.wall);
  if (kind === 'date') {
    if (maxMs !== undefined && isoDate > wallTimeIsoDate(instantToKyivWall(maxMs))) return { ok: false, problem: 'after_max' };
    return { ok: true, wall: parsed.wall, isoDate, instant: null };
  }
  const instant = kyivWallToInstant(parsed.wall);
  if (!instant.ok) return { ok: false, problem: 'skipped_by_clock_change' };
  if (maxMs !== undefined && instant.ms > maxMs) return { ok: false, problem: 'after_max' };
  return { ok: true, wall: parsed.wall, isoDate, instant };
}
