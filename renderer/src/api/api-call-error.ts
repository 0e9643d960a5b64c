import type { ErrorCode } from '../../../shared/api/errors';

/**
 * A failed API call: a stable code (shown through `errors.<code>` in i18n) and the host's sentence, which is the
 * fallback text when the code is not known to this version of the renderer.
 */
export class ApiCallError extends Error {
  constructor(
    readonly code: ErrorCode | (string & {}),
    message: string,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

/** Any failure as an ApiCallError; a plain `{code, message}` (an availability answer of the core) keeps its code. */
export function asApiCallError(err: unknown): ApiCallError {
  if (err instanceof ApiCallError) return err;
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') {
    const message = 'message' in err && typeof err.message === 'string' ? err.message : err.code;
    return new ApiCallError(err.code, message);
  }
  return new ApiCallError('internal', err instanceof Error ? err.message : String(err));
}
