import { openCore } from '../electron/core';

/** Opens the core on a data folder, scrolls the whole queue page by page, and prints resident memory in MB. */
const dataDir = process.argv[2]!;
const core = await openCore({ dataDir, now: () => Date.parse('2026-11-27T08:00:00Z'), logDir: `${dataDir}/../logs-mem` });
const f = core.facade;
await f['auth.signIn']({ login: 'admin', password: 'admin-training-1' });
const filter = { statuses: [], deadline: [], services: [], delivery: [], search: '' };
await f['queue.counts']({ filter });
let offset = 0;
let total = 1;
let peak = 0;
while (offset < total) {
  const page = await f['queue.page']({ filter, sort: { column: 'applicant', direction: 'asc' }, offset, limit: 500 });
  total = page.total;
  offset += 500;
  if (offset % 20_000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
}
await f['queue.page']({ filter: { ...filter, search: 'шев' }, sort: { column: 'dueAt', direction: 'asc' }, offset: 0, limit: 50 });
peak = Math.max(peak, process.memoryUsage().rss);
await core.close();
console.log(JSON.stringify({ rss: Math.round(peak / 1048576) }));
