import type { ApplicationRecord, ManualCheckMark } from '../../shared/domain/application';
import { checkDecision, cleanExplanation, MANUAL_CHECKS, type DecisionAction, type DecisionErrorCode, type ManualCheck } from '../../shared/domain/decisions';
import { isCenterOpType, type PushOp } from '../../shared/sync/push';
import { OpArgsSchemas, describeIssue } from '../../shared/sync/push-versions';
import { stepTime, type Actor, type StoredApplication } from './applications';
import { applyFactOp, isFactType } from './push-facts';
import type { PushContext, PushDeps } from './push-deps';
import type { OpOutcome } from './push-types';

/**
 * Refusals of checkDecision that come from the application's state on the server (someone else got there first):
 * answered `conflict` with the winner and the current record. The others are about the op's own inputs: `rejected`.
 */
const STATE_CODES: ReadonlySet<DecisionErrorCode> = new Set([
  'claimed_by_other', 'already_claimed', 'not_claimed', 'already_decided', 'application_cancelled', 'claim_required',
]);

/** The schema allows 200 history steps; decisions stop short of it so production and delivery events still fit. */
export const HISTORY_DECISION_LIMIT = 190;
const RELEASE_NOTE = 'Заяву повернено до черги';

/**
 * One application-scoped op: the same rules the workstation applied (checkDecision), against the server's state,
 * where claims and decisions go by commit order. The workstation's baseVersion is reported back but never decides
 * alone: a change by someone else since then makes the op conflict only when it changed what the rules look at.
 */
export async function applyApplicationOp(deps: PushDeps, ctx: PushContext, op: PushOp): Promise<OpOutcome> {
  if (isCenterOpType(op.type) || op.applicationId === null) {
    return { result: 'rejected', code: 'invalid_op', message: `An op of type ${op.type} cannot be application-scoped.` };
  }
  // Locked until the push commits: the claim and decision rules below read the state their write depends on.
  const app = await deps.apps.lock(ctx.tx, op.applicationId);
  if (!app || app.row.center_id !== ctx.centerId) {
    return { result: 'rejected', code: 'unknown_application', message: 'The central server has no such application at this service center.' };
  }
  const operator = ctx.operators.get(op.operatorId);
  if (isFactType(op.type)) {
    if (!operator) return { result: 'rejected', code: 'unknown_operator', message: 'The operator of this op is not an operator of this service center.' };
    return applyFactOp(deps, ctx, { ...op, type: op.type }, app, operator.id);
  }
  if (ctx.batch.hasFailed(app.record.id)) {
    return conflict(deps, ctx, app, 'earlier_decision_failed', 'An earlier op on this application in the same push did not go through, so this one, which built on it, is not applied either.');
  }
  if (!operator) return { result: 'rejected', code: 'unknown_operator', message: 'The operator of this op is not an operator of this service center.' };

  const action = toAction(op);
  if (!action.ok) return { result: 'rejected', code: 'invalid_args', message: action.message };
  if (app.record.history.length >= HISTORY_DECISION_LIMIT) {
    return { result: 'rejected', code: 'history_full', message: 'This application has too many steps to take more decisions; ask a supervisor.' };
  }

  const claim = app.record.status === 'in_review' ? await deps.apps.claimOf(ctx.tx, app.record.id) : undefined;
  const act = action.value;
  const knownReason = act.kind === 'refuse' && (await deps.reference.isKnownReason(ctx.tx, act.reasonCode));
  const outcome = checkDecision(
    act,
    { status: app.record.status, claimHolder: claim?.operator_id ?? historyHolder(app.record), autoChecks: app.record.autoChecks },
    { operator: { id: operator.id, role: operator.role }, isKnownReason: () => knownReason },
  );
  if (!outcome.ok) {
    if (!STATE_CODES.has(outcome.code)) return { result: 'rejected', code: outcome.code, message: outcome.message };
    const moved = op.baseVersion !== null && op.baseVersion < app.row.version ? ` (your copy was version ${op.baseVersion}; the server has ${app.row.version})` : '';
    return conflict(deps, ctx, app, outcome.code, outcome.message + moved);
  }

  const recordedAt = deps.now();
  const at = stepTime(op.clientTime, app.record.history, recordedAt);
  const actor: Actor = { workstationId: ctx.ws.id, operatorId: operator.id, opId: op.opId };
  const checks = act.kind === 'approve' ? checkMarksOf(op, action.marks) : [];
  const record = await deps.apps.transition(ctx.tx, app, outcome.next, actor, {
    at,
    recordedAt,
    checks,
    note: act.kind === 'refuse' ? cleanExplanation(act.explanation) : act.kind === 'release' ? RELEASE_NOTE : null,
    edit: act.kind === 'refuse' ? (r) => void (r.refusal = { reasonCode: act.reasonCode, explanation: cleanExplanation(act.explanation) }) : undefined,
  });
  await deps.apps.recordChecks(ctx.tx, op.opId, record.id, checks, recordedAt);
  await deps.apps.logEffect(ctx.tx, { opId: op.opId, applicationId: record.id, centerId: ctx.centerId, kind: op.type, version: record.version, workstationId: ctx.ws.id, at: recordedAt });
  return { result: 'applied', serverVersion: record.version };
}

async function conflict(deps: PushDeps, ctx: PushContext, app: StoredApplication, code: string, message: string): Promise<OpOutcome> {
  return { result: 'conflict', code, message, winner: await deps.apps.winnerOf(ctx.tx, app), record: app.record };
}

type CheckMarkArg = { check: ManualCheck; operatorId: string; tickedAt: string };

/**
 * The marks of an approval as stored: those the op names, or, from a workstation that sends none (older versions),
 * every ticked check affirmed by the op's operator at the op's time, which is what its approval meant.
 */
function checkMarksOf(op: PushOp, marks: readonly CheckMarkArg[] | undefined): ManualCheckMark[] {
  if (marks) return marks.map((m) => ({ check: m.check, operatorId: m.operatorId, at: new Date(m.tickedAt).toISOString() }));
  const at = new Date(op.clientTime).toISOString();
  return MANUAL_CHECKS.map((check) => ({ check, operatorId: op.operatorId, at }));
}

function toAction(op: PushOp): { ok: true; value: DecisionAction; marks?: CheckMarkArg[] } | { ok: false; message: string } {
  switch (op.type) {
    case 'claim':
    case 'release': {
      const r = OpArgsSchemas[op.type].safeParse(op.args);
      return r.success ? { ok: true, value: { kind: op.type } } : { ok: false, message: describeIssue(r.error) };
    }
    case 'approve': {
      const r = OpArgsSchemas.approve.safeParse(op.args);
      return r.success
        ? { ok: true, value: { kind: 'approve', manualChecks: r.data.manualChecks }, marks: r.data.checkMarks }
        : { ok: false, message: describeIssue(r.error) };
    }
    case 'refuse': {
      const r = OpArgsSchemas.refuse.safeParse(op.args);
      return r.success ? { ok: true, value: { kind: 'refuse', ...r.data } } : { ok: false, message: describeIssue(r.error) };
    }
    default:
      return { ok: false, message: `An op of type ${op.type} cannot be application-scoped.` };
  }
}

/** A record seeded in review before claims were rows: the holder is the operator of its last in_review step. */
function historyHolder(record: ApplicationRecord): string | null {
  if (record.status !== 'in_review') return null;
  for (let i = record.history.length - 1; i >= 0; i--) if (record.history[i]!.status === 'in_review') return record.history[i]!.operatorId;
  return null;
}
