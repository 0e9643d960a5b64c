import type { ApplicationRecord, ManualCheckMark, StatusChange } from '../../shared/domain/application';
import { canTransition, type Status } from '../../shared/domain/status';
import type { ApplicationsTable } from '../store/schema';
import { countsPerCenter, numberPerCenter } from '../store/feed-changes';
import { piped, type PipedRead } from '../store/piped-reads';
import type { CentralStore, StoreDb } from '../store/store';
import { ReportFactsKeeper } from './reports/facts-keeper';

/** Who made a change: a workstation (with the operator and op), or the central server itself. */
export interface Actor {
  workstationId: string;
  operatorId: string | null;
  opId: string | null;
}

export const CENTRAL: Actor = { workstationId: 'central', operatorId: null, opId: null };

export type ApplicationRow = Omit<ApplicationsTable, 'record'>;

export interface StoredApplication {
  row: ApplicationRow;
  record: ApplicationRecord;
}

export interface ClaimRow {
  application_id: string;
  operator_id: string;
  workstation_id: string;
  op_id: string | null;
  claimed_at: number;
}

/** The winner named in a conflict: who holds or last changed what the losing op wanted. */
export interface Winner {
  workstationId: string;
  operatorId: string | null;
  opId: string | null;
}

/** A new application as intake or the training seed files it; `decider` names who approved or refused a seeded record. */
export interface NewApplication {
  record: ApplicationRecord;
  source: 'intake' | 'training';
  decider?: Actor | null;
  claim?: ClaimRow | null;
}

export interface Effect {
  opId: string | null;
  applicationId: string | null;
  centerId: string;
  kind: string;
  version: number | null;
  workstationId: string | null;
  at: number;
}

const DECIDED: readonly Status[] = ['approved', 'produced', 'ready_for_pickup', 'awaiting_shipment', 'shipped', 'returned', 'issued', 'delivered', 'refused'];
/** Rows per INSERT: 17 parameters a row stays under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const INSERT_ROWS = 1000;

/**
 * The applications aggregate: the record, its claim and the changes feed position move together. Every change bumps
 * the version by one and moves the application to the end of the feed (its position is taken when the transaction
 * ends), so it shows in the next pull after the cursor. Reads name the connection or transaction they run on; a read
 * that decides a write uses `lock`.
 */
export class ApplicationStore {
  /**
   * Per transaction: the applications it locked (the same objects `transition` moves on, so a second op on one sees
   * the first) and the claims it knows, while their rows wait to be written when it ends.
   */
  private readonly held = new WeakMap<StoreDb, { apps: Map<string, StoredApplication>; claims: Map<string, ClaimRow | null> }>();
  /** The report facts follow every change made here, in the same transaction. */
  readonly reportFacts: ReportFactsKeeper;

  constructor(private readonly store: CentralStore) {
    this.reportFacts = new ReportFactsKeeper(store);
  }

  private heldIn(tx: StoreDb) {
    let held = this.held.get(tx);
    if (!held) this.held.set(tx, (held = { apps: new Map(), claims: new Map() }));
    return held;
  }

  /**
   * The statements, for a pipeline, that lock a batch's applications in one statement, in id order (so two batches
   * never wait on each other in a circle), and read their claims after the lock (so they are the ones it waited for);
   * `lock` and `claimOf` in the same transaction answer from here after that.
   */
  lockAllReads(tx: StoreDb, ids: readonly string[]): PipedRead[] {
    const held = this.heldIn(tx);
    const unique = [...new Set(ids)].filter((id) => !held.apps.has(id)).sort();
    if (!unique.length) return [];
    return [
      piped(this.store.forUpdate(tx.selectFrom('applications').selectAll().where('id', 'in', unique).orderBy('id')), (rows) => {
        for (const r of rows) {
          held.apps.set(r.id, toStored(r)!);
          held.claims.set(r.id, null);
        }
      }),
      piped(tx.selectFrom('claims').selectAll().where('application_id', 'in', unique), (claims) => {
        for (const c of claims) held.claims.set(c.application_id, c);
      }),
    ];
  }

  /** The newest position a cursor of the center can hold. */
  maxChangeSeq(centerId: string, db: StoreDb = this.store.db): Promise<number> {
    return this.store.maxChangeSeq(centerId, db);
  }

