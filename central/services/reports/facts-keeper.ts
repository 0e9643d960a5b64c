import type { ApplicationRecord } from '../../../shared/domain/application';
import type { DayNumber } from '../../../shared/domain/kyiv-time';
import type { FactsDeadline, FactsSource } from '../../../shared/reports/record-facts';
import type { ReportFactsTable } from '../../store/schema';
import type { CentralStore, StoreDb } from '../../store/store';
import { piped, type PipedRead } from '../../store/piped-reads';
import { FactsBuilder } from './facts-builder';
import { CountDelta, factsFromRow, factsRow } from './report-rows';
import { rowsInsert } from '../../store/json-rows';
import { COUNT_KEY } from './report-writes';

/** What a transaction did to one application, as far as its report facts go. */
interface Change {
  /** The record as it now stands (absent when only a pull marked it received, in SQL). */
  record?: FactsSource;
  /** A pull marked it received at this time. */
  receivedAt?: number;
  /** A new deadline (a force-majeure period moved it). */
  deadline?: FactsDeadline;
}

const IN_LIST = 500;

/**
 * Keeps `report_facts` and `report_counts` in step with the applications: every change an application takes in a
 * write transaction (intake, a push op, an event, a claim release, a pull marking it received, a force-majeure period
 * moving its deadline) is noted here, and before the transaction commits the facts of each changed application are
 * derived again with the shared `deriveReportFacts` and the counts move by the difference. One read of the old rows
 * and a few multi-row writes per transaction, whatever the number of ops in it.
 */
export class ReportFactsKeeper {
  private readonly byTx = new WeakMap<StoreDb, Map<string, Change>>();
  /** Read ahead in a transaction (`prefetchReads`): facts rows by application (null: none) and the calendar. */
  private readonly readAhead = new WeakMap<StoreDb, { facts: Map<string, ReportFactsTable | null>; days?: { day: string }[] }>();

  constructor(private readonly store: CentralStore) {}

  /** The application's record after a change (or its first record, for a new one). */
  changed(tx: StoreDb, record: ApplicationRecord, deadline?: FactsDeadline): void {
    const c = this.change(tx, record.id);
    c.record = record;
    if (deadline) c.deadline = deadline;
  }

  /** A pull marked these applications received at `at` (their records were edited in SQL, not read). */
  received(tx: StoreDb, ids: readonly string[], at: number): void {
    for (const id of ids) this.change(tx, id).receivedAt = at;
  }

  /**
   * A force-majeure period of a center covering days `from`..`to` was recorded: the deadlines still running on
   * those days may move, and with them late days and extensions. Reads the affected applications now (the new
   * period is already in `tx`).
   */
  async deadlinesMoved(tx: StoreDb, centerId: string, from: DayNumber, to: DayNumber): Promise<number> {
    const builder = await FactsBuilder.load(tx, [centerId]);
    const running = await tx
      .selectFrom('report_facts')
      .select(['application_id', 'submitted_at', 'due_at', 'extended_days'])
      .where('center_id', '=', centerId)
      .where('due_day', '>=', from)
      .where('submitted_day', '<=', to)
      .execute();
    const moved = new Map<string, FactsDeadline>();
    for (const r of running) {
      const d = builder.deadline(centerId, r.submitted_at);
      if (d.dueAt !== r.due_at || d.extendedDays !== r.extended_days) moved.set(r.application_id, d);
    }
    // An application this transaction already changed (an earlier op of the same push) keeps the record it was
    // handed: its row is written only when the transaction ends, so the one in the table is the one before.
    const count = moved.size;
    const known = this.byTx.get(tx);
    for (const [id, deadline] of moved) {
      const c = known?.get(id);
      if (c?.record) {
        c.deadline = deadline;
        moved.delete(id);
      }
    }
    const ids = [...moved.keys()];
    for (let i = 0; i < ids.length; i += IN_LIST) {
      const rows = await tx.selectFrom('applications').select('record').where('id', 'in', ids.slice(i, i + IN_LIST)).execute();
      for (const r of rows) {
        const record = JSON.parse(r.record) as ApplicationRecord;
        this.changed(tx, record, moved.get(record.id));
      }
    }
    return count;
  }

