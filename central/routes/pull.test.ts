import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PullPageSchema, type PullPage } from '../../shared/sync/pull';
import { CENTER, NOW, OTHER_CENTER, call, fileApplications, fileApplicationsInBulk, sampleIntake, seedWorld, type World } from '../test-fixtures';
import { ChangesFeed, MARK_PER_PULL } from '../services/changes';
import { effectsByApplication, startTempCentral, type TempCentral } from '../testing';

let server: TempCentral;
let world: World;
let clock = NOW;
beforeEach(async () => {
  clock = NOW;
  server = await startTempCentral({ now: () => clock });
  world = await seedWorld(server);
});
afterEach(() => server.dispose());

async function page(cursor: string | null, limit?: number, token = world.tokens.a) {
  const q = new URLSearchParams();
  if (cursor !== null) q.set('cursor', cursor);
  if (limit !== undefined) q.set('limit', String(limit));
  return call(server, 'GET', `/v1/centers/${CENTER}/changes?${q}`, { token });
}

async function pullAll(limit: number, from: string | null = null): Promise<{ pages: PullPage[]; cursor: string | null }> {
  const pages: PullPage[] = [];
  let cursor = from;
  for (;;) {
    const res = await page(cursor, limit);
    expect(res.status).toBe(200);
    const p = PullPageSchema.parse(res.json);
    pages.push(p);
    cursor = p.cursor;
    if (!p.hasMore) return { pages, cursor };
  }
}

/** A page as the changes feed service answers it, with what it marked received; any limit (the route's is 5,000 at most). */
async function feedBody(feed: ChangesFeed, cursor: string | undefined, limit: number): Promise<{ json: unknown; marked: number }> {
  const { body, marked } = await feed.page(CENTER, cursor, limit);
  const parts: Buffer[] = [];
  if (Buffer.isBuffer(body)) parts.push(body);
  else for await (const part of body) parts.push(Buffer.from(part as Buffer));
  return { json: JSON.parse(Buffer.concat(parts).toString('utf8')), marked };
}

/** A page of the service within what a pull answers (the wire's schema). */
async function feedPage(feed: ChangesFeed, cursor: string | undefined, limit: number): Promise<{ page: PullPage; marked: number }> {
  const { json, marked } = await feedBody(feed, cursor, limit);
  return { page: PullPageSchema.parse(json), marked };
}

