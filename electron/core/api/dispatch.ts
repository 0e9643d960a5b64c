import { ZodError } from 'zod';
import { AppError, type ApiResult } from '../../../shared/api/errors';
import { contract, isMethodName, type ApiFacade } from '../../../shared/api/contract';
import type { Logger } from '../log';

/**
 * The one place a contract call is checked and run, for both transports: the method must be in the contract,
 * the input and the output must match their schemas, and every failure becomes `{ok: false, error}`.
 */
export async function dispatch(facade: ApiFacade, method: unknown, rawInput: unknown, log?: Logger): Promise<ApiResult<unknown>> {
  if (!isMethodName(method)) {
    return { ok: false, error: { code: 'unknown_method', message: 'This action is not known to the console.' } };
  }
  const spec = contract[method];
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
