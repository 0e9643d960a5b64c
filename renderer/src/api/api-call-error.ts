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

export function asApiCallError(err: unknown): ApiCallError {
  if (err instanceof ApiCallError) return err;
  return new ApiCallError('internal', err instanceof Error ? err.message : String(err));
}
