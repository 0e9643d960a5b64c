import { sql, type RawBuilder } from 'kysely';
import type { StoreDb, StoreKind } from './store-types';

/** A row of the changes feed as a page carries it: its position and its record's JSON (bytes where the store gives them). */
export interface FeedRow {
  change_seq: number;
  record: string | Buffer;
}

/**
 * Up to `rows` of a center's changes after position `after`, in feed order (the `applications_feed` index). SQLite
 * hands the stored JSON over as bytes (a blob), so a page copies them into its body without decoding them to a string
 * and encoding them back; PostgreSQL's driver decodes every column to a string whatever the format asked, so there
 * the record comes as text.
 */
export async function readFeedRows(kind: StoreKind, db: StoreDb, centerId: string, after: number, rows: number): Promise<FeedRow[]> {
  return (await sql<FeedRow>`${pageRows(kind, centerId, after, rows)}`.execute(db)).rows;
}

/** The SELECT of a page's rows, shared by a page's reads and a pull's first statement. */
function pageRows(kind: StoreKind, centerId: string, after: number, rows: number): RawBuilder<FeedRow> {
  const record = kind === 'sqlite' ? sql`CAST(record AS BLOB)` : sql`record`;
  return sql<FeedRow>`SELECT change_seq, ${record} AS record FROM applications
    WHERE center_id = ${centerId} AND change_seq > ${after} ORDER BY change_seq LIMIT ${rows}`;
}

/** Where a pull starts: the store's epoch, the center's feed head (store.feedHead), whether the center has applications still `submitted` at or before the cursor, and the first rows after it. */
export interface FeedStart {
  epoch: string | null;
  head: number;
  due: boolean;
  rows: FeedRow[];
}

/**
 * One statement for what a pull needs first: the epoch and the head (to check the cursor), whether anything is due
 * to be marked received, and the first `rows` of the page, which the pull uses when the cursor holds and nothing is
 * due (the usual case: one round trip to the database besides the token's).
 */
export async function readFeedStart(kind: StoreKind, db: StoreDb, feedHead: RawBuilder<number>, centerId: string, after: number, rows: number): Promise<FeedStart> {
  const r = await sql<{ epoch: string | null; head: number; due: number | boolean; change_seq: number | null; record: string | Buffer | null }>`
    SELECT h.epoch, h.head, h.due, p.change_seq, p.record FROM (SELECT
      (SELECT value FROM meta WHERE key = 'epoch') AS epoch, ${feedHead} AS head,
      EXISTS (SELECT 1 FROM applications WHERE center_id = ${centerId} AND status = 'submitted' AND change_seq <= ${after}) AS due) h
    LEFT JOIN (${pageRows(kind, centerId, after, rows)}) p ON 1 = 1`.execute(db);
  const first = r.rows[0]!;
  const page: FeedRow[] = [];
  for (const row of r.rows) if (row.change_seq !== null) page.push({ change_seq: row.change_seq, record: row.record! });
  // The join's rows come in the page's order in practice, but only an ORDER BY promises it, and one over the joined
  // rows would sort their records again: the positions are put in order here instead (no work when they already are).
  page.sort((a, b) => a.change_seq - b.change_seq);
  return { epoch: first.epoch, head: Number(first.head), due: Boolean(first.due), rows: page };
}
