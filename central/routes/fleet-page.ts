import type { FleetList } from '../../shared/sync/fleet';

const TEXT = {
  uk: {
    title: 'Робочі місця', center: 'Центр', version: 'Версія', any: 'усі', stale: 'Без синхронізації понад добу', apply: 'Показати',
    caption: (n: number) => `Робочих місць: ${n}`, workstation: 'Робоче місце', channel: 'Канал', os: 'ОС', disk: 'Вільно на диску',
    outbox: 'У черзі', quarantined: 'На карантині', clock: 'Зсув годинника', lastSuccess: 'Остання успішна синхронізація',
    lastError: 'Остання помилка', never: 'ніколи', none: '—', lang: 'English', langCode: 'en', serverTime: 'Час сервера',
  },
  en: {
    title: 'Workstations', center: 'Center', version: 'Version', any: 'all', stale: 'Not synced for over a day', apply: 'Show',
    caption: (n: number) => `Workstations: ${n}`, workstation: 'Workstation', channel: 'Channel', os: 'OS', disk: 'Free disk',
    outbox: 'Outbox', quarantined: 'Quarantined', clock: 'Clock offset', lastSuccess: 'Last successful sync',
    lastError: 'Last error', never: 'never', none: '—', lang: 'Українською', langCode: 'uk', serverTime: 'Server time',
  },
} as const;

function esc(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function bytes(n: number | null): string {
  if (n === null) return '—';
  return `${(n / 1024 ** 3).toFixed(1)} GB`;
}

function offset(ms: number | null): string {
  if (ms === null) return '—';
  const s = Math.round(ms / 1000);
  return `${s > 0 ? '+' : ''}${s} s`;
}

/** A plain server-rendered page: a GET form for the filters and one table; no script. */
export function renderFleetPage(
  list: FleetList,
  choices: { centers: string[]; versions: string[] },
  filters: { center?: string; version?: string; stale: boolean },
  lang: 'uk' | 'en',
): string {
  const t = TEXT[lang];
  const option = (value: string, selected: string | undefined) => `<option value="${esc(value)}"${value === selected ? ' selected' : ''}>${esc(value)}</option>`;
  const rows = list.workstations
    .map(
      (w) => `<tr data-workstation="${esc(w.workstationId)}">
  <th scope="row">${esc(w.workstationId)}</th><td>${esc(w.centerId)}</td><td>${esc(w.version ?? t.none)}</td><td>${esc(w.channel ?? t.none)}</td>
  <td>${esc(w.os ?? t.none)}</td><td>${bytes(w.freeDiskBytes)}</td><td>${w.outboxSize ?? t.none}</td><td>${w.quarantinedOps ?? t.none}</td>
  <td>${offset(w.clockOffsetMs)}</td><td>${w.lastSuccessAt ? `<time datetime="${esc(w.lastSuccessAt)}">${esc(w.lastSuccessAt.replace('T', ' ').slice(0, 16))} UTC</time>` : t.never}</td>
  <td>${w.lastError ? `${esc(w.lastError.code)} (${esc(w.lastError.at.replace('T', ' ').slice(0, 16))} UTC)` : t.none}</td>
</tr>`,
    )
    .join('\n');
  const keep = new URLSearchParams({ ...(filters.center ? { center: filters.center } : {}), ...(filters.version ? { version: filters.version } : {}), ...(filters.stale ? { stale: '1' } : {}), lang: t.langCode });
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title}</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1a1a1a; background: #fff; }
  table { border-collapse: collapse; margin-top: 1rem; }
  th, td { border: 1px solid #767676; padding: .3rem .5rem; text-align: left; }
  caption { text-align: left; font-weight: bold; padding: .3rem 0; }
  form { display: flex; gap: 1rem; align-items: end; flex-wrap: wrap; }
  label { display: flex; flex-direction: column; gap: .2rem; }
  label.check { flex-direction: row; align-items: center; }
  a, button, select, input { font: inherit; }
  :focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
</style>
</head>
<body>
<header><p><a href="?${esc(keep.toString())}" lang="${t.langCode}">${t.lang}</a></p></header>
<main>
<h1>${t.title}</h1>
<form method="get" action="/admin/fleet">
  <input type="hidden" name="lang" value="${lang}">
  <label>${t.center}<select name="center"><option value="">${t.any}</option>${choices.centers.map((c) => option(c, filters.center)).join('')}</select></label>
  <label>${t.version}<select name="version"><option value="">${t.any}</option>${choices.versions.map((v) => option(v, filters.version)).join('')}</select></label>
  <label class="check"><input type="checkbox" name="stale" value="1"${filters.stale ? ' checked' : ''}> ${t.stale}</label>
  <button type="submit">${t.apply}</button>
</form>
<table>
<caption>${t.caption(list.workstations.length)} · ${t.serverTime}: ${esc(list.serverTime.replace('T', ' ').slice(0, 16))} UTC</caption>
<thead><tr><th scope="col">${t.workstation}</th><th scope="col">${t.center}</th><th scope="col">${t.version}</th><th scope="col">${t.channel}</th><th scope="col">${t.os}</th>
<th scope="col">${t.disk}</th><th scope="col">${t.outbox}</th><th scope="col">${t.quarantined}</th><th scope="col">${t.clock}</th><th scope="col">${t.lastSuccess}</th><th scope="col">${t.lastError}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</main>
</body>
</html>
`;
}
