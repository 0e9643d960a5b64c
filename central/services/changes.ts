import { HttpError } from '../http/errors';
import type { CentralStore, StoreDb } from '../store/store';
import type { ApplicationStore } from './applications';
import type { MetaStore } from './meta';

export interface ChangesPage {
  /** The page as JSON text: records are stored as the JSON pages carry, so they are joined, never re-encoded. */
  body: string;
  count: number;
  cursor: string;
  hasMore: boolean;
  /** Applications this request marked `received` (they show later in this feed). */
  marked: number;
}

const CURSOR = /^c1\.([0-9a-f]{12})\.(0|[1-9]\d{0,15})$/;

const resetAnswer = () => new HttpError(409, 'reset', 'The central server cannot continue from this cursor; resync from the beginning (the outbox is kept).');

/** The cursor's epoch and position; none for no cursor; the reset answer for one that cannot be read. */
function parseCursor(cursor: string | undefined): { epoch: string; seq: number } | null {
  if (cursor === undefined) return null;
  const m = CURSOR.exec(cursor);
  const seq = m ? Number(m[2]) : NaN;
  if (!m || !Number.isSafeInteger(seq)) throw resetAnswer();
  return { epoch: m[1]!, seq };
}

/**
 * The changes feed of one center: its applications in change-sequence order. The cursor is opaque to workstations:
 * `c1.<epoch>.<seq>`, "every change up to seq has been applied". A cursor from another epoch (the store was replaced,
 * or a resync was forced), from beyond the newest change (a store restored from an older backup) or that cannot be
 * read is answered 409 {error: {code: 'reset'}}: the workstation resyncs from scratch, keeping its outbox.
 *
 * `received`: presenting a cursor proves the workstation applied every change up to it, so the center has
 * received each application that was still `submitted` at or before that point. The request marks those received
 * (a history step, a version bump, a new change sequence) in the same transaction that reads the page; having moved
 * to the end of the feed, they arrive later in the same pull (or in the next cycle when the page they were on was the
 * last one).
 */
export class ChangesFeed {
  constructor(
    private readonly store: CentralStore,
    private readonly meta: MetaStore,
    private readonly apps: ApplicationStore,
    private readonly now: () => number,
  ) {}

  /**
   * The change sequence a cursor stands for, with the store's epoch; throws the reset answer for any cursor this
   * store cannot honour.
   */
  async decode(db: StoreDb, cursor: string | undefined): Promise<{ seq: number; epoch: string }> {
    const epoch = await this.meta.epoch(db);
    const after = parseCursor(cursor);
    if (!after) return { seq: 0, epoch };
    if (after.epoch !== epoch || after.seq > (await this.apps.maxChangeSeq(db))) throw resetAnswer();
    return { seq: after.seq, epoch };
  }

  /**
   * Most pulls have nothing to mark received (every application up to the cursor was marked by an earlier pull):
   * they are answered from one look at the feed's head and one read of the page, without a write transaction. New
   * applications always take positions above the head, so "nothing to mark at or before the cursor" stays true.
   */
  async page(centerId: string, cursor: string | undefined, limit: number): Promise<ChangesPage> {
    const db = this.store.db;
    const after = parseCursor(cursor);
    const head = await db
      .selectNoFrom((eb) => [
        eb.selectFrom('meta').select('value').where('key', '=', 'epoch').as('epoch'),
        this.store.feedHead().as('head'),
        eb.exists(eb.selectFrom('applications').select('id').where('center_id', '=', centerId).where('status', '=', 'submitted').where('change_seq', '<=', after?.seq ?? 0)).as('due'),
      ])
      .executeTakeFirstOrThrow();
    if (head.epoch === null) throw new Error('the central store has no epoch');
    if (after && (after.epoch !== head.epoch || after.seq > Number(head.head))) throw resetAnswer();
    if (after && after.seq > 0 && Boolean(head.due)) return this.pageMarking(centerId, cursor, limit);
    return this.read(db, centerId, after?.seq ?? 0, head.epoch, limit, 0);
  }

  /** A page whose cursor passes applications still `submitted`: marked received and read in one write transaction. */
  private pageMarking(centerId: string, cursor: string | undefined, limit: number): Promise<ChangesPage> {
    return this.store.write(async (tx) => {
      const { seq: after, epoch } = await this.decode(tx, cursor);
      const marked = after > 0 ? await this.markReceived(tx, centerId, after) : 0;
      // The marked applications take their positions now, so the page below can already carry them.
      await this.store.flushFeed(tx);
      return this.read(tx, centerId, after, epoch, limit, marked);
    });
  }

  private async read(db: StoreDb, centerId: string, after: number, epoch: string, limit: number, marked: number): Promise<ChangesPage> {
    const rows = await db
      .selectFrom('applications')
      .select(['change_seq', 'record'])
      .where('center_id', '=', centerId)
      .where('change_seq', '>', after)
      .orderBy('change_seq')
      .limit(limit + 1)
      .execute();
    const hasMore = rows.length > limit;
    if (hasMore) rows.pop();
    const last = rows.length ? rows[rows.length - 1]!.change_seq : after;
    const next = `c1.${epoch}.${last}`;
    let body = '{"changes":[';
    for (let i = 0; i < rows.length; i++) body += (i ? ',' : '') + rows[i]!.record;
    body += `],"cursor":${JSON.stringify(next)},"hasMore":${hasMore}}`;
    return { body, count: rows.length, cursor: next, hasMore, marked };
  }

  /**
   * Marks received the center's applications still `submitted` at or before `after`. Rows another transaction holds
   * (a claim being pushed) are skipped on PostgreSQL rather than waited for: that transaction moves them anyway, or a
   * later pull marks them.
   */
  private async markReceived(tx: StoreDb, centerId: string, after: number): Promise<number> {
    const due = await this.store
      .forUpdate(
        tx.selectFrom('applications').select(['id', 'version']).where('center_id', '=', centerId).where('status', '=', 'submitted').where('change_seq', '<=', after).orderBy('change_seq'),
        { skipLocked: true },
      )
      .execute();
    if (!due.length) return 0;
    const at = this.now();
    const step = JSON.stringify({ status: 'received', at: new Date(at).toISOString(), operatorId: null, note: null });
    for (let i = 0; i < due.length; i += 1000) {
      await tx
        .updateTable('applications')
        .set((eb) => ({
          status: 'received',
          version: eb('version', '+', 1),
          last_actor: 'central',
          last_operator: null,
          last_op_id: null,
          // The stored JSON is edited in SQL: no parse and re-encode in JS for what can be thousands of rows a page.
          record: this.store.receivedRecord(step),
        }))
        .where('id', 'in', due.slice(i, i + 1000).map((r) => r.id))
        .where('status', '=', 'submitted')
        .execute();
    }
    for (const r of due) this.store.feedChanged(tx, r.id);
    this.apps.reportFacts.received(tx, due.map((r) => r.id), at);
    await this.apps.logEffects(tx, due.map((r) => ({ opId: null, applicationId: r.id, centerId, kind: 'received', version: r.version + 1, workstationId: null, at })));
    return due.length;
  }
}
