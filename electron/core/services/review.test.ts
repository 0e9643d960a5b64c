import { afterEach, describe, expect, it } from 'vitest';
import type { ReviewItem } from '../../../shared/api/paperwork';
import { ADMIN, openTestCore, SUPERVISOR, type TestCore } from '../../../tests/support/deciding';
import { expectRefusedAndNothingWritten } from '../../../tests/support/paperwork';
import { makeRecord } from '../../../tests/support/records';

let t: TestCore;
afterEach(async () => t?.dispose());

type List = { items: ReviewItem[]; open: number };
const HOSTILE = `<img src=x onerror=alert(1)>'); DROP TABLE review_flags;-- ‮gnp.exe ${'"'}\u0000 «КОПІЯ»`;

async function flaggedCore() {
  t = await openTestCore({ records: [makeRecord(1, { status: 'cancelled' }), makeRecord(2, { status: 'refused' })] });
  await t.signIn(ADMIN);
  await t.ok('handover.cardArrived', { number: '2026-000001' });
  t.clock.now += 60_000;
  await t.ok('prints.record', { applicationIds: ['app-000002'], document: 'handover_receipt', how: 'pdf_saved' });
}

describe('the supervisor review list', () => {
  it('lists odd facts with the reason, the time and the operator, newest first; only a supervisor sees or resolves it', async () => {
    await flaggedCore();
    await expectRefusedAndNothingWritten(t, 'review.list', {}, 'forbidden');
    await t.signIn(SUPERVISOR);
    const list = await t.ok<List>('review.list', {});
    expect(list.open).toBe(2);
    expect(list.items.map((i) => [i.applicationNumber, i.fact, i.reason, i.operatorId, i.operatorName, i.statusSeen, i.resolved])).toEqual([
      ['2026-000002', 'printed', 'document_not_applicable', ADMIN.id, 'Name of op-a', 'refused', null],
      ['2026-000001', 'card_arrived', 'after_cancellation', ADMIN.id, 'Name of op-a', 'cancelled', null],
    ]);
    const id = list.items[0]!.id;
    await t.signIn(ADMIN);
    await expectRefusedAndNothingWritten(t, 'review.resolve', { id, note: 'Handled.' }, 'forbidden');
  });

  it('resolving stores the note exactly as typed (hostile text is only text) and audits it; resolving twice is refused', async () => {
    await flaggedCore();
    await t.signIn(SUPERVISOR);
    const [first] = (await t.ok<List>('review.list', {})).items;
    const r = await t.ok<{ item: ReviewItem }>('review.resolve', { id: first!.id, note: `  ${HOSTILE}\n` });
    expect(r.item.resolved).toMatchObject({ operatorId: SUPERVISOR.id, operatorName: 'Name of op-s', note: HOSTILE });
    expect(t.core.db.prepare('SELECT resolution_note FROM review_flags WHERE id = ?').pluck().get(first!.id)).toBe(HOSTILE);
    expect(t.core.db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'review_flags'").pluck().get()).toBe(1);
    expect(t.core.db.prepare("SELECT entity_id FROM audit_log WHERE action = 'review.resolve'").pluck().all()).toEqual([first!.id]);

    const open = await t.ok<List>('review.list', {});
    expect([open.open, open.items.length]).toEqual([1, 1]);
    const all = await t.ok<List>('review.list', { includeResolved: true });
    expect(all.items.find((i) => i.id === first!.id)?.resolved?.note).toBe(HOSTILE);
    expect(await expectRefusedAndNothingWritten(t, 'review.resolve', { id: first!.id, note: 'Again.' }, 'review_already_resolved')).toContain('Name of op-s');
  });

  it('refuses an empty note, an over-long note and an unknown item, writing nothing', async () => {
    await flaggedCore();
    await t.signIn(SUPERVISOR);
    const [first] = (await t.ok<List>('review.list', {})).items;
    await expectRefusedAndNothingWritten(t, 'review.resolve', { id: first!.id, note: '' }, 'note_required');
    await expectRefusedAndNothingWritten(t, 'review.resolve', { id: first!.id, note: ' \n\t ' }, 'note_required');
    await expectRefusedAndNothingWritten(t, 'review.resolve', { id: first!.id, note: 'я'.repeat(2001) }, 'invalid_input');
    await expectRefusedAndNothingWritten(t, 'review.resolve', { id: 'no-such-item', note: 'Handled.' }, 'not_found');
  });
});
