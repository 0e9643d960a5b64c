import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueueFilterSchema, SORT_COLUMNS, type QueueFilterInput } from '../../../shared/api/queue';
import type { ApplicationRecord } from '../../../shared/domain/application';
import { makeRecord, type RecordOverrides } from '../../../tests/support/records';
import { tempStore } from '../../../tests/support/store';

const NOW = Date.parse('2026-11-27T08:00:00Z'); // Friday; "due soon" runs to the end of Monday 30 Nov
const store = tempStore();

function rec(n: number, surname: string, givenName: string, over: RecordOverrides = {}): ApplicationRecord {
  const base = makeRecord(n, over);
  return {
    ...base,
    applicant: {
      ...base.applicant,
      surname,
      givenName,
      rnokpp: `31198045${String(n).padStart(2, '0')}`,
      phone: `+3806712345${String(n).padStart(2, '0')}`,
    },
    licence: { ...base.licence, number: `ВХА1234${String(n).padStart(2, '0')}` },
  };
}

const records = [
  rec(1, 'Шевченко', 'Тарас', { submittedAt: '2026-11-16T09:00:00.000Z' }), // due 30 Nov: due soon
  rec(2, 'Ґава', 'Олена', { submittedAt: '2026-11-12T09:00:00.000Z' }), // due 26 Nov: overdue
  rec(3, 'Гавриленко', 'Петро', { status: 'in_review', submittedAt: '2026-11-25T09:00:00.000Z' }), // on time
  rec(4, 'Єрмак', 'Ігор', { status: 'approved', submittedAt: '2026-11-10T09:00:00.000Z' }),
  rec(5, 'Іваненко', 'Оксана', { status: 'refused', submittedAt: '2026-11-09T09:00:00.000Z' }),
  rec(6, 'Їжак', 'Богдан', {
    status: 'received', service: 'renewal', ground: 'loss', submittedAt: '2026-11-26T09:00:00.000Z',
    delivery: { method: 'ukrposhta', recipientPhone: '+380671234506', address: { postcode: '79000', region: 'Львівська', locality: 'Львів', street: 'вул. Городоцька', building: '5' } },
  }),
  rec(7, 'Коваль', 'Мар\u2019яна', { submittedAt: '2026-11-24T09:00:00.000Z' }),
  rec(8, 'Абрамович', 'Денис', { status: 'cancelled', submittedAt: '2026-11-02T09:00:00.000Z' }),
  rec(9, '"; DROP TABLE applications; --', 'NEAR', { submittedAt: '2026-11-24T09:00:00.000Z' }),
  rec(10, 'Иванишин', 'Павло', { submittedAt: '2026-11-23T09:00:00.000Z' }),
];

beforeAll(() => {
  store.load(records);
});
afterAll(() => store.dispose());

const page = (filter: QueueFilterInput = {}, column: (typeof SORT_COLUMNS)[number] = 'dueAt', direction: 'asc' | 'desc' = 'asc') =>
  store.queries.page(QueueFilterSchema.parse(filter), { column, direction }, 0, 50, NOW);
const names = (filter: QueueFilterInput = {}, column: (typeof SORT_COLUMNS)[number] = 'applicant', direction: 'asc' | 'desc' = 'asc') =>
  page(filter, column, direction).rows.map((r) => r.applicantName.split(' ')[0]);

describe('queue page', () => {
  it('sorts applicants in Ukrainian alphabet order (Г before Ґ, Е before Є, И before І before Ї)', () => {
    expect(names().slice(0, 9)).toEqual(['Абрамович', 'Гавриленко', 'Ґава', 'Єрмак', 'Иванишин', 'Іваненко', 'Їжак', 'Коваль', 'Шевченко']);
    expect(names({}, 'applicant', 'desc').slice(1, 4)).toEqual(['Шевченко', 'Коваль', 'Їжак']);
  });

  it('sorts by every column in both directions and returns every row exactly once', () => {
    for (const column of SORT_COLUMNS) {
      for (const direction of ['asc', 'desc'] as const) {
        const p = page({}, column, direction);
        expect(p.total).toBe(records.length);
        expect(new Set(p.rows.map((r) => r.id)).size).toBe(records.length);
      }
    }
    const bySubmitted = page({}, 'submittedAt').rows.map((r) => r.submittedAt);
    expect(bySubmitted).toEqual([...bySubmitted].sort());
  });

  it('puts pending applications first when sorted by deadline, most urgent first', () => {
    const rows = page({}, 'dueAt').rows;
    expect(rows[0]!.applicantName).toMatch(/^Ґава/);
    expect(rows[0]!.deadlineState).toBe('overdue');
    expect(rows[1]!.deadlineState).toBe('due_soon');
    const firstNone = rows.findIndex((r) => r.deadlineState === 'none');
    expect(rows.slice(firstNone).every((r) => r.deadlineState === 'none')).toBe(true);
  });

  it('pages with offset and limit', () => {
    const all = page({}, 'number').rows.map((r) => r.number);
    const second = store.queries.page(QueueFilterSchema.parse({}), { column: 'number', direction: 'asc' }, 3, 3, NOW);
    expect(second.rows.map((r) => r.number)).toEqual(all.slice(3, 6));
    expect(second.total).toBe(records.length);
  });

  it('filters by status, deadline state, service and delivery', () => {
    expect(page({ statuses: ['refused', 'cancelled'] }).total).toBe(2);
    expect(names({ deadline: ['overdue'] })).toEqual(['Ґава']);
    expect(names({ deadline: ['due_soon'] })).toEqual(['Шевченко']);
    expect(page({ deadline: ['on_time'] }).total).toBe(5);
    expect(names({ services: ['renewal'] })).toEqual(['Їжак']);
    expect(names({ delivery: ['ukrposhta'] })).toEqual(['Їжак']);
    expect(page({ statuses: ['submitted'], deadline: ['on_time'] }).total).toBe(3);
    // A filter on the sort column itself (its index leads) returns the same rows in order.
    expect(page({ statuses: ['refused', 'cancelled', 'approved'] }, 'status').rows.map((r) => r.status)).toEqual(['approved', 'refused', 'cancelled']);
    expect(page({ statuses: ['refused', 'cancelled', 'approved'] }, 'status', 'desc').rows.map((r) => r.status)).toEqual(['cancelled', 'refused', 'approved']);
    expect(names({ services: ['renewal'] }, 'service')).toEqual(['Їжак']);
    expect(names({ delivery: ['ukrposhta'] }, 'delivery', 'desc')).toEqual(['Їжак']);
  });

  it('shows working days left for pending applications and none for decided ones', () => {
    const rows = page({}, 'dueAt').rows;
    expect(rows.find((r) => r.applicantName.startsWith('Шевченко'))!.daysLeft).toBe(2);
    expect(rows.find((r) => r.applicantName.startsWith('Ґава'))!.daysLeft).toBe(-1);
    expect(rows.find((r) => r.applicantName.startsWith('Єрмак'))!.daysLeft).toBeNull();
  });
});

