import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, SUPERVISOR, TEST_NOW, openTestCore, type TestCore } from '../../../tests/support/deciding';
import { makeRecord, type RecordOverrides } from '../../../tests/support/records';
import { POST_DELIVERY } from '../../../tests/support/paperwork';
import { tempDir } from '../../../tests/support/store';
import type { ApplicationDetail } from '../../../shared/api/application';
import type { QueuePage } from '../../../shared/api/queue';
import type { ReportResult } from '../../../shared/reports/result';
import type { Status } from '../../../shared/domain/status';
import { SqlRunner } from '../store/sql';
import { verifyAuditChain } from './audit';
import { DeadlineModel } from './deadlines';
import { PullApplier } from './pull-apply';

let t: TestCore | undefined;
afterEach(async () => {
  await t?.dispose();
  t = undefined;
});

const DAY = 86_400_000;
const at = (ms: number) => new Date(ms).toISOString();

/**
 * An application that finished (or not) `daysAgo` days before TEST_NOW, with an applicant of its own: a surname, an
 * RNOKPP and a phone found nowhere else, so the store can be searched for them byte by byte.
 */
function finishedRecord(n: number, status: Status, daysAgo: number, over: RecordOverrides = {}) {
  const submitted = TEST_NOW - (daysAgo + 12) * DAY;
  const decided = submitted + 2 * DAY;
  const end = TEST_NOW - daysAgo * DAY;
  const steps: { status: Status; at: number; operatorId: string | null }[] = [
    { status: 'submitted', at: submitted, operatorId: null },
    { status: 'in_review', at: submitted + DAY, operatorId: ADMIN.id },
  ];
  if (status === 'refused') steps.push({ status: 'refused', at: end, operatorId: ADMIN.id });
  else if (status === 'cancelled') steps.push({ status: 'cancelled', at: end, operatorId: null });
  else if (status === 'issued') steps.push({ status: 'approved', at: decided, operatorId: ADMIN.id }, { status: 'produced', at: decided + DAY, operatorId: null }, { status: 'ready_for_pickup', at: decided + 2 * DAY, operatorId: ADMIN.id }, { status: 'issued', at: end, operatorId: ADMIN.id });
  else steps.push({ status: 'approved', at: end, operatorId: ADMIN.id });
  return makeRecord(n, {
    status,
    submittedAt: at(submitted),
    history: steps.map((s) => ({ status: s.status, at: at(s.at), operatorId: s.operatorId, note: s.status === 'refused' ? 'Прізвище в заяві: Ґудзь-Пурґаненко' : null })),
    refusal: status === 'refused' ? { reasonCode: 'data_mismatch', explanation: `Дані заяви не збігаються з реєстром для Ґудзь-Пурґаненко${n}.` } : null,
    applicant: { surname: `Ґудзь-Пурґаненко${n}`, rnokpp: `31198045${String(n).padStart(2, '0')}`, phone: `+38067777${String(n).padStart(4, '0')}` },
    ...over,
  });
}

const RECORDS = () => [
  finishedRecord(1, 'issued', 200),
  finishedRecord(2, 'refused', 190, { delivery: POST_DELIVERY }),
  finishedRecord(3, 'cancelled', 181),
  finishedRecord(4, 'issued', 10),
  finishedRecord(5, 'approved', 300),
  finishedRecord(6, 'refused', 175),
];
const id = (n: number) => `app-${String(n).padStart(6, '0')}`;
const PERIOD = { from: '2025-12-01', to: '2026-11-27' };

async function openWithImages(dir?: string): Promise<TestCore> {
  const core = await openTestCore({ records: RECORDS(), dir });
  // The images the workstation had fetched and cached.
  const cache = core.core.db.prepare('INSERT INTO image_cache (hash, mime, data, cached_at) VALUES (?, ?, ?, 0)');
  for (const r of RECORDS()) {
    cache.run(r.photoHash, 'image/png', Buffer.from(`photo of ${r.applicant.surname}`));
    cache.run(r.signatureHash, 'image/png', Buffer.from(`signature of ${r.applicant.surname}`));
  }
  await core.signIn(SUPERVISOR);
  return core;
}

