import { AppError } from '../../../shared/api/errors';
import type { SessionEndReason } from '../../../shared/api/auth';
import type { Permission } from '../../../shared/domain/operators';

/** The sentences of the session service's refusals: each names what happened and what the operator can do. */

const MINUTE = 60_000;

export function lockedError(until: number, now: number): AppError {
  const minutes = Math.max(1, Math.ceil((until - now) / MINUTE));
  return new AppError('account_locked', `Too many failed sign-ins: this account is locked for ${minutes} more minute${minutes === 1 ? '' : 's'}.`);
}

/** Why a window's session ended under it, in a sentence its operator can act on. */
export const ENDED_MESSAGE: Record<SessionEndReason, string> = {
  operator_disabled: 'IT disabled this account at the central server, so this session has ended. Ask your supervisor or IT.',
  password_changed: 'The password of this account was changed (a new one-time password from IT, or a change at another workstation), so this session has ended. Sign in with the new password.',
};

/** Refusals that say more than "not your role". */
export const FORBIDDEN_MESSAGE: Partial<Record<Permission, string>> = {
  'reports.read': 'Reports are for supervisors: sign in as a supervisor to open them.',
};
