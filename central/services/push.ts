import { MAX_PUSH_OPS, type PushOpResult, type PushResponse } from '../../shared/sync/push';
import { PushEnvelopeSchema, SUPPORTED_PUSH_SCHEMA_VERSIONS, describeIssue, parsePushOp } from '../../shared/sync/push-versions';
import { HttpError } from '../http/errors';
import { applyApplicationOp } from './push-application';
import { applyCenterOp } from './push-center';
import { isFactType } from './push-facts';
import type { PushContext, PushDeps } from './push-deps';
import { BatchState, type OpOutcome } from './push-types';
import type { WorkstationIdentity, WorkstationService } from './workstations';
import { sha256 } from './workstations';
import { piped, runPiped } from '../store/piped-reads';

/** What a receipt keeps: the answer without the record (a replayed conflict carries the record as it is now). */
type StoredResult = Omit<PushOpResult, 'record'>;

/**
 * Applies a push: ops in `seq` order, each with a receipt written in the same transaction as its effect, the whole
 * batch in one transaction (a crash before the commit leaves nothing, and the workstation's retry is answered from
 * the receipts). A permanent failure is a recorded result, never a whole-request error.
 */
export class PushService {
  constructor(
    private readonly deps: PushDeps & { workstations: WorkstationService },
    private readonly faults: { disableDedupe: boolean },
  ) {}

  async push(centerId: string, ws: WorkstationIdentity, raw: unknown): Promise<PushResponse> {
    const count = Array.isArray((raw as { ops?: unknown } | null)?.ops) ? (raw as { ops: unknown[] }).ops.length : 0;
    if (count > MAX_PUSH_OPS) throw new HttpError(413, 'payload_too_large', `A push carries at most ${MAX_PUSH_OPS} ops; this one has ${count}. Send them in smaller batches.`);
    const parsed = PushEnvelopeSchema.safeParse(raw);
    if (!parsed.success) throw new HttpError(400, 'invalid_request', `The push is malformed: ${describeIssue(parsed.error)}`);
    const envelope = parsed.data;
    if (envelope.workstation !== ws.id) throw new HttpError(403, 'workstation_mismatch', 'The push names another workstation than the token it came with.');
    if (!(SUPPORTED_PUSH_SCHEMA_VERSIONS as readonly number[]).includes(envelope.schemaVersion)) {
      throw new HttpError(409, 'unsupported_schema_version', `This central server reads push schema versions ${SUPPORTED_PUSH_SCHEMA_VERSIONS.join(' and ')}, not ${envelope.schemaVersion}; update the console.`);
    }
    const seqs = new Set(envelope.ops.map((o) => o.seq));
    if (seqs.size !== envelope.ops.length) throw new HttpError(400, 'invalid_request', 'Two ops in the push have the same seq; the order they apply in would be ambiguous.');

    // seq is the workstation's own order; never opId or clientTime (clocks jump back after power cuts).
    const ops = [...envelope.ops].sort((a, b) => a.seq - b.seq);
    const results = await this.deps.store.write(async (tx) => {
      const ctx: PushContext = { tx, centerId, ws, operators: new Map(), batch: new BatchState() };
      const receipts = new Map<string, StoredReceipt>();
      const appIds = ops.map((o) => (o as { applicationId?: unknown }).applicationId).filter((id): id is string => typeof id === 'string');
      // What the ops are decided on, read in one round trip, each statement after the one before has finished:
      await runPiped(this.deps.store, tx, [
        // first the workstation's row, locked until the commit, so a retry of this push waits and then finds the
        // receipts instead of applying the ops beside it;
        piped(this.deps.workstations.auditHeadUpdate(tx, ws.id, envelope.auditHead)),
        piped(this.deps.reference.operatorsQuery(tx, centerId), (rows) => void (ctx.operators = new Map(rows.map((r) => [r.id, r])))),
        ...(ops.length && !this.faults.disableDedupe
          ? [piped(tx.selectFrom('receipts').select(['op_id', 'digest', 'result', 'application_id']).where('op_id', 'in', ops.map((o) => o.opId)), (rows) => {
            for (const r of rows) receipts.set(r.op_id, r);
          })]
          : []),
        // then the applications the ops name, locked together in id order (those of ops answered from receipts too:
        // which ops are new is known only from the statement before), and what was read under those locks: their
        // claims and report facts (the end of the transaction reads them otherwise), and the calendar.
        ...this.deps.apps.lockAllReads(tx, appIds),
        ...this.deps.apps.reportFacts.prefetchReads(tx, appIds),
      ]);
      const out: PushOpResult[] = [];
      for (const op of ops) out.push(await this.processOp(ctx, envelope.schemaVersion, op, receipts));
      return out;
    });
    // Checked against PushResponseSchema once, by the route, on the way out.
    return { results, serverTime: new Date(this.deps.now()).toISOString() };
  }