  async get(db: StoreDb, id: string): Promise<StoredApplication | undefined> {
    return this.held.get(db)?.apps.get(id) ?? toStored(await db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst());
  }

  /** The application, its row locked until `tx` ends: what the caller decides from it stays true until it commits. */
  async lock(tx: StoreDb, id: string): Promise<StoredApplication | undefined> {
    const held = this.heldIn(tx);
    const known = held.apps.get(id);
    if (known) return known;
    const app = toStored(await this.store.forUpdate(tx.selectFrom('applications').selectAll().where('id', '=', id)).executeTakeFirst());
    if (app) held.apps.set(id, app);
    return app;
  }

  async byNumber(db: StoreDb, number: string): Promise<StoredApplication | undefined> {
    return toStored(await db.selectFrom('applications').selectAll().where('number', '=', number).executeTakeFirst());
  }

  async claimOf(db: StoreDb, applicationId: string): Promise<ClaimRow | undefined> {
    const held = this.held.get(db)?.claims;
    if (held?.has(applicationId)) return held.get(applicationId) ?? undefined;
    return db.selectFrom('claims').selectAll().where('application_id', '=', applicationId).executeTakeFirst();
  }

  /** New applications, numbered in their centers' feeds in the order given. */
  async insert(tx: StoreDb, items: readonly NewApplication[]): Promise<void> {
    if (!items.length) return;
    const centers = items.map((item) => ({ centerId: item.record.centerId }));
    const first = await this.store.nextChangeSeq(tx, countsPerCenter(centers));
    const seqs = numberPerCenter(centers, (centerId) => first.get(centerId)!).map((r) => r.seq);
    for (let i = 0; i < items.length; i += INSERT_ROWS) {
      const chunk = items.slice(i, i + INSERT_ROWS);
      await tx
        .insertInto('applications')
        .values(chunk.map(({ record, source, decider }, k) => ({
          id: record.id,
          number: record.number,
          center_id: record.centerId,
          status: record.status,
          version: record.version,
          change_seq: seqs[i + k]!,
          birth_date: record.applicant.birthDate,
          photo_hash: record.photoHash,
          signature_hash: record.signatureHash,
          source,
          last_actor: CENTRAL.workstationId,
          last_operator: null,
          last_op_id: null,
          decided_by: decider?.workstationId ?? null,
          decided_operator: decider?.operatorId ?? null,
          decided_op_id: decider?.opId ?? null,
          record: JSON.stringify(record),
        })))
        .execute();
      for (const item of chunk) this.reportFacts.changed(tx, item.record);
      const claims = chunk.flatMap((item) => (item.claim ? [item.claim] : []));
      if (claims.length) await tx.insertInto('claims').values(claims).execute();
    }
  }

  /**
   * Moves an application (locked by the caller) to `next` with a history step, as one change by `actor`. `edit`
   * adjusts the rest of the record (refusal, new licence number). The claim follows the status: held in review,
   * dropped otherwise. Returns the new record. Callers have checked the move (decisions with checkDecision, events
   * with TRANSITIONS).
   */
  async transition(
    tx: StoreDb,
    current: StoredApplication,
    next: Status,
    actor: Actor,
    options: { at: number; recordedAt?: number; note?: string | null; checks?: readonly ManualCheckMark[]; edit?: (r: ApplicationRecord) => void },
  ): Promise<ApplicationRecord> {
    const from = current.record.status;
    if (!canTransition(from, next)) throw new Error(`transition ${from} -> ${next} is not in the status machine`);
    // The wire schema allows 200 steps: decisions stop at 190 (push-application.ts), the rest of a lifecycle is short.
    if (current.record.history.length >= 200) throw new Error(`application ${current.record.id} has a full history`);
    const at = new Date(options.at).toISOString();
    // A new record beside the old (a conflict answer may still carry the old one): every edit below is to a top-level
    // field or appends to the history, so copying those is enough.
    const record: ApplicationRecord = { ...current.record, history: [...current.record.history] };
    const step: StatusChange = { status: next, at, operatorId: actor.operatorId, note: options.note ?? null };
    if (options.checks?.length) step.checks = [...options.checks];
    if (options.recordedAt !== undefined) step.recordedAt = new Date(options.recordedAt).toISOString();
    record.status = next;
    record.history.push(step);
    record.version = current.row.version + 1;
    options.edit?.(record);

    const held = this.heldIn(tx);
    const existed = held.claims.has(record.id) ? held.claims.get(record.id) !== null : null;
    let claim: ClaimRow | null | undefined;
    if (next === 'in_review' && actor.operatorId) {
      record.claim = { operatorId: actor.operatorId, workstationId: actor.workstationId, at };
      claim = { application_id: record.id, operator_id: actor.operatorId, workstation_id: actor.workstationId, op_id: actor.opId, claimed_at: options.at };
    } else if (current.record.claim !== undefined || from === 'in_review') {
      record.claim = null;
      claim = null;
    }
    if (claim !== undefined) held.claims.set(record.id, claim);

    const decided = next === 'approved' || next === 'refused';
    const who = { last_actor: actor.workstationId, last_operator: actor.operatorId, last_op_id: actor.opId };
    const decider = decided ? { decided_by: actor.workstationId, decided_operator: actor.operatorId, decided_op_id: actor.opId } : undefined;
    // The row (and its claim) is written with its feed position when the transaction ends, checked against the
    // version read under the lock: one statement for a whole push.
    this.store.feedChanged(tx, record.id, record.centerId, {
      status: next, version: record.version, record, ...who, decider,
      claim: claim === undefined ? undefined : { row: claim, existed },
      expectVersion: current.row.version,
    });
    this.reportFacts.changed(tx, record);
    current.row = { ...current.row, status: next, version: record.version, ...who, ...decider };
    current.record = record;
    held.apps.set(record.id, current);
    return record;
  }

