import { openCore } from '../electron/core';
import { withCaller } from '../electron/core/services/caller';

/** Opens the core on a data folder, scrolls the whole queue page by page, and prints resident memory in MB. */
const dataDir = process.argv[2]!;
const core = await openCore({ dataDir, now: () => Date.parse('2026-11-27T08:00:00Z'), logDir: `${dataDir}/../logs-mem` });
const f = core.facade;
const { session } = await f['auth.signIn']({ login: 'admin', password: 'admin-training-1' });
// The facade is called directly, as the signed-in window's session (what dispatch does for a transport).
const peak = await withCaller({ session }, async () => {
  const filter = { statuses: [], deadline: [], services: [], delivery: [], search: '' };
  await f['queue.counts']({ filter });
  let offset = 0;
  let total = 1;
  let highest = 0;
  while (offset < total) {
    const page = await f['queue.page']({ filter, sort: { column: 'applicant', direction: 'asc' }, offset, limit: 500 });
    total = page.total;
    offset += 500;
    if (offset % 20_000 === 0) highest = Math.max(highest, process.memoryUsage().rss);
  }
  await f['queue.page']({ filter: { ...filter, search: 'шев' }, sort: { column: 'dueAt', direction: 'asc' }, offset: 0, limit: 50 });
  return Math.max(highest, process.memoryUsage().rss);
});
await core.close();
console.log(JSON.stringify({ rss: Math.round(peak / 1048576) }));
