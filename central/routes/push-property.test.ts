import fc from 'fast-check';
import { sql, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationRecordSchema } from '../../shared/domain/application';
import { OP_TYPES, PushResponseSchema } from '../../shared/sync/push';
import { ALL_TICKED, AUDIT_HEAD, CENTER, EXPLANATION, NOW, call, fileApplications, seedWorld, type World } from '../test-fixtures';
import { startTempCentral, type TempCentral } from '../testing';

let server: TempCentral;
let world: World;
beforeAll(async () => {
  server = await startTempCentral({ now: () => NOW });
  world = await seedWorld(server);
  await fileApplications(server, 8);
});
afterAll(() => server.dispose());

// Small pools so that random ops collide: the same op ids, applications and operators come up again and again.
const pooledOpIds = Array.from({ length: 12 }, (_, i) => `0190a8b0-0000-7000-8000-${String(i).padStart(12, '0')}`);
const apps = Array.from({ length: 8 }, (_, i) => `app-${String(i + 1).padStart(6, '0')}`);
const operators = ['op-admin-1', 'op-admin-1', 'op-admin-2', 'op-supervisor-1', 'op-lviv-1', 'op-nobody'];
const FACT_ARGS = { statusSeen: 'produced', statusAfter: 'ready_for_pickup', flag: null };

const argsFor: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  claim: fc.constant({}),
  release: fc.constantFrom({ releasedClaimOf: null }, {}),
  approve: fc.constantFrom({ manualChecks: ALL_TICKED }, { manualChecks: { ...ALL_TICKED, dataConsistent: false } }),
  refuse: fc.constantFrom({ reasonCode: 'not_in_register', explanation: EXPLANATION }, { reasonCode: 'nope', explanation: EXPLANATION }, { reasonCode: 'duplicate', explanation: 'коротко' }),
  'force_majeure.record': fc.record({
    periodId: fc.constantFrom('0190a8b0-0000-7000-8000-00000000f001', '0190a8b0-0000-7000-8000-00000000f002'),
    kind: fc.constantFrom('air_alarm', 'power_outage'),
    startsAt: fc.constant('2026-11-26T08:00:00Z'),
    endsAt: fc.constantFrom('2026-11-26T11:00:00Z', '2026-11-26T07:00:00Z'),
    note: fc.constantFrom('', 'x'),
  }),
  card_arrived: fc.constant({ ...FACT_ARGS, scannedBy: 'number', delivery: 'pickup' }),
  handed_over: fc.constant({ ...FACT_ARGS, identityDocumentChecked: true, identityDocumentType: 'id_card' }),
  shipped: fc.constant({ ...FACT_ARGS, batchId: 'b1', tracking: '0500101983180', trackingKind: 'domestic' }),
  printed: fc.constant({ ...FACT_ARGS, document: 'production_order', how: 'job_sent', copy: 0, batchId: null }),
};

/** A well-formed op of a random type, as a workstation's outbox writes it. */
const wellFormedOp = fc.constantFrom(...OP_TYPES).chain((type) =>
  fc.record({
    opId: fc.oneof(fc.uuid(), fc.constantFrom(...pooledOpIds)),
    seq: fc.integer({ min: 1, max: 100_000 }),
    scope: fc.constant(type === 'force_majeure.record' ? 'center' : 'application'),
    applicationId: type === 'force_majeure.record' ? fc.constant(null) : fc.constantFrom(...apps, 'app-missing'),
    type: fc.constant<string>(type),
    args: argsFor[type] ?? fc.constant({}),
    baseVersion: fc.option(fc.integer({ min: 0, max: 8 })),
    clientTime: fc.constantFrom('2026-11-27T09:00:00.000Z', '2026-11-27T09:00:00+02:00'),
    operatorId: fc.constantFrom(...operators),
  }),
);

/** A well-formed op with one field now and then dropped or replaced by something odd. */
const op = fc.tuple(
  wellFormedOp,
  fc.oneof(
    { weight: 10, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('opId', 'seq', 'scope', 'applicationId', 'type', 'args', 'baseVersion', 'clientTime', 'operatorId'), fc.option(fc.jsonValue({ maxDepth: 1 }))) },
  ),
).map(([o, change]) => {
  if (!change) return o as Record<string, unknown>;
  const [key, value] = change;
  const { [key]: _old, ...rest } = o as Record<string, unknown>;
  return value === null ? rest : { ...rest, [key]: value };
});

