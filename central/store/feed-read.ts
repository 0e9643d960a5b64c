import { sql } from 'kysely';
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
  const record = kind === 'sqlite' ? sql`CAST(record AS BLOB)` : sql`record`;
  const r = await sql<FeedRow>`SELECT change_seq, ${record} AS record FROM applications
    WHERE center_id = ${centerId} AND change_seq > ${after} ORDER BY change_seq LIMIT ${rows}`.execute(db);
  return r.rows;
}
