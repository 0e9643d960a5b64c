import { HttpError } from '../http/errors';
import type { CentralStore, StoreDb } from '../store/store';
import type { ApplicationStore } from './applications';
import type { MetaStore } from './meta';
import { readFeedStart } from '../store/feed-read';
import { asked, FEED_READ_ROWS, readFeedPage, type FeedPageBody } from './feed-page';

export interface ChangesPage extends FeedPageBody {
  /** Applications this request marked `received` (they show later in this feed). */
  marked: number;
}

/**
 * Applications one request marks received at most: what a pull holds stays bounded however many a center has waiting
 * (after a long outage); the rest are still due, so the next request with a cursor marks them.
 */
export const MARK_PER_PULL = 5000;

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
 * (a history step, a version bump, a new change sequence) in a write transaction before it reads the page; having
 * moved to the end of the feed, they arrive later in the same pull (or in the next cycle when the page they were on
 * was the last one).
 */
export class ChangesFeed {
  constructor(
    private readonly store: CentralStore,
    private readonly meta: MetaStore,
    private readonly apps: ApplicationStore,
    private readonly now: () => number,
    /** Rows a statement of a page reads (tests make it small to page across reads with a few applications). */
    private readonly readRows = FEED_READ_ROWS,
  ) {}

  /**
   * The change sequence a cursor of the center stands for, with the store's epoch; throws the reset answer for any
   * cursor this store cannot honour (another epoch, or above the center's head).
   */
  async decode(db: StoreDb, centerId: string, cursor: string | undefined): Promise<{ seq: number; epoch: string }> {
    const epoch = await this.meta.epoch(db);
    const after = parseCursor(cursor);
    if (!after) return { seq: 0, epoch };
    if (after.epoch !== epoch || after.seq > (await this.apps.maxChangeSeq(centerId, db))) throw resetAnswer();
    return { seq: after.seq, epoch };
  }

  /**
   * Most pulls have nothing to mark received (every application up to the cursor was marked by an earlier pull):
   * they are answered from one look at the feed's head and the page's reads, without a write transaction. New
   * applications always take positions above the head, so "nothing to mark at or before the cursor" stays true.
   *
   * A pull that marks does it in a write transaction of its own, like a push: the marked applications take their
   * feed positions as it commits (the counter row held for that alone), and the page is read after the commit, so
   * the page's reading never holds a lock a push waits for.
   */
  async page(centerId: string, cursor: string | undefined, limit: number): Promise<ChangesPage> {
    const db = this.store.db;
    const after = parseCursor(cursor);
    const seq = after?.seq ?? 0;
    const request = { kind: this.store.kind, db, centerId, after: seq, epoch: '', limit, readRows: this.readRows };
    const start = await readFeedStart(this.store.kind, db, this.store.feedHead(centerId), centerId, seq, asked(request, 0));
    if (start.epoch === null) throw new Error('the central store has no epoch');
    if (after && (after.epoch !== start.epoch || after.seq > start.head)) throw resetAnswer();
    const marking = after !== null && after.seq > 0 && start.due;
    const marked = marking ? await this.markReceivedUpTo(centerId, cursor) : 0;
    // Rows read before the marking are stale: the marked applications have moved to the end of the feed.
    const page = await readFeedPage({ ...request, epoch: start.epoch }, marking ? undefined : start.rows);
    return { ...page, marked };
  }

  /** Marks received what a cursor passed, in one write transaction; the cursor is checked again inside it. */
  private markReceivedUpTo(centerId: string, cursor: string | undefined): Promise<number> {
    return this.store.write(async (tx) => {
      const { seq: after } = await this.decode(tx, centerId, cursor);
      return after > 0 ? this.markReceived(tx, centerId, after) : 0;
    });
  }

  /**
   * Marks received the center's applications still `submitted` at or before `after`. Rows another transaction holds
   * (a claim being pushed) are skipped on PostgreSQL rather than waited for: that transaction moves them anyway, or a
   * later pull marks them.
   */
  private async markReceived(tx: StoreDb, centerId: string, after: number): Promise<number> {
    const due = await this.store
      .forUpdate(
        tx.selectFrom('applications').select(['id', 'version']).where('center_id', '=', centerId).where('status', '=', 'submitted').where('change_seq', '<=', after).orderBy('change_seq').limit(MARK_PER_PULL),
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
    for (const r of due) this.store.feedChanged(tx, r.id, centerId);
    this.apps.reportFacts.received(tx, due.map((r) => r.id), at);
    await this.apps.logEffects(tx, due.map((r) => ({ opId: null, applicationId: r.id, centerId, kind: 'received', version: r.version + 1, workstationId: null, at })));
    return due.length;
  }
}