/** How many of the center's applications the store holds in each status. */
async function statusCounts(): Promise<Record<string, number>> {
  const rows = await server.store.db
    .selectFrom('applications')
    .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
    .where('center_id', '=', CENTER)
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

describe('the changes feed', () => {
  it('pages through the center\'s applications in change order with an opaque cursor, and only that center\'s', async () => {
    await fileApplications(server, 7);
    await server.admin.intake(sampleIntake(100, { centerId: OTHER_CENTER, delivery: { method: 'pickup', centerId: OTHER_CENTER } }));
    const first = PullPageSchema.parse((await page(null, 3)).json);
    expect(first.changes.map((r) => r.id)).toEqual(['app-000001', 'app-000002', 'app-000003']);
    expect(first.hasMore).toBe(true);
    expect(first.cursor).toMatch(/^c1\.[0-9a-f]{12}\.\d+$/);
    const { pages } = await pullAll(3, first.cursor);
    const ids = pages.flatMap((p) => p.changes.map((r) => r.id));
    // Pages 2-3 bring 4..7, then the applications of page 1 come back marked received.
    expect(ids.slice(0, 4)).toEqual(['app-000004', 'app-000005', 'app-000006', 'app-000007']);
    expect(ids).not.toContain('app-000100');
  });

  it('answers 500 changes by default and at most 5000; a larger or non-numeric limit is a 400', async () => {
    await fileApplicationsInBulk(server, 520);
    const def = PullPageSchema.parse((await page(null)).json);
    expect(def.changes).toHaveLength(500);
    expect(def.hasMore).toBe(true);
    expect(PullPageSchema.parse((await page(null, 5000)).json).changes).toHaveLength(520);
    for (const bad of ['5001', '0', '-1', 'ten', '1.5']) {
      const res = await call(server, 'GET', `/v1/centers/${CENTER}/changes?limit=${bad}`, { token: world.tokens.a });
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ error: { code: 'invalid_request' } });
    }
  });

  it('marks received what the center pulled past: a history step and a version bump, arriving later in the same pull', async () => {
    await fileApplications(server, 4);
    const first = PullPageSchema.parse((await page(null, 2)).json);
    expect(first.changes.map((r) => [r.id, r.status, r.version])).toEqual([['app-000001', 'submitted', 1], ['app-000002', 'submitted', 1]]);
    // Nothing is marked until the workstation proves (with its next cursor) that it applied the page.
    expect((await server.admin.application('app-000001'))!.status).toBe('submitted');
    clock += 5_000;
    const { pages } = await pullAll(2, first.cursor);
    const seen = pages.flatMap((p) => p.changes.map((r) => [r.id, r.status, r.version]));
    expect(seen).toEqual([
      ['app-000003', 'submitted', 1], ['app-000004', 'submitted', 1],
      ['app-000001', 'received', 2], ['app-000002', 'received', 2],
      ['app-000003', 'received', 2], ['app-000004', 'received', 2],
    ]);
    const rec = (await server.admin.application('app-000001'))!;
    expect(rec.history.at(-1)).toEqual({ status: 'received', at: new Date(clock).toISOString(), operatorId: null, note: null });
  });

  it('applications on the last page of a pull are marked received by the next cycle\'s first request', async () => {
    await fileApplications(server, 2);
    const whole = PullPageSchema.parse((await page(null, 10)).json);
    expect(whole.hasMore).toBe(false);
    const next = PullPageSchema.parse((await page(whole.cursor)).json);
    expect(next.changes.map((r) => [r.id, r.status, r.version])).toEqual([['app-000001', 'received', 2], ['app-000002', 'received', 2]]);
    expect(next.hasMore).toBe(false);
    // Received once: a later cycle brings nothing new.
    expect(PullPageSchema.parse((await page(next.cursor)).json).changes).toEqual([]);
  });

  it('an empty feed answers an empty page whose cursor can be presented again', async () => {
    const p = PullPageSchema.parse((await page(null)).json);
    expect(p).toMatchObject({ changes: [], hasMore: false });
    const again = PullPageSchema.parse((await page(p.cursor)).json);
    expect(again).toEqual(p);
  });

  it('answers 409 reset for a cursor it cannot honour: unreadable, another epoch, beyond the newest change, or after a forced resync', async () => {
    await fileApplications(server, 2);
    const p = PullPageSchema.parse((await page(null)).json);
    const epoch = p.cursor.split('.')[1]!;
    for (const bad of ['garbage', 'c1.000000000000.1', `c1.${epoch}.99`, `c1.${epoch}.-1`, `c2.${epoch}.1`]) {
      const res = await page(bad);
      expect(res.status, bad).toBe(409);
      expect(res.json).toMatchObject({ error: { code: 'reset' } });
    }
    expect((await page(p.cursor)).status).toBe(200);
    const reset = await call(server, 'POST', '/v1/admin/reset-cursors', { token: server.adminToken });
    expect(reset.status).toBe(200);
    expect((await page(p.cursor)).status).toBe(409);
    // Resync from scratch works and brings every application again.
    const { pages } = await pullAll(10);
    expect(new Set(pages.flatMap((x) => x.changes.map((r) => r.id)))).toEqual(new Set(['app-000001', 'app-000002']));
  });

  it('a page longer than one read of the store comes whole and in change order, and stops at its limit at or past a read\'s end', async () => {
    // Reads of 4 rows, so 11 applications take three of them (the server reads FEED_READ_ROWS at a time).
    const feed = new ChangesFeed(server.store, server.services.meta, server.services.apps, () => clock, 4);
    const read = async (cursor: string | undefined, limit: number) => (await feedPage(feed, cursor, limit)).page;
    const ids = await fileApplications(server, 11);
    const whole = await read(undefined, 100);
    expect(whole.changes.map((r) => r.id)).toEqual(ids);
    expect(whole.hasMore).toBe(false);
    for (const limit of [8, 9, 3, 11]) {
      const first = await read(undefined, limit);
      expect(first.changes.map((r) => r.id), `limit ${limit}`).toEqual(ids.slice(0, limit));
      expect(first.hasMore, `limit ${limit}`).toBe(limit < 11);
    }
    // Its cursor stands at its last change: the rest follow, then what it passed, marked received by this request.
    const first = await read(undefined, 8);
    const next = await read(first.cursor, 100);
    expect(next.changes.map((r) => [r.id, r.status])).toEqual([
      ...ids.slice(8).map((id) => [id, 'submitted']),
      ...ids.slice(0, 8).map((id) => [id, 'received']),
    ]);
    expect(next.hasMore).toBe(false);
    // The same page over HTTP, as the route sends it.
    const overHttp = PullPageSchema.parse((await page(first.cursor, 100)).json);
    expect(overHttp.changes.map((r) => r.id)).toEqual(next.changes.map((r) => r.id));
  });

  it('a pull marks at most 5,000 applications received; the next marks the rest, and each arrives received exactly once', async () => {
    const waiting = MARK_PER_PULL + 300;
    const ids = await fileApplicationsInBulk(server, waiting);
    // A cursor that passed more waiting applications than one request may mark (a workstation whose pulls applied
    // them while nothing marked them): the service's page of all of them, longer than the route allows, gives it.
    // A page without a cursor marks nothing.
    const feed = new ChangesFeed(server.store, server.services.meta, server.services.apps, () => clock);
    const all = await feedBody(feed, undefined, waiting);
    const whole = all.json as { changes: { id: string; status: string }[]; cursor: string; hasMore: boolean };
    expect(all.marked).toBe(0);
    expect(whole.changes.map((r) => r.id)).toEqual(ids);
    expect(whole.hasMore).toBe(false);

    clock += 5_000;
    const first = await feedPage(feed, whole.cursor, MARK_PER_PULL);
    expect(first.marked).toBe(MARK_PER_PULL);
    expect(await statusCounts()).toEqual({ received: MARK_PER_PULL, submitted: waiting - MARK_PER_PULL });
    // The rest stay due: the next request with a cursor marks them, over HTTP as a workstation pulls.
    const { pages, cursor } = await pullAll(MARK_PER_PULL, first.page.cursor);
    expect(await statusCounts()).toEqual({ received: waiting });
    const again = await feedPage(feed, cursor ?? undefined, MARK_PER_PULL);
    expect(again).toMatchObject({ marked: 0, page: { changes: [], hasMore: false } });

    // Every application once in the pages after the first cursor, received, one version up, with one received step.
    const pulled = [first.page, ...pages].flatMap((p) => p.changes);
    expect(pulled.map((r) => r.id).sort()).toEqual(ids);
    const notReceivedOnce = pulled.filter((r) => r.status !== 'received' || r.version !== 2 || r.history.filter((h) => h.status === 'received').length !== 1);
    expect(notReceivedOnce.map((r) => [r.id, r.status, r.version])).toEqual([]);
    // The first request marked the first 5,000 in feed order, the next one the rest.
    expect(first.page.changes.map((r) => r.id)).toEqual(ids.slice(0, MARK_PER_PULL));
    expect(pages.flatMap((p) => p.changes.map((r) => r.id))).toEqual(ids.slice(MARK_PER_PULL));
    // Marked once each: one 'received' effect per application, none twice.
    const effects = await effectsByApplication(server);
    expect(ids.filter((id) => effects.get(id)?.filter((e) => e.kind === 'received').length !== 1)).toEqual([]);
  });

  it('a reset answer changes nothing: no application is marked received', async () => {
    await fileApplications(server, 2);
    await page(null);
    const before = await server.admin.counts();
    expect((await page('c1.000000000000.2')).status).toBe(409);
    expect(await server.admin.counts()).toEqual(before);
    expect((await server.admin.application('app-000001'))!.status).toBe('submitted');
  });
});
