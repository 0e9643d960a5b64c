import { describe, expect, it } from 'vitest';
import { instantToKyivWall, isKyivSummerTime, kyivOffsetLabel, kyivWallToInstant, type KyivWallTime } from './kyiv-wall-time';

const wall = (year: number, month: number, day: number, hour: number, minute: number): KyivWallTime => ({ year, month, day, hour, minute });
const iso = (w: KyivWallTime) => {
  const r = kyivWallToInstant(w);
  return r.ok ? r.iso : r.reason;
};

// The process runs in whatever zone the machine has; none of this may depend on it.
describe('Kyiv wall time and UTC instants', () => {
  it('winter time is UTC+2 and summer time UTC+3', () => {
    expect(iso(wall(2026, 11, 27, 9, 30))).toBe('2026-11-27T07:30:00.000Z');
    expect(iso(wall(2026, 7, 1, 9, 30))).toBe('2026-07-01T06:30:00.000Z');
    expect(iso(wall(2026, 1, 1, 0, 0))).toBe('2025-12-31T22:00:00.000Z');
    expect(kyivOffsetLabel(Date.parse('2026-11-27T08:00:00Z'))).toBe('UTC+02:00');
    expect(kyivOffsetLabel(Date.parse('2026-07-01T08:00:00Z'))).toBe('UTC+03:00');
  });

  it('spring change (29.03.2026, 03:00 → 04:00): the hour from 03:00 to 03:59 does not exist, the minutes around it do', () => {
    expect(iso(wall(2026, 3, 29, 2, 59))).toBe('2026-03-29T00:59:00.000Z');
    expect(iso(wall(2026, 3, 29, 3, 0))).toBe('nonexistent');
    expect(iso(wall(2026, 3, 29, 3, 59))).toBe('nonexistent');
    expect(iso(wall(2026, 3, 29, 4, 0))).toBe('2026-03-29T01:00:00.000Z');
    // One real minute apart on either side of the jump.
    expect(Date.parse(iso(wall(2026, 3, 29, 4, 0))) - Date.parse(iso(wall(2026, 3, 29, 2, 59)))).toBe(60_000);
    expect(iso(wall(2027, 3, 28, 3, 30))).toBe('nonexistent');
  });

  it('autumn change (25.10.2026, 04:00 → 03:00): 03:00–03:59 happens twice and is taken at its first occurrence, said so', () => {
    expect(kyivWallToInstant(wall(2026, 10, 25, 2, 59))).toMatchObject({ ok: true, iso: '2026-10-24T23:59:00.000Z', offsetMinutes: 180, repeated: false });
    expect(kyivWallToInstant(wall(2026, 10, 25, 3, 0))).toMatchObject({ ok: true, iso: '2026-10-25T00:00:00.000Z', offsetMinutes: 180, repeated: true });
    expect(kyivWallToInstant(wall(2026, 10, 25, 3, 59))).toMatchObject({ ok: true, iso: '2026-10-25T00:59:00.000Z', offsetMinutes: 180, repeated: true });
    expect(kyivWallToInstant(wall(2026, 10, 25, 4, 0))).toMatchObject({ ok: true, iso: '2026-10-25T02:00:00.000Z', offsetMinutes: 120, repeated: false });
  });

  it('instants read back as Kyiv wall time on both sides of each change, including both passes of the repeated hour', () => {
    expect(instantToKyivWall(Date.parse('2026-03-29T00:59:00Z'))).toEqual(wall(2026, 3, 29, 2, 59));
    expect(instantToKyivWall(Date.parse('2026-03-29T01:00:00Z'))).toEqual(wall(2026, 3, 29, 4, 0));
    expect(instantToKyivWall(Date.parse('2026-10-25T00:30:00Z'))).toEqual(wall(2026, 10, 25, 3, 30));
    expect(instantToKyivWall(Date.parse('2026-10-25T01:30:00Z'))).toEqual(wall(2026, 10, 25, 3, 30));
    expect([Date.parse('2026-10-25T00:30:00Z'), Date.parse('2026-10-25T01:30:00Z')].map(isKyivSummerTime)).toEqual([true, false]);
    expect(instantToKyivWall(Date.parse('2026-12-31T22:00:00Z'))).toEqual(wall(2027, 1, 1, 0, 0));
  });

  it('every minute of 2026 that exists round-trips through its instant (the repeated hour as its first pass)', () => {
    const wrong: string[] = [];
    for (let ms = Date.parse('2026-01-01T00:00:00Z'); ms < Date.parse('2027-01-01T00:00:00Z'); ms += 7 * 60_000) {
      const back = kyivWallToInstant(instantToKyivWall(ms));
      if (!back.ok || !(back.ms === ms || (back.repeated && back.ms === ms - 3_600_000))) wrong.push(new Date(ms).toISOString());
    }
    expect(wrong).toEqual([]);
  });
});
