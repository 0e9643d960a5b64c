import type { ApiResult } from '../../shared/api/errors';
import { sessionKey } from '../core/index';

/**
 * The session of each window, by its webContents id: the shell's counterpart of the browser page's sessionStorage.
 * A sign-in from a window binds the credential the core issued to that window (the renderer never holds it); every
 * later call from the window carries it; signing out, or the window going away, unbinds it. So a second window, or
 * a reloaded page's next sign-in, never acts as another window's operator.
 */
export class WindowSessions {
  private readonly credentials = new Map<number, string>();

  credentialOf(contentsId: number): string | null {
    return this.credentials.get(contentsId) ?? null;
  }

  /** What a window's call changed about its session; the answer the window sees carries no credential. */
  afterCall(contentsId: number, method: string, result: ApiResult<unknown>): ApiResult<unknown> {
    if (method === 'auth.signOut') this.credentials.delete(contentsId);
    if (method !== 'auth.signIn' || !result.ok) return result;
    const value = result.value as { session?: unknown };
    if (typeof value.session === 'string') this.credentials.set(contentsId, value.session);
    return { ok: true, value: { ...value, session: null } };
  }

  /** The window is gone: returns the credential whose session must end with it. */
  release(contentsId: number): string | null {
    const credential = this.credentialOf(contentsId);
    this.credentials.delete(contentsId);
    return credential;
  }

  /** Whether this window holds the session an event is addressed to. */
  holds(contentsId: number, key: string): boolean {
    const credential = this.credentialOf(contentsId);
    return credential !== null && sessionKey(credential) === key;
  }
}