describe('the personal-data purge', () => {
  it('removes names, identifiers, contacts, addresses, images and the search entry of applications finished over 180 days ago; ids, statuses, history and figures stay', async () => {
    const dir = tempDir();
    t = await openWithImages(dir);
    const db = t.core.db;
    const before = await t.ok<ApplicationDetail>('application.get', { id: id(1) });
    const report = await t.ok<ReportResult>('reports.get', { period: PERIOD });

    expect(t.core.purge.run().purged).toBe(3);

    for (const n of [1, 2, 3]) {
      const d = await t.ok<ApplicationDetail>('application.get', { id: id(n) });
      expect(d.purgedAt).toBe(at(TEST_NOW));
      expect(d.record.applicant).toMatchObject({ surname: '—', givenName: '—', rnokpp: null, unzr: null, phone: '', email: null });
      expect(d.record.applicant.address.street).toBe('');
      expect(d.record.licence.number).toBe('000000000');
      expect(d.record.photoHash).toBe('0'.repeat(64));
      expect(await t.ok('application.images', { id: id(n) })).toEqual({ photo: null, signature: null });
    }
    const refused = await t.ok<ApplicationDetail>('application.get', { id: id(2) });
    expect(refused.record.refusal).toEqual({ reasonCode: 'data_mismatch', explanation: '' });
    expect(refused.record.delivery).toMatchObject({ method: 'ukrposhta', recipientPhone: '', address: { postcode: '00000', street: '' } });
    // What stays: the number, service, statuses and every step with its time and operator.
    const after = await t.ok<ApplicationDetail>('application.get', { id: id(1) });
    expect(after.record).toMatchObject({ id: before.record.id, number: before.record.number, service: before.record.service, status: 'issued' });
    expect(after.record.history.map(({ status, at, operatorId }) => ({ status, at, operatorId }))).toEqual(before.record.history.map(({ status, at, operatorId }) => ({ status, at, operatorId })));
    // Not yet due, or not finished: untouched.
    for (const n of [4, 5, 6]) expect((await t.ok<ApplicationDetail>('application.get', { id: id(n) })).purgedAt).toBeNull();

    // The queue says so; the name and the identifiers find nothing, the application number still finds it.
    const row = (await t.ok<QueuePage>('queue.page', { filter: { search: before.record.number } })).rows[0]!;
    expect(row).toMatchObject({ id: id(1), applicantName: '', purged: true });
    for (const search of ['Ґудзь-Пурґаненко1', '3119804501', '0677770001']) {
      expect((await t.ok<QueuePage>('queue.page', { filter: { search } })).rows.map((r) => r.id)).not.toContain(id(1));
    }
    expect((await t.ok<QueuePage>('queue.page', { filter: { search: 'Ґудзь-Пурґаненко4' } })).rows.map((r) => r.id)).toEqual([id(4)]);
    expect(db.prepare('SELECT count(*) FROM image_cache').pluck().get()).toBe(6);

    // Every figure stays.
    expect(await t.ok<ReportResult>('reports.get', { period: PERIOD })).toEqual(report);
    // Each purge is an audit entry of ids, and the chain holds.
    const entries = db.prepare("SELECT entity_id, operator_id FROM audit_log WHERE action = 'application.purge_personal_data' ORDER BY seq").all();
    expect(entries).toEqual([1, 2, 3].map((n) => ({ entity_id: id(n), operator_id: null })));
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
    await t.dispose();

    // Nothing of the purged applicants is left in the database file, not even in freed pages or the search index.
    const file = Buffer.concat(['console.sqlite', 'console.sqlite-wal'].filter((f) => existsSync(join(dir, f))).map((f) => readFileSync(join(dir, f))));
    rmSync(dir, { recursive: true, force: true });
    for (const n of [1, 2, 3]) {
      for (const text of [`Ґудзь-Пурґаненко${n}`, `ґудзь-пурґаненко${n}`, `31198045${String(n).padStart(2, '0')}`, `67777${String(n).padStart(4, '0')}`]) {
        expect({ text, found: file.includes(Buffer.from(text)) }).toEqual({ text, found: false });
      }
    }
    expect(file.includes(Buffer.from('Ґудзь-Пурґаненко4'))).toBe(true);
    t = undefined;
  });

  it('is idempotent: a second run purges nothing and audits nothing', async () => {
    t = await openWithImages();
    expect(t.core.purge.run().purged).toBe(3);
    const audit = t.core.db.prepare('SELECT count(*) FROM audit_log').pluck().get();
    const records = t.core.db.prepare('SELECT record FROM application_records ORDER BY rowid').pluck().all();
    expect(t.core.purge.run().purged).toBe(0);
    expect(t.core.db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(audit);
    expect(t.core.db.prepare('SELECT record FROM application_records ORDER BY rowid').pluck().all()).toEqual(records);
  });

  it('runs soon after start and then daily on the core’s clock; the retention comes from the configuration', async () => {
    t = await openTestCore({ records: RECORDS(), config: { personalDataRetentionDays: 183 } });
    expect(t.core.purge.retention).toBe(183);
    const purged = () => t!.core.db.prepare('SELECT id FROM applications WHERE purged_at IS NOT NULL ORDER BY id').pluck().all();
    t.scheduler.advance(4_000);
    expect(purged()).toEqual([]);
    t.scheduler.advance(1_000);
    expect(purged()).toEqual([id(1), id(2)]);
    // A day on, the cancellation finished 181 days ago is at 182; the day after, at 183: due.
    t.clock.now += DAY;
    t.scheduler.advance(DAY);
    expect(purged()).toEqual([id(1), id(2)]);
    t.clock.now += DAY;
    t.scheduler.advance(DAY);
    expect(purged()).toEqual([id(1), id(2), id(3)]);
  });

  it('leaves an application with an op still waiting to be sent until it has gone', async () => {
    t = await openWithImages();
    await t.ok('prints.record', { applicationIds: [id(1)], document: 'handover_receipt', how: 'operator_confirmed' });
    expect(t.core.purge.run().purged).toBe(2);
    t.core.db.prepare("UPDATE outbox SET state = 'applied', acked_version = 2 WHERE application_id = ?").run(id(1));
    expect(t.core.purge.run().purged).toBe(1);
  });

  it('a pulled change keeps a finished application’s data removed; one active again gets them back', async () => {
    t = await openWithImages();
    t.core.purge.run();
    const sql = new SqlRunner(t.core.db);
    const pull = (r: ReturnType<typeof finishedRecord>) => new PullApplier(sql, new DeadlineModel(sql)).apply({ changes: [r], cursor: `c-${r.id}-${r.version}`, hasMore: false });
    pull({ ...finishedRecord(1, 'issued', 200), version: 2 });
    const still = await t.ok<ApplicationDetail>('application.get', { id: id(1) });
    expect(still).toMatchObject({ purgedAt: at(TEST_NOW), record: { version: 2, applicant: { surname: '—' } } });
    expect((await t.ok<QueuePage>('queue.page', { filter: { search: 'Ґудзь-Пурґаненко1' } })).rows).toEqual([]);
    // The central server reopened the cancelled one: it is worked on again, with its applicant.
    const reopened = finishedRecord(3, 'cancelled', 181);
    pull({ ...reopened, version: 2, status: 'received', history: [...reopened.history, { status: 'received', at: at(TEST_NOW), operatorId: null, note: null }] });
    const active = await t.ok<ApplicationDetail>('application.get', { id: id(3) });
    expect(active).toMatchObject({ purgedAt: null, record: { applicant: { surname: 'Ґудзь-Пурґаненко3' } } });
    expect((await t.ok<QueuePage>('queue.page', { filter: { search: 'Ґудзь-Пурґаненко3' } })).rows.map((r) => r.id)).toEqual([id(3)]);
  });

  it('a purged application’s documents are refused with a sentence, not printed with blanks', async () => {
    t = await openWithImages();
    t.core.purge.run();
    const r = await t.call('paperwork.documentData', { document: 'refusal_notice', applicationIds: [id(2)] });
    expect(r).toMatchObject({ ok: false, error: { code: 'personal_data_purged', message: expect.stringMatching(/removed after the retention period/) } });
  });
});
