import type { PushOp } from '../../shared/sync/push';
import { OpArgsSchemas, describeIssue } from '../../shared/sync/push-versions';
import type { PushContext, PushDeps } from '../services/push-deps';
import type { OpOutcome } from '../services/push-types';
import { passwordHashProblem } from './password-hash';

/**
 * `operator.password_change`, center-scoped: an operator replaced their one-time password at a workstation (maybe
 * offline, hours ago). The hash is taken only while the operator's password is still the one that change replaced
 * (`basePasswordVersion`): a newer one-time password from IT, or a change already taken from another workstation,
 * stands, and this op is rejected with the reason. Only the operator themselves changes their password (the op's
 * operator); a disabled operator's change is not taken. Recorded in `operator_events` with ids only.
 */
export async function applyPasswordChange(deps: PushDeps, ctx: PushContext, op: PushOp): Promise<OpOutcome> {
  if (!ctx.operators.has(op.operatorId)) {
    return { result: 'rejected', code: 'unknown_operator', message: 'The operator of this op is not an operator of this service center.' };
  }
  const parsed = OpArgsSchemas['operator.password_change'].safeParse(op.args);
  if (!parsed.success) return { result: 'rejected', code: 'invalid_args', message: describeIssue(parsed.error) };
  const args = parsed.data;
  const problem = passwordHashProblem(args.passwordHash);
  if (problem) return { result: 'rejected', code: 'invalid_password_hash', message: problem };

  const row = await deps.store
    .forUpdate(ctx.tx.selectFrom('operators').select(['id', 'disabled', 'password_version']).where('id', '=', op.operatorId))
    .executeTakeFirstOrThrow();
  if (row.disabled === 1) {
    return { result: 'rejected', code: 'operator_disabled', message: 'IT disabled this operator at the central server; the new password was not taken.' };
  }
  if (Number(row.password_version) !== args.basePasswordVersion) {
    return {
      result: 'rejected', code: 'password_superseded',
      message: 'A newer password was set for this operator after this change was made (a new one-time password from IT, or a change at another workstation); the newer one stands.',
    };
  }
  const at = deps.now();
  await ctx.tx
    .updateTable('operators')
    .set({ password_hash: args.passwordHash, must_change_password: 0, password_version: args.basePasswordVersion + 1, password_set_at: at })
    .where('id', '=', row.id)
    .execute();
  await deps.operators.changed(ctx.tx, { id: row.id, centerId: ctx.centerId }, 'password_changed', {}, { actor: ctx.ws.id, opId: op.opId });
  await deps.apps.logEffect(ctx.tx, { opId: op.opId, applicationId: null, centerId: ctx.centerId, kind: op.type, version: null, workstationId: ctx.ws.id, at });
  return { result: 'applied' };
}