describe('queue counts', () => {
  it('counts every facet exactly, each under the other facets and not its own', () => {
    const c = store.queries.counts(QueueFilterSchema.parse({ statuses: ['submitted'] }), NOW);
    expect(c.all).toBe(10);
    expect(c.total).toBe(5);
    // The status facet ignores the status filter itself.
    expect(c.statuses).toMatchObject({ submitted: 5, in_review: 1, approved: 1, refused: 1, received: 1, cancelled: 1 });
    // The other facets count only submitted applications.
    expect(c.deadline).toEqual({ overdue: 1, due_soon: 1, on_time: 3 });
    expect(c.services).toEqual({ exchange: 5 });
  });

  it('agrees with the page total for every combination of one value per facet', () => {
    for (const statuses of [[], ['submitted'], ['received', 'in_review']] as const) {
      for (const deadline of [[], ['overdue'], ['on_time', 'due_soon']] as const) {
        for (const delivery of [[], ['pickup'], ['ukrposhta']] as const) {
          const filter = { statuses: [...statuses], deadline: [...deadline], delivery: [...delivery] };
          expect(store.queries.counts(QueueFilterSchema.parse(filter), NOW).total).toBe(page(filter).total);
        }
      }
    }
  });

  it('applies the search to the counts', () => {
    const c = store.queries.counts(QueueFilterSchema.parse({ search: 'іва' }), NOW);
    expect(c.all).toBe(1);
    expect(c.statuses).toEqual({ refused: 1 });
  });
});

describe('search', () => {
  const found = (search: string) => page({ search }).rows.map((r) => r.applicantName.split(' ')[0]);

  it('does not apply a search of one character or fewer than three digits yet', () => {
    for (const q of ['ш', '3', '31', ' ', '"']) expect(page({ search: q }).total).toBe(records.length);
    expect(found('шe'.slice(0, 1) + 'е')).toEqual(['Шевченко']);
    expect(found('311')).toHaveLength(10);
  });

  it('finds a name by the start of any of its words, ignoring case', () => {
    expect(found('шевч')).toEqual(['Шевченко']);
    expect(found('ТАРАС')).toEqual(['Шевченко']);
    expect(found('Ґав Оле')).toEqual(['Ґава']);
  });

  it('treats every apostrophe form alike', () => {
    for (const q of ["Мар'яна", 'Марʼяна', 'Мар’яна', 'Маряна']) expect(found(q)).toEqual(['Коваль']);
  });

  it('finds an RNOKPP by prefix and exactly', () => {
    expect(found('3119804503')).toEqual(['Гавриленко']);
    expect(found('31198045').length).toBe(10);
  });

  it('finds a licence typed with Latin look-alike letters or spaces', () => {
    expect(found('BXA123404')).toEqual(['Єрмак']);
    expect(found('вха 1234 04')).toEqual(['Єрмак']);
  });

  it('finds a phone in +380, 380 and 0 forms', () => {
    for (const q of ['+380 67 123 45 07', '380671234507', '067-123-45-07', '(067) 1234507']) expect(found(q)).toEqual(['Коваль']);
  });

  it('finds an application number with or without its dash', () => {
    expect(found('2026-000006')).toEqual(['Їжак']);
    expect(found('2026000006')).toEqual(['Їжак']);
  });

  it('searches SQL and FTS syntax as plain text and never fails', () => {
    for (const q of ['"', '*', 'OR', 'NEAR', "'; DROP TABLE applications; --", 'a" OR "b', 'NEAR(a b)', '^', '-', '(', ')', ':', '{}', '\u202E']) {
      expect(() => page({ search: q })).not.toThrow();
    }
    expect(found('DROP TABLE')).toHaveLength(1);
    expect(found('"*"')).toEqual([]);
    expect(found('NEAR')).toHaveLength(1);
    expect(store.sql.db.prepare('SELECT count(*) FROM applications').pluck().get()).toBe(10);
  });
});
