import { afterEach, describe, expect, it } from 'vitest';
import { QueueFilterSchema } from '../../../shared/api/queue';
import { AppError } from '../../../shared/api/errors';
import { makeRecord } from '../../../tests/support/records';
import { tempStore } from '../../../tests/support/store';
import { PULL_CURSOR_KEY } from './pull-apply';

const NOW = Date.parse('2026-11-27T08:00:00Z');
let store: ReturnType<typeof tempStore>;
afterEach(() => store?.dispose());

const cursor = () => store.db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(PULL_CURSOR_KEY);
const search = (q: string) => store.queries.page(QueueFilterSchema.parse({ search: q }), { column: 'number', direction: 'asc' }, 0, 50, NOW);

describe('pull apply', () => {
  it('inserts a page and stores its cursor in the same transaction', () => {
    store = tempStore();
    const r = store.applier.apply({ changes: [makeRecord(1), makeRecord(2)], cursor: 'c-2', hasMore: false });
    expect(r).toMatchObject({ inserted: 2, updated: 0, stale: 0 });
    expect(cursor()).toBe('c-2');
  });

  it('replaces a record only with a newer version, and re-indexes its name', () => {
    store = tempStore();
    store.applier.apply({ changes: [makeRecord(1, { version: 3 })], cursor: 'a', hasMore: false });
    const older = makeRecord(1, { version: 2, status: 'cancelled', applicant: { surname: 'Стара' } });
    expect(store.applier.apply({ changes: [older], cursor: 'b', hasMore: false })).toMatchObject({ stale: 1, updated: 0 });
    expect(search('Шевченко').rows[0]!.status).toBe('submitted');
    const newer = makeRecord(1, { version: 4, status: 'in_review', applicant: { surname: 'Нова' } });
    expect(store.applier.apply({ changes: [newer], cursor: 'c', hasMore: false })).toMatchObject({ updated: 1 });
    expect(search('Шевченко').total).toBe(0);
    expect(search('Нова').rows[0]!.status).toBe('in_review');
    expect(store.db.prepare('SELECT count(*) FROM applications').pluck().get()).toBe(1);
    expect(cursor()).toBe('c');
  });

  it('applies the same page twice without duplicating anything', () => {
    store = tempStore();
    const page = { changes: [makeRecord(1), makeRecord(2)], cursor: 'x', hasMore: false };
    store.applier.apply(page);
    expect(store.applier.apply(page)).toMatchObject({ inserted: 0, updated: 0, stale: 2 });
    expect(search('Шевченко').total).toBe(2);
  });

  it('rejects a malformed page from the network with a clear error and writes nothing', () => {
    store = tempStore();
    store.applier.apply({ changes: [makeRecord(1)], cursor: 'good', hasMore: false });
    const bad = [
      null,
      'not a page',
      { changes: [makeRecord(2), { ...makeRecord(3), status: 'teleported' }], cursor: 'bad', hasMore: false },
      { changes: [makeRecord(2)], cursor: '', hasMore: false },
      { changes: [{ ...makeRecord(2), applicant: { ...makeRecord(2).applicant, address: { postcode: '1234' } } }], cursor: 'bad', hasMore: false },
      { changes: [makeRecord(2)], cursor: 'bad' },
    ];
    for (const raw of bad) {
      expect(() => store.applier.applyUntrusted(raw)).toThrow(AppError);
    }
    try {
      store.applier.applyUntrusted(bad[2]);
    } catch (err) {
      expect((err as AppError).code).toBe('invalid_pull_page');
      expect((err as AppError).message).toMatch(/changes\.1\.status/);
    }
    expect(store.db.prepare('SELECT count(*) FROM applications').pluck().get()).toBe(1);
    expect(cursor()).toBe('good');
  });

  it('rolls back the whole page when one record fails to store', () => {
    store = tempStore();
    store.db.exec("CREATE TRIGGER fail_on_poison BEFORE INSERT ON applications WHEN NEW.number = '2026-000003' BEGIN SELECT RAISE(ABORT, 'poison'); END");
    expect(() => store.applier.apply({ changes: [makeRecord(1), makeRecord(2), makeRecord(3)], cursor: 'p', hasMore: false })).toThrow(/poison/);
    expect(store.db.prepare('SELECT count(*) FROM applications').pluck().get()).toBe(0);
    expect(store.db.prepare('SELECT count(*) FROM applicant_fts').pluck().get()).toBe(0);
    expect(cursor()).toBeUndefined();
  });

  it('stores the decision deadline computed from the submission time and the center force majeure', () => {
    store = tempStore();
    store.db.prepare("INSERT INTO force_majeure_periods (id, center_id, kind, starts_at, ends_at, recorded_at) VALUES ('fm1', 'sc-8041', 'air_alarm', ?, ?, 0)")
      .run(Date.parse('2026-11-17T08:00:00Z'), Date.parse('2026-11-17T11:00:00Z'));
    store.applier.apply({ changes: [makeRecord(1, { submittedAt: '2026-11-16T09:00:00.000Z' })], cursor: 'd', hasMore: false });
    const row = search('Шевченко').rows[0]!;
    expect(row.dueAt).toBe('2026-12-01T21:59:59.999Z');
    expect(row.extendedDays).toBe(1);
  });

  it('recomputes stored deadlines when a period is recorded later', () => {
    store = tempStore();
    store.applier.apply({ changes: [makeRecord(1, { submittedAt: '2026-11-16T09:00:00.000Z' })], cursor: 'd', hasMore: false });
    expect(search('Шевченко').rows[0]!.dueAt).toBe('2026-11-30T21:59:59.999Z');
    store.db.prepare("INSERT INTO force_majeure_periods (id, center_id, kind, starts_at, ends_at, recorded_at) VALUES ('fm1', 'sc-8041', 'power_outage', ?, ?, 0)")
      .run(Date.parse('2026-11-18T06:00:00Z'), Date.parse('2026-11-18T14:00:00Z'));
    expect(store.deadlines.recompute('sc-8041')).toBe(1);
    expect(search('Шевченко').rows[0]!.dueAt).toBe('2026-12-01T21:59:59.999Z');
  });
});
