import { FACT_FLAG_TEXT, FACT_OP_ARGS, checkFact, type FactInput, type FactKind } from '../../shared/domain/facts';
import type { PushOp } from '../../shared/sync/push';
import { describeIssue } from '../../shared/sync/push-versions';
import { stepTime, type StoredApplication } from './applications';
import type { OpOutcome } from './push-types';
import type { PushContext, PushDeps } from './push-deps';

export const FACT_TYPES: ReadonlySet<string> = new Set(Object.keys(FACT_OP_ARGS));
export const isFactType = (type: string): type is FactKind => FACT_TYPES.has(type);

/**
 * A fact (the card arrived, was handed over or shipped, a document was printed): never refused for the application's
 * status, only for malformed args. `checkFact` on the server's status says whether the status moves and whether the
 * fact goes to the review list; the flag comes back as the result's code. Facts apply even after a decision of the
 * same batch failed. The card-arrived move follows the delivery the server holds, not the one the op names.
 */
export async function applyFactOp(deps: PushDeps, ctx: PushContext, op: PushOp & { type: FactKind }, app: StoredApplication, operatorId: string): Promise<OpOutcome> {
  const parsed = FACT_OP_ARGS[op.type].safeParse(op.args);
  if (!parsed.success) return { result: 'rejected', code: 'invalid_args', message: describeIssue(parsed.error) };
  const args = parsed.data as Record<string, unknown>;
  const input: FactInput =
    op.type === 'card_arrived' ? { kind: 'card_arrived', delivery: app.record.delivery.method }
    : op.type === 'printed' ? { kind: 'printed', document: (args as { document: Extract<FactInput, { kind: 'printed' }>['document'] }).document }
    : { kind: op.type };
  const seen = app.record.status;
  const outcome = checkFact(input, seen);
  if (outcome.moved && app.record.history.length >= 200) {
    return { result: 'rejected', code: 'history_full', message: 'This application has no room for more steps; ask a supervisor.' };
  }
  const at = deps.now();
  if (outcome.moved) {
    await deps.apps.transition(ctx.tx, app, outcome.next, { workstationId: ctx.ws.id, operatorId, opId: op.opId }, {
      at: stepTime(op.clientTime, app.record.history, at),
      recordedAt: at,
      note: op.type === 'shipped' ? String(args.tracking) : null,
    });
  }
  await ctx.tx
    .insertInto('facts')
    .values({
      op_id: op.opId, application_id: app.record.id, center_id: ctx.centerId, kind: op.type, args: JSON.stringify(args),
      status_seen: seen, status_after: outcome.next, flag: outcome.flag, workstation_id: ctx.ws.id, operator_id: operatorId, recorded_at: at,
    })
    .execute();
  await deps.apps.logEffect(ctx.tx, { opId: op.opId, applicationId: app.record.id, centerId: ctx.centerId, kind: op.type, version: app.row.version, workstationId: ctx.ws.id, at });
  return { result: 'applied', serverVersion: app.row.version, code: outcome.flag, message: outcome.flag ? FACT_FLAG_TEXT[outcome.flag] : undefined };
}