const envelope = fc.record({
  workstation: fc.oneof({ weight: 12, arbitrary: fc.constant('ws-a') }, { weight: 1, arbitrary: fc.constant('ws-b') }),
  schemaVersion: fc.oneof({ weight: 12, arbitrary: fc.constant(2) }, { weight: 1, arbitrary: fc.constantFrom(1, 3, '2') }),
  auditHead: fc.oneof({ weight: 12, arbitrary: fc.constant(AUDIT_HEAD) }, { weight: 1, arbitrary: fc.constant('nothex') }),
  // Now and then an op goes twice in one batch (the same op under a later seq), as a replayed outbox would send it.
  ops: fc.tuple(fc.array(op, { maxLength: 8 }), fc.nat(), fc.boolean()).map(([ops, i, replay]) =>
    replay && ops.length ? [...ops, { ...ops[i % ops.length]!, seq: 200_000 + i }] : ops),
});

/** What goes on the wire: an envelope, any JSON value, or text that may not be JSON at all (sent as application/json). */
const payload = fc.oneof(
  { weight: 8, arbitrary: envelope.map((value) => ({ value: value as unknown, text: JSON.stringify(value) })) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => ({ value: value as unknown, text: JSON.stringify(value) })) },
  { weight: 1, arbitrary: fc.string().map((text) => ({ value: undefined as unknown, text })) },
);

/** The store's invariants: records agree with their rows, claims with statuses, effects with versions and receipts. */
async function assertConsistent(): Promise<void> {
  const db = server.store.db;
  // A few grouped reads per round (not a query per row): the same on SQLite and PostgreSQL.
  const counted = async (query: RawBuilder<{ k: string; n: number }>) => new Map((await query.execute(db)).rows.map((r) => [r.k, Number(r.n)]));
  const effectsByApp = await counted(sql`SELECT application_id AS k, count(*) AS n FROM effects WHERE application_id IS NOT NULL GROUP BY application_id`);
  const stillFactsByApp = await counted(sql`SELECT application_id AS k, count(*) AS n FROM facts WHERE status_after = status_seen GROUP BY application_id`);
  const effectsByOp = await counted(sql`SELECT op_id AS k, count(*) AS n FROM effects WHERE op_id IS NOT NULL GROUP BY op_id`);
  const claims = new Map((await db.selectFrom('claims').select(['application_id', 'operator_id']).execute()).map((c) => [c.application_id, c.operator_id]));
  const rows = await db.selectFrom('applications').select(['id', 'status', 'version', 'record']).execute();
  for (const row of rows) {
    const record = ApplicationRecordSchema.parse(JSON.parse(row.record));
    expect([record.status, record.version]).toEqual([row.status, row.version]);
    expect(record.history).toHaveLength(record.version);
    // One effect per version step, plus one per fact that left the status where it was.
    expect(effectsByApp.get(row.id) ?? 0).toBe(record.version + (stillFactsByApp.get(row.id) ?? 0));
    const claim = claims.get(row.id);
    expect(claim !== undefined).toBe(record.status === 'in_review');
    if (claim !== undefined) expect(record.claim?.operatorId).toBe(claim);
  }
  const receipts = await db.selectFrom('receipts').select(['op_id', 'result']).execute();
  for (const r of receipts) {
    const applied = (JSON.parse(r.result) as { result: string }).result === 'applied';
    expect(effectsByOp.get(r.op_id) ?? 0).toBe(applied ? 1 : 0);
  }
}

describe('push with random payloads', () => {
  it('never answers 5xx and never writes part of a request (fixed seed)', async () => {
    const seen: Record<string, number> = { ok: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(payload, async ({ value, text }) => {
        const before = await server.admin.counts();
        const res = await call(server, 'POST', `/v1/centers/${CENTER}/push`, { token: world.tokens.a, body: text });
        expect(res.status).toBeLessThan(500);
        if (res.status !== 200) {
          expect([400, 403, 409, 413]).toContain(res.status);
          expect(res.json).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
          expect(await server.admin.counts()).toEqual(before);
          seen.refused!++;
        } else {
          const { results } = PushResponseSchema.parse(res.json);
          expect(results).toHaveLength((value as { ops: unknown[] }).ops.length);
          seen.ok!++;
          for (const r of results) seen[r.result] = (seen[r.result] ?? 0) + 1;
        }
        await assertConsistent();
      }),
      { seed: 42, numRuns: 200 },
    );
    // The generator reaches every branch: whole-request refusals, and batches where ops apply, repeat and fail.
    expect(seen.ok).toBeGreaterThan(100);
    expect(seen.refused).toBeGreaterThan(10);
    for (const kind of ['applied', 'duplicate', 'conflict', 'rejected']) expect(seen[kind], kind).toBeGreaterThan(5);
  });
});
