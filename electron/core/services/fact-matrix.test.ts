import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationRecord } from '../../../shared/domain/application';
import { FACT_OP_ARGS, type FactKind } from '../../../shared/domain/facts';
import { STATUSES, type Status } from '../../../shared/domain/status';
import { ADMIN, loadRecords, openTestCore, type TestCore } from '../../../tests/support/deciding';
import { expectedOutcome, FACT_COLUMNS, FACT_TABLE, PRINT_COLUMNS, PRINT_TABLE, type Cell } from '../../../tests/support/fact-matrix';
import { makeRecord } from '../../../tests/support/records';

/**
 * The whole facts table through the contract: every status × every fact (arrival for pickup and for Ukrposhta,
 * hand-over, shipment, and a print of each document). Every cell is recorded (a fact row, an outbox op, an audit
 * entry); the status moves only where the table says, and an odd fact lands on the review list with its reason.
 * Shipments need a batch, which only takes cards awaiting shipment: those applications are batched first, then
 * a newer record in the cell's status arrives by pull (as a cancellation from the central server would).
 */
type Column = (typeof FACT_COLUMNS)[number] | `printed:${(typeof PRINT_COLUMNS)[number]}`;
const COLUMNS: Column[] = [...FACT_COLUMNS, ...PRINT_COLUMNS.map((d) => `printed:${d}` as const)];
const cellOf = (status: Status, column: Column): Cell =>
  column.startsWith('printed:') ? PRINT_TABLE[status][PRINT_COLUMNS.indexOf(column.slice(8) as never)]! : FACT_TABLE[status][FACT_COLUMNS.indexOf(column as never)]!;

const cells = STATUSES.flatMap((status) => COLUMNS.map((column) => ({ status, column })));
const idOf = (i: number) => `app-${String(i + 1).padStart(6, '0')}`;
const numberOf = (i: number) => `2026-${String(i + 1).padStart(6, '0')}`;
const POST = { method: 'ukrposhta' as const, address: { postcode: '79000', region: 'Львівська', locality: 'Львів', street: 'вул. Городоцька', building: '5' }, recipientPhone: '+380671234567' };

function recordFor(i: number, status: Status, column: Column): ApplicationRecord {
  const ukrposhta = column === 'arrived_ukrposhta' || column === 'shipped';
  return makeRecord(i + 1, { status: column === 'shipped' ? 'awaiting_shipment' : status, ...(ukrposhta ? { delivery: POST } : {}) });
}

const batchOf = new Map<number, string>();
let t: TestCore;
beforeAll(async () => {
  t = await openTestCore({ records: cells.map((c, i) => recordFor(i, c.status, c.column)) });
  await t.signIn(ADMIN);
  const later: ApplicationRecord[] = [];
  for (const [i, c] of cells.entries()) {
    if (c.column !== 'shipped') continue;
    const { batch } = await t.ok<{ batch: { id: string } }>('shipping.createBatch', { applicationIds: [idOf(i)] });
    await t.ok('shipping.setTracking', { batchId: batch.id, applicationId: idOf(i), tracking: `05001${String(i).padStart(8, '0')}` });
    batchOf.set(i, batch.id);
    if (c.status !== 'awaiting_shipment') later.push(makeRecord(i + 1, { status: c.status, version: 2, delivery: POST }));
  }
  loadRecords(t.core.db, later);
});
afterAll(async () => t?.dispose());

const count = (table: string) => t.core.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

function call(i: number, column: Column) {
  if (column === 'arrived_pickup' || column === 'arrived_ukrposhta') return t.call('handover.cardArrived', { number: numberOf(i).replace('-', '') });
  if (column === 'handed_over') return t.call('handover.issue', { id: idOf(i), identityDocumentChecked: true, identityDocumentNumber: '001 234 567' });
  if (column === 'shipped') return t.call('shipping.markShipped', { batchId: batchOf.get(i) });
  return t.call('prints.record', { applicationIds: [idOf(i)], document: column.slice(8), how: 'operator_confirmed' });
}

describe('facts matrix: every status × every fact, recorded, through the contract', () => {
  it.each(cells.map((c, i) => [c.status, c.column, cellOf(c.status, c.column), i] as const))('%s × %s → %s', async (status, column, cell, i) => {
    const id = idOf(i);
    const want = expectedOutcome(cell, status);
    const before = { outbox: count('outbox'), audit: count('audit_log'), facts: count('paperwork_facts'), flags: count('review_flags') };
    const result = await call(i, column);
    expect(result.ok).toBe(true);
    const value = (result as { value: Record<string, unknown> }).value;
    const fact = column === 'shipped' ? (value.shipped as unknown[])[0] : column.startsWith('printed:') ? (value.prints as unknown[])[0] : value.fact;
    expect(fact).toMatchObject(column.startsWith('printed:') ? { applicationId: id, flag: want.flag } : { applicationId: id, statusSeen: status, statusAfter: want.next, moved: want.moved, flag: want.flag });

    expect(t.core.db.prepare('SELECT status FROM applications WHERE id = ?').pluck().get(id)).toBe(want.next);
    expect(count('paperwork_facts')).toBe(before.facts + 1);
    expect(count('outbox')).toBe(before.outbox + 1);
    expect(count('audit_log')).toBe(before.audit + (column === 'shipped' ? 2 : 1)); // a batch adds its own entry
    expect(count('review_flags')).toBe(before.flags + (want.flag ? 1 : 0));
    const op = t.core.db.prepare('SELECT type, application_id, operator_id, args FROM outbox ORDER BY seq DESC LIMIT 1').get() as Record<string, string>;
    expect(op).toMatchObject({ type: column.startsWith('printed:') ? 'printed' : column.startsWith('arrived') ? 'card_arrived' : column, application_id: id, operator_id: ADMIN.id });
    expect(JSON.parse(op.args!)).toMatchObject({ statusSeen: status, statusAfter: want.next, flag: want.flag });
    // The args are what the central server will read: they match the shared wire schema of their op type.
    expect(() => FACT_OP_ARGS[op.type as FactKind].strict().parse(JSON.parse(op.args!))).not.toThrow();
    if (want.flag) {
      expect(t.core.db.prepare('SELECT reason, operator_id FROM review_flags WHERE application_id = ?').get(id)).toEqual({ reason: want.flag, operator_id: ADMIN.id });
    }
  });

  it('covers every status and every fact, and nothing local ever set produced', () => {
    expect(new Set(cells.map((c) => c.status)).size).toBe(STATUSES.length);
    expect(cells).toHaveLength(STATUSES.length * (4 + 6));
    const produced = t.core.db.prepare("SELECT count(*) FROM paperwork_facts WHERE status_after = 'produced' AND status_seen <> 'produced'").pluck().get();
    expect(produced).toBe(0);
  });
});
