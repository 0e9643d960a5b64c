import { ZodError } from 'zod';
import { AppError, type ApiResult } from '../../../shared/api/errors';
import { contract, isMethodName, type ApiFacade } from '../../../shared/api/contract';
import { ROLE_RESTRICTED_METHODS } from '../../../shared/api/permissions';
import type { Permission } from '../../../shared/domain/operators';
import type { Logger } from '../log';
import { NO_CALLER, withCaller, type Caller } from '../services/caller';

export type { Caller } from '../services/caller';

/** Throws the session's refusal (`session_required`, `session_locked`, `forbidden`) when the caller may not do it. */
export type RoleGate = (permission: Permission) => void;
const gates = new WeakMap<ApiFacade, RoleGate>();

/** The core attaches its session's check to the facade it builds, so every transport's dispatch finds it. */
export function attachRoleGate(facade: ApiFacade, gate: RoleGate): void {
  gates.set(facade, gate);
}

/**
 * The one place a contract call is checked and run, for both transports: the method must be in the contract,
 * the caller's role must allow it (checked before the input), the input and the output must match their schemas, and every failure becomes `{ok: false, error}`.
 * `caller` names the session of the window that made the call; everything the call does runs as that session.
 */
export function dispatch(facade: ApiFacade, method: unknown, rawInput: unknown, log?: Logger, caller: Caller = NO_CALLER): Promise<ApiResult<unknown>> {
  return withCaller(caller, () => run(facade, method, rawInput, log));
}

async function run(facade: ApiFacade, method: unknown, rawInput: unknown, log?: Logger): Promise<ApiResult<unknown>> {
  if (!isMethodName(method)) {
    return { ok: false, error: { code: 'unknown_method', message: 'This action is not known to the console.' } };
  }
  const spec = contract[method];
  const permission = ROLE_RESTRICTED_METHODS[method];
  const gate = gates.get(facade);
  if (permission && gate) {
    try {
      gate(permission);
    } catch (err) {
      if (err instanceof AppError) return { ok: false, error: { code: err.code, message: err.message } };
      throw err;
    }
  }
  const parsed = spec.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    return { ok: false, error: { code: 'invalid_input', message: describeZodError(parsed.error) } };
  }
  try {
    const handler = facade[method] as (input: unknown) => unknown;
    const value = await handler(parsed.data);
    const checked = spec.output.safeParse(value);
    if (!checked.success) {
      log?.error({ method, issues: checked.error.issues.slice(0, 5).map((i) => i.path.join('.')) }, 'output failed its schema');
      return { ok: false, error: { code: 'internal', message: 'The console produced an answer it could not check. Nothing was changed.' } };
    }
    return { ok: true, value: checked.data };
  } catch (err) {
    if (err instanceof AppError) {
      log?.warn({ method, code: err.code }, 'call refused');
      return { ok: false, error: { code: err.code, message: err.message } };
    }
    const mapped = mapStorageError(err);
    if (mapped) {
      log?.error({ method, code: mapped.code }, 'storage error');
      return { ok: false, error: mapped };
    }
    log?.error({ method, err: err instanceof Error ? err.name + ': ' + err.message.slice(0, 200) : String(err) }, 'call failed');
    return { ok: false, error: { code: 'internal', message: 'Something went wrong inside the console. Nothing was changed; try again.' } };
  }
}

function describeZodError(error: ZodError): string {
  const first = error.issues[0];
  if (!first) return 'The request was not valid.';
  const where = first.path.length ? ` (${first.path.join('.')})` : '';
  return `The request was not valid${where}: ${first.message}`;
}

/** SQLite failures that a person can act on. */
export function mapStorageError(err: unknown): { code: 'storage_full' | 'storage_busy'; message: string } | null {
  const code = (err as { code?: string } | null)?.code;
  if (code === 'SQLITE_FULL') {
    return { code: 'storage_full', message: 'The disk is full. Nothing was saved from this action; free some space and try again.' };
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return { code: 'storage_busy', message: 'The database is busy. Try again in a moment.' };
  }
  return null;
}