  /** Who a losing op lost to, from the server's state: the canceller, the decider, the claim holder, or the last actor. */
  async winnerOf(db: StoreDb, app: StoredApplication): Promise<Winner> {
    const status = app.record.status;
    if (status === 'cancelled') return { workstationId: CENTRAL.workstationId, operatorId: null, opId: null };
    if (DECIDED.includes(status) && app.row.decided_by) {
      return { workstationId: app.row.decided_by, operatorId: app.row.decided_operator, opId: app.row.decided_op_id };
    }
    if (status === 'in_review') {
      const claim = await this.claimOf(db, app.record.id);
      if (claim) return { workstationId: claim.workstation_id, operatorId: claim.operator_id, opId: claim.op_id };
    }
    return { workstationId: app.row.last_actor, operatorId: app.row.last_operator, opId: app.row.last_op_id };
  }

  /** The manual checks affirmed for an approve op, one row each (the record's approval step carries the same marks). */
  async recordChecks(tx: StoreDb, opId: string, applicationId: string, marks: readonly ManualCheckMark[], at: number): Promise<void> {
    if (!marks.length) return;
    this.store.append(
      tx,
      'decision_checks',
      marks.map((m) => ({ op_id: opId, application_id: applicationId, check_code: m.check, operator_id: m.operatorId, ticked_at: m.at, recorded_at: at })),
    );
  }

  /** Rows of the append-only effects log, written before the commit of the transaction whose effects they record. */
  async logEffects(tx: StoreDb, effects: readonly Effect[]): Promise<void> {
    this.store.append(
      tx,
      'effects',
      effects.map((e) => ({ op_id: e.opId, application_id: e.applicationId, center_id: e.centerId, kind: e.kind, version: e.version, workstation_id: e.workstationId, at: e.at })),
    );
  }

  logEffect(tx: StoreDb, effect: Effect): Promise<void> {
    return this.logEffects(tx, [effect]);
  }
}

/**
 * When a workstation's step happened, for the history: the op's client time (the administrator's moment, so a center
 * offline for days keeps its days), but never before the step it follows (a clock that ran behind) and never after
 * the server's now (a clock that ran ahead). The server's own time of recording is kept beside it (`recordedAt`).
 */
export function stepTime(clientTime: string, history: readonly StatusChange[], now: number): number {
  const client = Date.parse(clientTime);
  const last = history[history.length - 1];
  const previous = last ? Date.parse(last.at) : Number.NEGATIVE_INFINITY;
  return Math.max(previous, Math.min(Number.isFinite(client) ? client : now, now));
}

function toStored(row: ApplicationsTable | undefined): StoredApplication | undefined {
  if (!row) return undefined;
  const { record, ...rest } = row;
  return { row: rest, record: JSON.parse(record) as ApplicationRecord };
}
