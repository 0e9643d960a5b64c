import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import type { Db } from '../store/database';

/** The hash a chain starts from. */
export const GENESIS_HASH = '0'.repeat(64);

/** A search is audited at most once per distinct query in this window, so typing does not flood the log. */
export const SEARCH_AUDIT_WINDOW_MS = 5_000;

export interface AuditEntryInput {
  at: number;
  operatorId: string | null;
  /** What happened, e.g. 'application.approve', 'session.sign_in', 'queue.search'. */
  action: string;
  /** An id (application, operator, period); never a name or other personal data. */
  entityId: string | null;
  /** The action's details; only their digest is stored. */
  details: unknown;
}

export interface AuditHead {
  seq: number;
  hash: string;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** JSON with object keys sorted at every level, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function digestOf(details: unknown): string {
  return sha256Hex(canonicalJson(details));
}

/** The hash of one entry: sha256(prev_hash + canonical JSON of its content). */
export function entryHash(
  prevHash: string,
  e: { seq: number; at: number; operatorId: string | null; action: string; entityId: string | null; digest: string },
): string {
  return sha256Hex(prevHash + canonicalJson({ seq: e.seq, at: e.at, operatorId: e.operatorId, action: e.action, entityId: e.entityId, digest: e.digest }));
}

/** A search text as it is digested: the same query typed with other spacing, case or apostrophes is one query. */
export function normaliseSearchForAudit(text: string): string {
  return text.normalize('NFC').replace(/['ʼ’`]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * The append-only, hash-chained audit log. `append` joins the caller's transaction (the action's own), so an
 * action and its audit entry commit or roll back together.
 */
export class AuditLog {
  private readonly last: BetterSqlite3.Statement<[], AuditHead>;
  private readonly insert: BetterSqlite3.Statement;
  private readonly recentSearches = new Map<string, number>();

  constructor(private readonly db: Db) {
    this.last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    this.insert = db.prepare(
      'INSERT INTO audit_log (seq, at, operator_id, action, entity_id, digest, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
  }

  /** Appends inside the current transaction; refuses to run outside one, where the head could move under it. */
  append(entry: AuditEntryInput): AuditHead {
    if (!this.db.inTransaction) throw new Error('audit entries are written inside the action transaction');
    const prev = this.last.get() ?? { seq: 0, hash: GENESIS_HASH };
    const seq = prev.seq + 1;
    const digest = digestOf(entry.details);
    const hash = entryHash(prev.hash, { seq, at: entry.at, operatorId: entry.operatorId, action: entry.action, entityId: entry.entityId, digest });
    this.insert.run(seq, entry.at, entry.operatorId, entry.action, entry.entityId, digest, prev.hash, hash);
    return { seq, hash };
  }

  /** Appends as a transaction of its own (reads and session events that have no other write). */
  record(entry: AuditEntryInput): AuditHead {
    return this.db.transaction(() => this.append(entry)).immediate();
  }

  /** The latest entry: each push will carry it so the central server holds an anchor a local rewrite cannot match. */
  head(): AuditHead {
    return this.last.get() ?? { seq: 0, hash: GENESIS_HASH };
  }

  /**
   * Audits a search by the digest of its normalised text, at most once per query per window. Returns whether an
   * entry was written.
   */
  recordSearch(text: string, operatorId: string | null, now: number): boolean {
    const normalised = normaliseSearchForAudit(text);
    if (!normalised) return false;
    const digestKey = `${operatorId ?? ''}\u0000${normalised}`;
    const seen = this.recentSearches.get(digestKey);
    if (seen !== undefined && now - seen >= 0 && now - seen < SEARCH_AUDIT_WINDOW_MS) return false;
    if (this.recentSearches.size > 500) {
      for (const [k, at] of this.recentSearches) if (now - at >= SEARCH_AUDIT_WINDOW_MS || now < at) this.recentSearches.delete(k);
    }
    this.record({ at: now, operatorId, action: 'queue.search', entityId: null, details: { query: normalised } });
    this.recentSearches.set(digestKey, now);
    return true;
  }
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  head: AuditHead;
  firstBroken?: { seq: number; reason: string };
}

/**
 * Walks the whole chain in seq order and names the first entry that does not hold: a missing entry, a link to the
 * wrong predecessor, or content that no longer matches its hash. Removing the newest entries cannot be seen here;
 * that is what the head sent with each push is for.
 */
export function verifyAuditChain(db: Db): AuditVerification {
  const rows = db
    .prepare('SELECT seq, at, operator_id, action, entity_id, digest, prev_hash, hash FROM audit_log ORDER BY seq')
    .iterate() as IterableIterator<{ seq: number; at: number; operator_id: string | null; action: string; entity_id: string | null; digest: string; prev_hash: string; hash: string }>;
  let prev: AuditHead = { seq: 0, hash: GENESIS_HASH };
  let entries = 0;
  for (const row of rows) {
    const broken = (seq: number, reason: string): AuditVerification => {
      rows.return?.();
      return { ok: false, entries, head: prev, firstBroken: { seq, reason } };
    };
    if (row.seq !== prev.seq + 1) return broken(prev.seq + 1, `entry ${prev.seq + 1} is missing (the next entry found is ${row.seq})`);
    if (row.prev_hash !== prev.hash) return broken(row.seq, `entry ${row.seq} does not link to the hash of entry ${prev.seq}`);
    const expected = entryHash(row.prev_hash, { seq: row.seq, at: row.at, operatorId: row.operator_id, action: row.action, entityId: row.entity_id, digest: row.digest });
    if (expected !== row.hash) return broken(row.seq, `entry ${row.seq} was changed after it was written (its hash does not match its content)`);
    prev = { seq: row.seq, hash: row.hash };
    entries++;
  }
  return { ok: true, entries, head: prev };
}
