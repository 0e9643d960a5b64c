import { kyivOffsetMinutes } from '../../../../shared/domain/kyiv-time';

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

export type KyivInstant = { ok: true; iso: string; ms: number } | { ok: false; reason: 'empty' | 'malformed' | 'nonexistent' };

/**
 * A `datetime-local` value read as Kyiv wall-clock time (whatever the workstation's own zone), as a UTC instant.
 * A time skipped when the clocks go forward does not exist and is refused; a time that happens twice when they go
 * back is taken as its first occurrence (the earlier instant), so a period is never shortened by the repeat.
 */
export function kyivLocalToInstant(value: string): KyivInstant {
  if (!value) return { ok: false, reason: 'empty' };
  const m = LOCAL.exec(value);
  if (!m) return { ok: false, reason: 'malformed' };
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  if (Number.isNaN(wall) || new Date(wall).getUTCDate() !== d || h > 23 || mi > 59) return { ok: false, reason: 'malformed' };
  // Both offsets Kyiv might have around that wall time; keep the candidates that read back as the same wall time.
  const candidates = [...new Set([kyivOffsetMinutes(wall - 3 * 3_600_000), kyivOffsetMinutes(wall + 3 * 3_600_000)])]
    .map((offset) => wall - offset * 60_000)
    .filter((ms) => ms + kyivOffsetMinutes(ms) * 60_000 === wall)
    .sort((a, b) => a - b);
  const ms = candidates[0];
  if (ms === undefined) return { ok: false, reason: 'nonexistent' };
  return { ok: true, ms, iso: new Date(ms).toISOString() };
}

/** An instant as a `datetime-local` value in Kyiv time (minutes precision). */
export function instantToKyivLocal(ms: number): string {
  return new Date(ms + kyivOffsetMinutes(ms) * 60_000).toISOString().slice(0, 16);
}

/** Kyiv's offset at an instant as it is written next to a time, e.g. "UTC+02:00". */
export function kyivOffsetLabel(ms: number): string {
  const offset = kyivOffsetMinutes(ms);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