  /**
   * Statements for the pipeline that locks applications a transaction is about to change (after the lock, so no
   * other transaction can change these rows before the commit): their facts rows and the calendar, which the flush
   * would otherwise read at the end in a round trip of its own.
   */
  prefetchReads(tx: StoreDb, ids: readonly string[]): PipedRead[] {
    if (!ids.length) return [];
    const ahead: { facts: Map<string, ReportFactsTable | null>; days?: { day: string }[] } = { facts: new Map() };
    this.readAhead.set(tx, ahead);
    return [
      piped(tx.selectFrom('report_facts').selectAll().where('application_id', 'in', [...ids]), (rows) => {
        for (const id of ids) ahead.facts.set(id, null);
        for (const r of rows) ahead.facts.set(r.application_id, r);
      }),
      piped(FactsBuilder.daysQuery(tx), (days) => void (ahead.days = days)),
    ];
  }

  private change(tx: StoreDb, id: string): Change {
    let changes = this.byTx.get(tx);
    if (!changes) {
      this.byTx.set(tx, (changes = new Map()));
      this.store.beforeCommit(tx, this, (t) => this.flush(t));
    }
    let c = changes.get(id);
    if (!c) changes.set(id, (c = {}));
    return c;
  }

  private async flush(tx: StoreDb): Promise<void> {
    const changes = this.byTx.get(tx);
    this.byTx.delete(tx);
    if (!changes?.size) return;
    const ahead = this.readAhead.get(tx);
    this.readAhead.delete(tx);
    const old = new Map<string, ReportFactsTable>();
    for (const [id, row] of ahead?.facts ?? []) if (row && changes.has(id)) old.set(id, row);
    const ids = [...changes.keys()].filter((id) => !ahead?.facts.has(id));
    for (let i = 0; i < ids.length; i += IN_LIST) {
      for (const r of await tx.selectFrom('report_facts').selectAll().where('application_id', 'in', ids.slice(i, i + IN_LIST)).execute()) old.set(r.application_id, r);
    }
    const centers = [...new Set([...changes].filter(([id, c]) => !old.has(id) && c.record).map(([, c]) => c.record!.centerId))];
    // The calendar always (late days); force-majeure periods for the centers of new applications (their deadlines).
    const builder = await FactsBuilder.load(tx, centers, ahead?.days);
    const delta = new CountDelta();
    const rows: ReportFactsTable[] = [];
    for (const [id, c] of changes) {
      const before = old.get(id);
      const source = c.record ?? (before ? await this.receivedSource(tx, before, c.receivedAt!) : undefined);
      if (!source) continue;
      const deadline = c.deadline ?? (before ? { dueAt: before.due_at, extendedDays: before.extended_days } : undefined);
      const facts = builder.facts(source, deadline);
      const row = factsRow(facts);
      if (before && sameRow(before, row)) continue;
      if (before) delta.apply(factsFromRow(before), -1);
      delta.apply(facts, 1);
      rows.push(row);
    }
    // Written in the transaction's last statement: the facts as its own rows, the counts (rows every push of a
    // center's day writes) after the feed's counter is taken, so they stay locked only to the commit.
    if (rows.length) this.store.lastly(tx, rowsInsert(this.store.kind, 'report_facts', rows as never, { key: ['application_id'], replace: true }), 'own');
    const counts = delta.take();
    if (counts.length) this.store.lastly(tx, rowsInsert(this.store.kind, 'report_counts', counts as never, { key: COUNT_KEY, add: 'n' }), 'shared');
  }

  /**
   * The record of an application a pull marked received, without reading its JSON: a `submitted` application's
   * history is its filing alone, so its timeline is that step and the new one. Facts that say otherwise (a stored
   * row out of step) are derived from the record itself.
   */
  private async receivedSource(tx: StoreDb, before: ReportFactsTable, at: number): Promise<FactsSource | undefined> {
    if (before.received_at === null && before.claimed_at === null && before.decision === null && before.cancelled_day === null) {
      const submittedAt = new Date(before.submitted_at).toISOString();
      return {
        id: before.application_id, centerId: before.center_id, service: before.service,
        delivery: { method: before.delivery }, submittedAt, refusal: null,
        history: [
          { status: 'submitted', at: submittedAt, operatorId: null, note: null },
          { status: 'received', at: new Date(at).toISOString(), operatorId: null, note: null },
        ],
      };
    }
    const row = await tx.selectFrom('applications').select('record').where('id', '=', before.application_id).executeTakeFirst();
    return row ? (JSON.parse(row.record) as ApplicationRecord) : undefined;
  }
}

function sameRow(a: ReportFactsTable, b: ReportFactsTable): boolean {
  for (const k of Object.keys(b) as (keyof ReportFactsTable)[]) if (a[k] !== b[k]) return false;
  return true;
}
