import { createHash, randomBytes } from 'node:crypto';
import type { AuthState, Operator, SessionEndReason } from '../../../shared/api/auth';

/** One signed-in operator in one window (a browser page, an Electron window). */
export interface LiveSession {
  /** The digest of the credential: the registry never keeps the credential itself. */
  readonly key: string;
  /** As signed in; the role follows a change IT made at the central server from the next call on. */
  operator: Operator;
  /** The stored hash the operator signed in against: another one in their row means the password changed since. */
  passwordHash: string;
  /** Signed in with a one-time password from IT: nothing but choosing their own password until they have. */
  mustChangePassword: boolean;
  locked: boolean;
  /** The last call of this session while it was unlocked, or its sign-in or unlock. */
  lastActiveAt: number;
}

export interface SessionLimits {
  /** Without a call for this long an unlocked session locks itself. */
  idleLockMs: number;
  /** Without a call for this long (locked or not) a session ends. */
  expiryMs: number;
}

const MINUTE = 60_000;

/**
 * The window reports its operator's input to the core at most this often (renderer/src/features/session), so the
 * core's own idle lock waits that much longer than the window's: the window always locks first.
 */
export const IDLE_REPORT_GRACE_MS = MINUTE;
/** Live sessions one core keeps at most; past it, signing in ends the one idle the longest. */
export const MAX_SESSIONS = 64;

/** The key a transport and the registry both derive from a credential (events are addressed by it). */
export function sessionKey(credential: string): string {
  return createHash('sha256').update(credential, 'utf8').digest('hex');
}

/** What time has done to a session since it was last active. */
export function ageOf(session: LiveSession, now: number, limits: SessionLimits): 'fresh' | 'idle' | 'expired' {
  const idle = now - session.lastActiveAt;
  if (idle >= limits.expiryMs) return 'expired';
  if (!session.locked && idle >= limits.idleLockMs + IDLE_REPORT_GRACE_MS) return 'idle';
  return 'fresh';
}

export function stateOf(session: LiveSession | null): AuthState {
  return { operator: session?.operator ?? null, locked: session?.locked ?? false, ...(session?.mustChangePassword ? { mustChangePassword: true } : {}) };
}

/** Sessions ended by a change from the central server are remembered this long (by key), so the window is told why. */
const ENDED_REMEMBERED = 1024;

/**
 * The live sessions of one core, by the digest of their credential. A credential is 32 random bytes handed to the
 * window at sign-in and never stored; it means nothing after the session ends or the core restarts.
 */
export class SessionRegistry {
  private readonly sessions = new Map<string, LiveSession>();
  private readonly ended = new Map<string, SessionEndReason>();

  create(operator: Operator, signedInWith: { passwordHash: string; mustChangePassword: boolean }, now: number): { credential: string; session: LiveSession } {
    const credential = randomBytes(32).toString('base64url');
    const session: LiveSession = { key: sessionKey(credential), operator, ...signedInWith, locked: false, lastActiveAt: now };
    this.sessions.set(session.key, session);
    return { credential, session };
  }

  /** Keeps why a session was ended by the central server's change, for the window's next call. */
  rememberEnded(session: LiveSession, reason: SessionEndReason): void {
    this.ended.set(session.key, reason);
    if (this.ended.size > ENDED_REMEMBERED) this.ended.delete(this.ended.keys().next().value!);
  }

  endedReason(credential: string): SessionEndReason | null {
    return credential.length > 256 ? null : (this.ended.get(sessionKey(credential)) ?? null);
  }

  find(credential: string): LiveSession | null {
    // A credential is 43 characters; anything far longer is not one, and is not hashed.
    if (credential.length > 256) return null;
    return this.sessions.get(sessionKey(credential)) ?? null;
  }

  remove(session: LiveSession): boolean {
    return this.sessions.delete(session.key);
  }

  /**
   * What to end before `room` more sessions begin: the ones that have waited out their expiry (windows closed without
   * signing out), and, past MAX_SESSIONS, the ones idle the longest.
   */
  surplus(now: number, limits: SessionLimits, room: number): { session: LiveSession; reason: 'expired' | 'evicted' }[] {
    const live = [...this.sessions.values()];
    const expired = live.filter((s) => ageOf(s, now, limits) === 'expired');
    const rest = live.filter((s) => !expired.includes(s)).sort((a, b) => a.lastActiveAt - b.lastActiveAt);
    const over = Math.max(0, rest.length - (MAX_SESSIONS - room));
    return [
      ...expired.map((session) => ({ session, reason: 'expired' as const })),
      ...rest.slice(0, over).map((session) => ({ session, reason: 'evicted' as const })),
    ];
  }

  all(): LiveSession[] {
    return [...this.sessions.values()];
  }

  get size(): number {
    return this.sessions.size;
  }
}
