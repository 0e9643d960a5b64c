import { Readable } from 'node:stream';
import { readFeedRows, type FeedRow } from '../store/feed-read';
import type { StoreDb, StoreKind } from '../store/store';

/**
 * Rows read per statement. A page of thousands is read and sent this many at a time, the next read made when the
 * socket has taken the previous one, so what a pull holds in memory does not grow with the page (nor with the store).
 */
export const FEED_READ_ROWS = 500;

export interface FeedPageBody {
  /** The page as JSON bytes: whole when one read held it all, else a stream that reads as the client takes it. */
  body: Buffer | Readable;
}

/** Where a page starts and what it may hold; `readRows` is the rows a statement reads (FEED_READ_ROWS). */
export interface FeedPageRequest {
  kind: StoreKind;
  db: StoreDb;
  centerId: string;
  after: number;
  epoch: string;
  limit: number;
  readRows: number;
}

/** Rows the next read asks for: a read's worth, or what the page still lacks plus one that tells whether more follow. */
export const asked = (p: Pick<FeedPageRequest, 'limit' | 'readRows'>, sent: number) => Math.min(p.readRows, p.limit + 1 - sent);

/**
 * A page of the center's changes after `after`: `{"changes":[…],"cursor":…,"hasMore":…}`. Records are stored as the
 * JSON pages carry (validated when written), so they are copied into the body as bytes, never parsed and re-encoded.
 *
 * A page longer than one read is several statements, each reading on from the last position sent: the same as
 * consecutive pulls, so it is gapless and in commit order as one statement is (an application that moved meanwhile
 * comes again at its new position, which the workstation's version guard takes as an update). A database failure
 * after the first read cuts the answer short; the workstation treats a cut body as no answer and asks again.
 */
export async function readFeedPage(p: FeedPageRequest, read?: FeedRow[]): Promise<FeedPageBody> {
  // The first read may have been made already, with the feed's head (services/changes.ts): `asked(p, 0)` rows.
  const first = read ?? (await readFeedRows(p.kind, p.db, p.centerId, p.after, asked(p, 0)));
  if (first.length < asked(p, 0) || first.length > p.limit) {
    const whole = await pageParts(p, first).next();
    return { body: whole.value as Buffer };
  }
  return { body: Readable.from(pageParts(p, first)) };
}

async function* pageParts(p: FeedPageRequest, first: FeedRow[]): AsyncGenerator<Buffer> {
  let rows = first;
  let sent = 0;
  let last = p.after;
  for (;;) {
    const hasMore = sent + rows.length > p.limit;
    const take = hasMore ? p.limit - sent : rows.length;
    if (take > 0) last = rows[take - 1]!.change_seq;
    const done = hasMore || rows.length < asked(p, sent);
    const head = sent === 0 ? '{"changes":[' : take > 0 ? ',' : '';
    const tail = done ? `],"cursor":${JSON.stringify(`c1.${p.epoch}.${last}`)},"hasMore":${hasMore}}` : '';
    yield encode(head, rows, take, tail);
    sent += take;
    if (done) return;
    rows = await readFeedRows(p.kind, p.db, p.centerId, last, asked(p, sent));
  }
}

/** `head`, the first `take` records joined by commas, `tail`, written straight into one buffer of the exact size. */
function encode(head: string, rows: readonly FeedRow[], take: number, tail: string): Buffer {
  let bytes = head.length + tail.length + Math.max(0, take - 1);
  for (let i = 0; i < take; i++) {
    const record = rows[i]!.record;
    bytes += typeof record === 'string' ? Buffer.byteLength(record) : record.length;
  }
  const out = Buffer.allocUnsafe(bytes);
  let at = out.write(head, 0, 'latin1');
  for (let i = 0; i < take; i++) {
    if (i) out[at++] = 0x2c;
    const record = rows[i]!.record;
    at += typeof record === 'string' ? out.write(record, at) : record.copy(out, at);
  }
  out.write(tail, at, 'latin1');
  return out;
}
