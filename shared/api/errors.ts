import { z } from 'zod';
import { DECISION_ERROR_CODES } from '../domain/decisions';
import { PAPERWORK_ERROR_CODES } from '../domain/facts';

/** Stable error codes; the renderer shows `errors.<code>` from i18n, logs keep the code. */
export const ERROR_CODES = [
  'invalid_input',
  'unknown_method',
  'not_found',
  'forbidden',
  'unauthorized',
  'storage_full',
  'storage_busy',
  'data_folder_locked',
  'database_bound_elsewhere',
  'config_unreadable',
  'config_invalid',
  'invalid_pull_page',
  'internal',
  'transport',
  // Signing in and the session (issue 3).
  'invalid_credentials',
  'account_locked',
  'account_disabled',
  'session_required',
  'session_locked',
  'operators_not_synced',
  // Operators managed by IT on the central server (issue 12): a session ended by a change from there, and the
  // forced change of a one-time password at the first sign-in.
  'operator_disabled',
  'password_changed',
  'password_change_required',
  'password_change_not_required',
  'weak_password',
  'password_unchanged',
  // Decisions on an application: the status machine's answers (shared/domain/decisions.ts).
  ...DECISION_ERROR_CODES,
  // Force-majeure periods.
  'period_end_before_start',
  'period_in_future',
  'period_too_long',
  // Paperwork and handover (issue 5): malformed input only; facts are never refused for status reasons.
  ...PAPERWORK_ERROR_CODES,
  // Sync with the central server (issue 4); also the codes of `sync.status().lastError`.
  'central_unreachable',
  'central_unavailable',
  'central_throttled',
  'central_unauthorized',
  'central_version_mismatch',
  'invalid_central_answer',
  'not_enrolled',
  'enrolment_failed',
  'enrolment_answer_lost',
  'not_quarantined',
  'not_a_conflict',
  'conflict_already_acknowledged',
  // The console's own updates (issue 12).
  'updates_off',
  'update_not_ready',
  'update_busy',
  'update_check_failed',
  'migration_failed',
  'personal_data_purged',
] as const;
export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ApiErrorSchema = z.object({ code: ErrorCodeSchema, message: z.string() });
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** An error the core raises on purpose: a stable code and a sentence a person can act on. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };
