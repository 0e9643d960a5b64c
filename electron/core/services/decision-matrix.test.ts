import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUSES, type Status } from '../../../shared/domain/status';
import type { ApplicationRecord } from '../../../shared/domain/application';
import { ADMIN, ADMIN2, openTestCore, SUPERVISOR, writeSnapshot, type TestCore, type TestOperator } from '../../../tests/support/deciding';
import { makeRecord } from '../../../tests/support/records';

/**
 * The whole status machine for decisions: every status × claim/release/approve/refuse, for both roles, through
 * the contract. In review is split by who holds the claim: the caller, another operator at this workstation, or
 * an operator at another workstation (known only from the pulled history). Each cell states the documented next
 * status or the error code; an error must leave applications, outbox and audit log exactly as they were.
 */
type Variant = Exclude<Status, 'in_review'> | 'in_review:mine' | 'in_review:other_here' | 'in_review:other_server';
type Action = 'claim' | 'release' | 'approve' | 'refuse';
type Expected = { next: Status } | { error: string };

const VARIANTS: Variant[] = STATUSES.flatMap((s): Variant[] => (s === 'in_review' ? ['in_review:mine', 'in_review:other_here', 'in_review:other_server'] : [s]));
const ACTIONS: Action[] = ['claim', 'release', 'approve', 'refuse'];
const DECIDED: Status[] = ['approved', 'produced', 'ready_for_pickup', 'awaiting_shipment', 'shipped', 'returned', 'issued', 'delivered', 'refused'];

/** The documented table, written out rather than derived from the code under test. */
function expected(variant: Variant, action: Action, role: TestOperator['role']): Expected {
  if (variant === 'cancelled') return { error: 'application_cancelled' };
  if ((DECIDED as string[]).includes(variant)) return { error: 'already_decided' };
  const other = variant === 'in_review:other_here' || variant === 'in_review:other_server';
  switch (action) {
    case 'claim':
      if (variant === 'submitted' || variant === 'received') return { next: 'in_review' };
      return { error: variant === 'in_review:mine' ? 'already_claimed' : 'claimed_by_other' };
    case 'release':
      if (variant === 'submitted' || variant === 'received') return { error: 'not_claimed' };
      if (other && role !== 'supervisor') return { error: 'claimed_by_other' };
      return { next: 'received' };
    case 'approve':
    case 'refuse':
      if (variant === 'submitted' || variant === 'received') return { error: 'claim_required' };
      if (other) return { error: 'claimed_by_other' };
      return { next: action === 'approve' ? 'approved' : 'refused' };
  }
}

const INPUTS: Record<Action, (id: string) => unknown> = {
  claim: (id) => ({ id }),
  release: (id) => ({ id }),
  approve: (id) => ({ id, manualChecks: { photoSignatureSuitable: true, dataConsistent: true, deliveryDetailsComplete: true } }),
  refuse: (id) => ({ id, reasonCode: 'duplicate', explanation: 'Заява дублює вже прийняту в роботу заяву.' }),
};

const ROLES: TestOperator[] = [ADMIN, SUPERVISOR];
const cells = ROLES.flatMap((op) => VARIANTS.flatMap((variant) => ACTIONS.map((action) => ({ op, variant, action }))));
const idOf = (i: number) => `app-${String(i + 1).padStart(6, '0')}`;

function recordFor(i: number, variant: Variant): ApplicationRecord {
  const base = makeRecord(i + 1);
  if (variant === 'in_review:other_server') {
    return { ...base, status: 'in_review', history: [...base.history, { status: 'in_review', at: '2026-11-17T09:00:00.000Z', operatorId: 'op-elsewhere', note: null }] };
  }
  if (variant.startsWith('in_review')) return { ...base, status: 'received' }; // claimed through the API below
  return { ...base, status: variant as Status };
}

let t: TestCore;
beforeAll(async () => {
  t = await openTestCore({ records: cells.map((c, i) => recordFor(i, c.variant)) });
  // Claims made here, as they happen: by the caller of the cell, or by another operator of this workstation.
  for (const holder of [ADMIN, SUPERVISOR, ADMIN2]) {
    await t.signIn(holder);
    for (const [i, c] of cells.entries()) {
      const claimant = c.variant === 'in_review:mine' ? c.op : c.variant === 'in_review:other_here' ? ADMIN2 : null;
      if (claimant === holder) await t.ok('application.claim', { id: idOf(i) });
    }
  }
});
afterAll(async () => t?.dispose());

describe('decision matrix: every status × every decision, for an administrator and a supervisor', () => {
  it.each(cells.map((c, i) => [c.op.role, c.variant, c.action, i] as const))('%s: %s × %s', async (_role, variant, action, i) => {
    const { op } = cells[i]!;
    await t.signIn(op);
    const id = idOf(i);
    const before = writeSnapshot(t.core.db);
    const want = expected(variant, action, op.role);
    const result = await t.call(`application.${action}`, INPUTS[action](id));
    const after = writeSnapshot(t.core.db);
    if ('error' in want) {
      expect(result).toMatchObject({ ok: false, error: { code: want.error } });
      expect(!result.ok && result.error.message).toMatch(/^[A-Z].*[.;]/);
      expect(after).toEqual(before);
    } else {
      expect(result).toMatchObject({ ok: true, value: { application: { record: { id, status: want.next } } } });
      expect(t.core.db.prepare('SELECT status FROM applications WHERE id = ?').pluck().get(id)).toBe(want.next);
      expect(after.outbox).toBe(before.outbox + 1);
      expect(after.audit).toBe(before.audit + 1);
      const op = t.core.db.prepare('SELECT type, application_id, operator_id FROM outbox ORDER BY seq DESC LIMIT 1').get();
      expect(op).toEqual({ type: action, application_id: id, operator_id: cells[i]!.op.id });
    }
  });

  it('covers every status of the machine', () => {
    const covered = new Set(cells.map((c) => c.variant.split(':')[0]));
    expect([...covered].sort()).toEqual([...STATUSES].sort());
    expect(cells).toHaveLength(2 * (STATUSES.length + 2) * 4);
  });
});
