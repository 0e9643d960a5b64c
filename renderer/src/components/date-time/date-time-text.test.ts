import { describe, expect, it } from 'vitest';
import { caretAfterMask, formatWallTime, maskDateTimeText, parseDateTimeText, readDateTimeField, readKyivDateTime, stepDateTimeText } from './date-time-text';

const NOW = { year: 2026, month: 11, day: 27, hour: 10, minute: 0 };

describe('typing a date and time in the Ukrainian form', () => {
  it('digits fill the parts in turn and the separators come by themselves', () => {
    expect(maskDateTimeText('261120260930', 'datetime')).toBe('26.11.2026 09:30');
    expect(maskDateTimeText('2611', 'datetime')).toBe('26.11');
    expect(maskDateTimeText('26112026', 'date')).toBe('26.11.2026');
    expect(maskDateTimeText('2611202609', 'date')).toBe('26.11.2026');
  });

  it('typing it character by character gives the same text; a typed separator closes a part of one digit', () => {
    let text = '';
    for (const ch of '1.3.2026 9:05') text = maskDateTimeText(text + ch, 'datetime');
    expect(text).toBe('1.3.2026 9:05');
    expect(parseDateTimeText(text, 'datetime')).toEqual({ ok: true, wall: { year: 2026, month: 3, day: 1, hour: 9, minute: 5 } });
    expect(formatWallTime({ year: 2026, month: 3, day: 1, hour: 9, minute: 5 }, 'datetime')).toBe('01.03.2026 09:05');
    expect(maskDateTimeText('26/11/2026, 21:15', 'datetime')).toBe('26.11.2026 21:15');
    expect(maskDateTimeText('26.', 'datetime')).toBe('26.');
  });

  it('letters, AM/PM and extra digits are dropped; deleting a separator is not undone', () => {
    expect(maskDateTimeText('11/26/2026 09:30 PM', 'datetime')).toBe('11.26.2026 09:30');
    expect(maskDateTimeText('26.11.2026 09:301', 'datetime')).toBe('26.11.2026 09:30');
    expect(maskDateTimeText('26.11', 'datetime')).toBe('26.11');
    expect(maskDateTimeText('ab', 'date')).toBe('');
  });

  it('the caret stays after what it followed, moving on with a separator that came by itself', () => {
    const caret = (raw: string, at: number) => caretAfterMask(raw, at, 'datetime');
    expect(caret('261', 3)).toBe(4); // "26.1|"
    expect(caret('26.', 3)).toBe(3);
    expect(caret('25.10.2026 5:', 13)).toBe(13);
    expect(caret('26.11.2026 09:30', 16)).toBe(16);
    expect(caret('26.1x1.2026', 5)).toBe(4); // a letter typed in the month is dropped, the caret stays
    // A day digit deleted and typed again: "2|.11.2026", then "21.11.2026" with the caret after the new digit.
    expect(maskDateTimeText('2.11.2026', 'datetime')).toBe('2.11.2026');
    expect(maskDateTimeText('21.11.2026', 'datetime')).toBe('21.11.2026');
    expect(caret('21.11.2026', 2)).toBe(2);
    expect(caret('2611.2026', 3)).toBe(4); // a separator deleted comes back: "26.1|1.2026"
  });
});

describe('reading the text', () => {
  it('tells an empty, an unfinished, an impossible date and an impossible time apart', () => {
    expect(parseDateTimeText('', 'datetime')).toEqual({ ok: false, problem: 'empty' });
    expect(parseDateTimeText('26.11.2026', 'datetime')).toEqual({ ok: false, problem: 'incomplete' });
    expect(parseDateTimeText('31.04.2026 10:00', 'datetime')).toEqual({ ok: false, problem: 'no_such_date' });
    expect(parseDateTimeText('29.02.2026', 'date')).toEqual({ ok: false, problem: 'no_such_date' });
    expect(parseDateTimeText('29.02.2028', 'date')).toMatchObject({ ok: true });
    expect(parseDateTimeText('26.11.2026 24:00', 'datetime')).toEqual({ ok: false, problem: 'no_such_time' });
    expect(parseDateTimeText('26.11.2026 23:60', 'datetime')).toEqual({ ok: false, problem: 'no_such_time' });
  });

  it('a Kyiv date and time is its UTC instant; the hour skipped in spring is said to be so', () => {
    expect(readKyivDateTime('26.11.2026 09:00')).toMatchObject({ ok: true, instant: { iso: '2026-11-26T07:00:00.000Z' } });
    expect(readKyivDateTime('15.07.2026 09:00')).toMatchObject({ ok: true, instant: { iso: '2026-07-15T06:00:00.000Z' } });
    expect(readKyivDateTime('29.03.2026 03:30')).toEqual({ ok: false, problem: 'skipped_by_clock_change' });
    expect(readKyivDateTime('25.10.2026 03:30')).toMatchObject({ ok: true, instant: { iso: '2026-10-25T00:30:00.000Z', repeated: true } });
  });
});

describe('a field with a latest moment (now)', () => {
  const now = Date.parse('2026-11-27T08:00:00Z'); // 10:00 in Kyiv

  it('a time after now, or a Kyiv day after today, is after_max; up to now is fine', () => {
    expect(readDateTimeField('27.11.2026 10:00', 'datetime', now)).toMatchObject({ ok: true, isoDate: '2026-11-27', instant: { ms: now } });
    expect(readDateTimeField('27.11.2026 10:01', 'datetime', now)).toEqual({ ok: false, problem: 'after_max' });
    expect(readDateTimeField('27.11.2026', 'date', now)).toMatchObject({ ok: true, isoDate: '2026-11-27', instant: null });
    expect(readDateTimeField('28.11.2026', 'date', now)).toEqual({ ok: false, problem: 'after_max' });
  });

  it('the Kyiv day decides, not UTC: 00:30 in Kyiv on the 28th is still the 27th in UTC', () => {
    const justAfterKyivMidnight = Date.parse('2026-11-27T22:30:00Z');
    expect(readDateTimeField('28.11.2026', 'date', justAfterKyivMidnight)).toMatchObject({ ok: true, isoDate: '2026-11-28' });
  });
});

describe('↑ and ↓', () => {
  it('move the part under the caret, wrapping within it, and keep the day within the month', () => {
    expect(stepDateTimeText('31.01.2026 10:00', 1, 1, 'datetime', NOW)).toEqual({ text: '01.01.2026 10:00', caret: 2 });
    expect(stepDateTimeText('31.01.2026 10:00', 4, 1, 'datetime', NOW)).toEqual({ text: '28.02.2026 10:00', caret: 5 });
    expect(stepDateTimeText('26.11.2026 23:59', 12, 1, 'datetime', NOW)).toEqual({ text: '26.11.2026 00:59', caret: 13 });
    expect(stepDateTimeText('26.11.2026 00:00', 16, -1, 'datetime', NOW)).toEqual({ text: '26.11.2026 00:59', caret: 16 });
    expect(stepDateTimeText('29.02.2028', 8, 1, 'date', NOW)).toEqual({ text: '28.02.2029', caret: 10 });
  });

  it('an empty field starts at now; an unfinished one is left alone', () => {
    expect(stepDateTimeText('', 0, 1, 'datetime', NOW)).toEqual({ text: '27.11.2026 10:00', caret: 16 });
    expect(stepDateTimeText('', 0, -1, 'date', NOW)).toEqual({ text: '27.11.2026', caret: 10 });
    expect(stepDateTimeText('26.11', 1, 1, 'datetime', NOW)).toBeNull();
  });
});
