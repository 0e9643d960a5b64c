import { FORCE_MAJEURE_MAX_DAYS } from '../../shared/api/force-majeure';
import { kyivDayNumber } from '../../shared/domain/kyiv-time';
import { can } from '../../shared/domain/operators';
import type { PushOp } from '../../shared/sync/push';
import { OpArgsSchemas, describeIssue } from '../../shared/sync/push-versions';
import { applyPasswordChange } from '../operators/password-change-op';
import type { OpOutcome } from './push-types';
import type { PushContext, PushDeps } from './push-deps';

const DAY_MS = 86_400_000;

/** A center-scoped op: a force-majeure period, or an operator's new password (operators/password-change-op.ts). */
export async function applyCenterOp(deps: PushDeps, ctx: PushContext, op: PushOp): Promise<OpOutcome> {
  if (op.applicationId !== null) return { result: 'rejected', code: 'invalid_op', message: 'A center-scoped op names no application.' };
  if (op.type === 'force_majeure.record') return recordForceMajeure(deps, ctx, op);
  if (op.type === 'operator.password_change') return applyPasswordChange(deps, ctx, op);
  return { result: 'rejected', code: 'invalid_op', message: `An op of type ${op.type} cannot be center-scoped.` };
}

/**
 * A force-majeure period recorded by a supervisor. Stored once per period id (the same period pushed again under
 * another op id answers `duplicate`), and the reference data's version moves so every workstation pulls the new
 * period.
 */
async function recordForceMajeure(deps: PushDeps, ctx: PushContext, op: PushOp): Promise<OpOutcome> {
  const operator = ctx.operators.get(op.operatorId);
  if (!operator) return { result: 'rejected', code: 'unknown_operator', message: 'The operator of this op is not an operator of this service center.' };
  if (!can(operator.role, 'forceMajeure.record')) {
    return { result: 'rejected', code: 'forbidden', message: 'Only a supervisor can record a force-majeure period.' };
  }
  const parsed = OpArgsSchemas['force_majeure.record'].safeParse(op.args);
  if (!parsed.success) return { result: 'rejected', code: 'invalid_args', message: describeIssue(parsed.error) };
  const args = parsed.data;
  const startsAt = Date.parse(args.startsAt);
  const endsAt = Date.parse(args.endsAt);
  if (!(endsAt > startsAt)) return { result: 'rejected', code: 'period_end_before_start', message: 'The period must end after it starts.' };
  if (endsAt - startsAt > FORCE_MAJEURE_MAX_DAYS * DAY_MS) {
    return { result: 'rejected', code: 'period_too_long', message: `One period may last at most ${FORCE_MAJEURE_MAX_DAYS} days.` };
  }
  const period = {
    id: args.periodId.toLowerCase(), center_id: ctx.centerId, kind: args.kind, starts_at: new Date(startsAt).toISOString(),
    ends_at: new Date(endsAt).toISOString(), note: args.note.trim(),
  };
  const at = deps.now();
  // Insert first: of two workstations recording the same period at once, one inserts and the other finds it.
  const inserted = await ctx.tx
    .insertInto('force_majeure_periods')
    .values({ ...period, recorded_by: operator.id, workstation_id: ctx.ws.id, op_id: op.opId, recorded_at: at })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
    const existing = await ctx.tx.selectFrom('force_majeure_periods').selectAll().where('id', '=', period.id).executeTakeFirstOrThrow();
    const same = existing.center_id === period.center_id && existing.kind === period.kind && existing.starts_at === period.starts_at
      && existing.ends_at === period.ends_at && existing.note === period.note;
    return same
      ? { result: 'duplicate', code: 'period_already_recorded', message: 'This force-majeure period is already recorded.' }
      : { result: 'rejected', code: 'period_id_reused', message: 'Another force-majeure period was recorded with this id.' };
  }
  await deps.meta.bumpReferenceVersion(ctx.tx);
  // Deadlines running on the period's days may move: the report's late days and extensions follow in this push.
  await deps.apps.reportFacts.deadlinesMoved(ctx.tx, ctx.centerId, kyivDayNumber(startsAt), kyivDayNumber(endsAt - 1));
  await deps.apps.logEffect(ctx.tx, { opId: op.opId, applicationId: null, centerId: ctx.centerId, kind: op.type, version: null, workstationId: ctx.ws.id, at });
  return { result: 'applied' };
}
