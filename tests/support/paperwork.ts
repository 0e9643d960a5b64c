import type { Db } from '../../electron/core/store/database';
import type { ApplicationRecord } from '../../shared/domain/application';
import { writeSnapshot, type TestCore } from './deciding';

/** Everything a refused paperwork call must leave as it was: the deciding tables and the paperwork ones. */
export function paperworkSnapshot(db: Db) {
  return {
    ...writeSnapshot(db),
    facts: db.prepare('SELECT count(*) FROM paperwork_facts').pluck().get() as number,
    flags: db.prepare('SELECT * FROM review_flags ORDER BY id').all(),
    batches: db.prepare('SELECT * FROM shipment_batches ORDER BY id').all(),
    parcels: db.prepare('SELECT * FROM shipment_parcels ORDER BY batch_id, application_id').all(),
  };
}

/** Calls a method that must be refused with `code` and a sentence, and checks that nothing was written. */
export async function expectRefusedAndNothingWritten(t: TestCore, method: string, input: unknown, code: string): Promise<string> {
  const before = paperworkSnapshot(t.core.db);
  const r = await t.call(method as 'session.info', input);
  if (r.ok) throw new Error(`${method} was expected to fail with ${code} but succeeded`);
  if (r.error.code !== code) throw new Error(`${method} failed with ${r.error.code} (${r.error.message}), expected ${code}`);
  // Our own refusals end as sentences; schema failures (invalid_input) carry zod's wording after a sentence start.
  if (!(code === 'invalid_input' ? /^[A-Z]/ : /^[A-Z].*[.;]$/).test(r.error.message)) throw new Error(`the message is not a sentence: ${r.error.message}`);
  const after = paperworkSnapshot(t.core.db);
  if (JSON.stringify(after) !== JSON.stringify(before)) throw new Error(`${method} wrote something although it was refused`);
  return r.error.message;
}

/** An address for Ukrposhta delivery. */
export const POST_DELIVERY: ApplicationRecord['delivery'] = {
  method: 'ukrposhta',
  address: { postcode: '79000', region: 'Львівська обл.', locality: 'Львів', street: 'вул. Городоцька', building: '5', apartment: '12' },
  recipientPhone: '+380671234567',
};

export const DAY_MS = 86_400_000;
