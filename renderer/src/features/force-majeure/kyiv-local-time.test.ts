import { describe, expect, it } from 'vitest';
import { instantToKyivLocal, kyivLocalToInstant, kyivOffsetLabel } from './kyiv-local-time';

describe('datetime-local fields read as Kyiv time', () => {
  it('winter time is UTC+2 and summer time UTC+3, whatever the workstation zone', () => {
    expect(kyivLocalToInstant('2026-11-27T09:30')).toMatchObject({ ok: true, iso: '2026-11-27T07:30:00.000Z' });
    expect(kyivLocalToInstant('2026-07-01T09:30')).toMatchObject({ ok: true, iso: '2026-07-01T06:30:00.000Z' });
    expect(kyivLocalToInstant('2026-01-01T00:00')).toMatchObject({ ok: true, iso: '2025-12-31T22:00:00.000Z' });
  });

  it('a time the spring change skips does not exist', () => {
    // 2026-03-29: at 03:00 Kyiv time the clocks go to 04:00.
    expect(kyivLocalToInstant('2026-03-29T03:30')).toEqual({ ok: false, reason: 'nonexistent' });
    expect(kyivLocalToInstant('2026-03-29T02:59')).toMatchObject({ ok: true, iso: '2026-03-29T00:59:00.000Z' });
    expect(kyivLocalToInstant('2026-03-29T04:00')).toMatchObject({ ok: true, iso: '2026-03-29T01:00:00.000Z' });
  });

  it('a time the autumn change repeats is its first occurrence', () => {
    // 2026-10-25: at 04:00 summer time the clocks go back to 03:00, so 03:30 happens twice.
    expect(kyivLocalToInstant('2026-10-25T03:30')).toMatchObject({ ok: true, iso: '2026-10-25T00:30:00.000Z' });
  });

  it('empty and malformed values are told apart', () => {
    expect(kyivLocalToInstant('')).toEqual({ ok: false, reason: 'empty' });
    expect(kyivLocalToInstant('27.11.2026 09:30')).toEqual({ ok: false, reason: 'malformed' });
    expect(kyivLocalToInstant('2026-02-30T10:00')).toEqual({ ok: false, reason: 'malformed' });
  });

  it('round-trips an instant to the field value and names the offset', () => {
    const ms = Date.parse('2026-11-27T08:00:00Z');
    expect(instantToKyivLocal(ms)).toBe('2026-11-27T10:00');
    expect(kyivLocalToInstant(instantToKyivLocal(ms))).toMatchObject({ ok: true, ms });
    expect(kyivOffsetLabel(ms)).toBe('UTC+02:00');
    expect(kyivOffsetLabel(Date.parse('2026-07-01T08:00:00Z'))).toBe('UTC+03:00');
  });
});
