import { FORCE_MAJEURE_MAX_DAYS } from '../../shared/api/force-majeure';
import { can } from '../../shared/domain/operators';
import type { PushOp } from '../../shared/sync/push';
import { OpArgsSchemas, describeIssue } from '../../shared/sync/push-versions';
import { qb } from '../store/sql';
import type { OpOutcome } from './push-types';
import type { PushDeps } from './push-deps';
import type { WorkstationIdentity } from './workstations';

const DAY_MS = 86_400_000;

/**
 * A center-scoped op: a force-majeure period recorded by a supervisor. Stored once per period id (the same period
 * pushed again under another op id answers `duplicate`), and the reference data's version moves so every
 * workstation pulls the new period.
 */
export function applyCenterOp(deps: PushDeps, centerId: string, ws: WorkstationIdentity, op: PushOp): OpOutcome {
  if (op.type !== 'force_majeure.record' || op.applicationId !== null) {
    return { result: 'rejected', code: 'invalid_op', message: `An op of type ${op.type} cannot be center-scoped.` };
  }
  const operator = deps.reference.operator(centerId, op.operatorId);
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
    id: args.periodId.toLowerCase(), center_id: centerId, kind: args.kind, starts_at: new Date(startsAt).toISOString(),
    ends_at: new Date(endsAt).toISOString(), note: args.note.trim(),
  };
  const existing = deps.sql.get(qb.selectFrom('force_majeure_periods').selectAll().where('id', '=', period.id));
  if (existing) {
    const same = existing.center_id === period.center_id && existing.kind === period.kind && existing.starts_at === period.starts_at
      && existing.ends_at === period.ends_at && existing.note === period.note;
    return same
      ? { result: 'duplicate', code: 'period_already_recorded', message: 'This force-majeure period is already recorded.' }
      : { result: 'rejected', code: 'period_id_reused', message: 'Another force-majeure period was recorded with this id.' };
  }
  const at = deps.now();
  deps.sql.run(qb.insertInto('force_majeure_periods').values({ ...period, recorded_by: operator.id, workstation_id: ws.id, op_id: op.opId, recorded_at: at }));
  deps.meta.bumpReferenceVersion();
  deps.apps.logEffect({ opId: op.opId, applicationId: null, centerId, kind: op.type, version: null, workstationId: ws.id, at });
  return { result: 'applied' };
}
