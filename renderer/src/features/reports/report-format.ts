import type { TFunction } from 'i18next';

/** A stretch of time as the screen shows it; a missing or zero length is "no data", never 00:00. */
export function formatDuration(ms: number | null, t: TFunction): string {
  if (ms === null || ms <= 0) return t('reports.missing');
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return t('reports.duration.minutes', { m: Math.max(1, minutes) });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t('reports.duration.hours', { h: hours, m: minutes % 60 });
  return t('reports.duration.days', { d: Math.floor(hours / 24), h: hours % 24 });
}

/** dd.mm.yyyy typed by a person → YYYY-MM-DD, or null when it is no calendar date. */
export function parseUaDate(text: string): string | null {
  const m = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

export function uaDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}