  /** One op; `receipts` holds the batch's receipts so far (an op id twice in one batch meets its first receipt). */
  private async processOp(ctx: PushContext, version: number, raw: { opId: string; seq: number }, receipts: Map<string, StoredReceipt>): Promise<PushOpResult> {
    const { centerId, ws, batch } = ctx;
    const parsed = parsePushOp(raw, version);
    const { seq: _seq, ...payload } = parsed.ok ? parsed.op : raw;
    const digest = sha256(stableStringify({ workstation: ws.id, center: centerId, op: payload }));
    const rawAppId = (raw as { applicationId?: unknown }).applicationId;
    const applicationId = parsed.ok ? parsed.op.applicationId : typeof rawAppId === 'string' ? rawAppId : null;
    // Only a failed decision makes the batch's later decisions on the application conflict; facts never do.
    const failBatch = () => {
      if (!(parsed.ok && isFactType(parsed.op.type))) batch.fail(applicationId);
    };

    const receipt = this.faults.disableDedupe ? undefined : receipts.get(raw.opId);
    if (receipt) {
      if (receipt.digest !== digest) {
        failBatch();
        return result(raw.opId, 'rejected', 'op_id_reused', 'This op id was already used for a different op; the first op with this id stands.');
      }
      const stored = JSON.parse(receipt.result) as StoredResult;
      if (stored.result === 'applied') return { ...stored, result: 'duplicate', record: null };
      if (stored.result !== 'duplicate') failBatch();
      const current = stored.result === 'conflict' && receipt.application_id ? (await this.deps.apps.get(ctx.tx, receipt.application_id))?.record ?? null : null;
      return { ...stored, record: current };
    }

    const outcome: OpOutcome = !parsed.ok
      ? { result: 'rejected', code: 'invalid_op', message: `The op is malformed: ${parsed.message}` }
      : parsed.op.scope === 'center'
        ? await applyCenterOp(this.deps, ctx, parsed.op)
        : await applyApplicationOp(this.deps, ctx, parsed.op);
    if (outcome.result === 'conflict' || outcome.result === 'rejected') failBatch();

    const answer: PushOpResult = {
      opId: raw.opId,
      result: outcome.result,
      code: outcome.code ?? null,
      message: outcome.message ? outcome.message.slice(0, 1000) : null,
      serverVersion: outcome.serverVersion ?? null,
      winner: outcome.winner ?? null,
      record: outcome.record ?? null,
    };
    const { record: _record, ...stored } = answer;
    const row = {
      op_id: raw.opId, workstation_id: ws.id, center_id: centerId, application_id: applicationId, digest,
      result: JSON.stringify(stored), recorded_at: this.deps.now(),
    };
    // Appended, inserted with the batch's others before the commit; the fault mode that skips dedupe overwrites now.
    if (this.faults.disableDedupe) await ctx.tx.insertInto('receipts').values(row).onConflict((oc) => oc.column('op_id').doUpdateSet({ digest, result: row.result })).execute();
    else this.deps.store.append(ctx.tx, 'receipts', [row]);
    receipts.set(raw.opId, row);
    return answer;
  }
}

interface StoredReceipt {
  digest: string;
  result: string;
  application_id: string | null;
}

function result(opId: string, kind: PushOpResult['result'], code: string | null, message: string | null): PushOpResult {
  return { opId, result: kind, code, message, serverVersion: null, winner: null, record: null };
}

/** JSON with object keys sorted, so the same op gives the same digest whatever order its fields came in. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}

