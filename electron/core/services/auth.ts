import type BetterSqlite3 from 'better-sqlite3';
import type { AuthState, Operator } from '../../../shared/api/auth';
import { AppError } from '../../../shared/api/errors';
import { can, type Permission } from '../../../shared/domain/operators';
import type { Db } from '../store/database';
import type { OperatorsTable } from '../store/sql';
import type { AuditLog } from './audit';
import { currentCaller } from './caller';
import { DUMMY_HASH, verifyPassword } from './passwords';
import { ageOf, SessionRegistry, stateOf, type LiveSession, type SessionLimits } from './sessions';
import type { SettingsReader } from './settings';

type OperatorRow = OperatorsTable;

/** Told when a session changed or ended: the transports pass it on to the window(s) holding that session. */
export type SessionListener = (sessionKey: string, state: AuthState) => void;

const MINUTE = 60_000;

/**
 * The operators' sessions: one per window that signed in, each with its own operator, idle lock and expiry. Each
 * contract call names its caller's session (services/caller.ts), so every service that asks here for "the operator"
 * gets the operator of the window that made the call, and one window's sign-in, lock or sign-out leaves every other
 * window as it was. Sessions live in memory only: signing out, closing the window or a restart ends them at once,
 * with nothing to revoke and no network needed. Failed sign-ins lock an account for a while; training operators
 * exist only for a training core.
 */
export class SessionService {
  private readonly registry = new SessionRegistry();
  private readonly listeners = new Set<SessionListener>();
  private readonly byLogin: BetterSqlite3.Statement<[string], OperatorRow>;
  private readonly byId: BetterSqlite3.Statement<[string], OperatorRow>;
  private readonly saveAttempts: BetterSqlite3.Statement<[number, number | null, string]>;
  private readonly usable: BetterSqlite3.Statement<[], number>;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly settings: SettingsReader,
    private readonly now: () => number,
    private readonly mode: 'training' | 'production',
  ) {
    this.byLogin = db.prepare('SELECT * FROM operators WHERE login = ?');
    this.byId = db.prepare('SELECT * FROM operators WHERE id = ?');
    this.saveAttempts = db.prepare('UPDATE operators SET failed_attempts = ?, locked_until = ? WHERE id = ?');
    this.usable = db.prepare<[], number>(`SELECT count(*) FROM operators${mode === 'training' ? '' : " WHERE source <> 'training'"}`).pluck();
  }

  onSessionChanged(listener: SessionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Operators this core can sign in (zero until the first sync has brought them from the central server). */
  operatorCount(): number {
    return this.usable.get()!;
  }

  /** A new session for the caller's window; a session the window held already ends (only that one). */
  signIn(login: string, password: string): { operator: Operator; credential: string } {
    const normalised = login.normalize('NFC').trim().toLowerCase();
    const now = this.now();
    if (this.operatorCount() === 0) {
      // No operator has arrived yet, so the attempt says nothing about any account: nothing is counted or locked.
      this.audit.record({ at: now, operatorId: null, action: 'session.sign_in_refused', entityId: null, details: { reason: 'operators_not_synced' } });
      throw new AppError(
        'operators_not_synced',
        'The operators of this center have not arrived from the central server yet: sign-in opens when the first sync has brought them.',
      );
    }
    const found = this.byLogin.get(normalised);
    const row = found && this.isUsable(found) ? found : undefined;
    if (row?.locked_until && row.locked_until > now) {
      this.audit.record({ at: now, operatorId: null, action: 'session.sign_in_refused', entityId: row.id, details: { reason: 'account_locked' } });
      throw lockedError(row.locked_until, now);
    }
    // The hash is checked before the transaction: scrypt takes tens of milliseconds and must not hold the write lock.
    const passwordOk = verifyPassword(password, row?.password_hash ?? DUMMY_HASH) && row !== undefined;
    if (!row || !passwordOk) {
      const error = this.db.transaction(() => {
        this.audit.append({ at: now, operatorId: null, action: 'session.sign_in_failed', entityId: row?.id ?? null, details: { login: normalised } });
        return row ? this.countFailure(row.id, now) : null;
      }).immediate();
      throw error ?? new AppError('invalid_credentials', 'The login or the password is wrong.');
    }
    if (row.disabled) {
      this.audit.record({ at: now, operatorId: null, action: 'session.sign_in_refused', entityId: row.id, details: { reason: 'account_disabled' } });
      throw new AppError('account_disabled', 'This account is disabled. Ask your supervisor to enable it.');
    }
    const operator: Operator = { id: row.id, displayName: row.display_name, role: row.role };
    const replaced = this.callerSession();
    this.db.transaction(() => {
      if (replaced) this.audit.append({ at: now, operatorId: replaced.operator.id, action: 'session.sign_out', entityId: replaced.operator.id, details: { reason: 'replaced' } });
      this.saveAttempts.run(0, null, row.id);
      this.audit.append({ at: now, operatorId: row.id, action: 'session.sign_in', entityId: row.id, details: { role: row.role } });
    }).immediate();
    if (replaced) this.forget(replaced);
    for (const { session, reason } of this.registry.surplus(now, this.limits(), 1)) this.endSession(session, reason);
    const { credential } = this.registry.create(operator, now);
    return { operator, credential };
  }

  /** Ends the caller's session at once; never fails, even when the audit entry cannot be written (a full disk). */
  signOut(): boolean {
    const session = this.callerSession();
    if (!session) return false;
    this.endSession(session, null);
    return true;
  }

  /** Ends every session (the core is closing). */
  endAll(reason: string): void {
    for (const session of this.registry.all()) this.endSession(session, reason);
  }

  current(): AuthState {
    return stateOf(this.callerSession());
  }

  lock(): AuthState {
    const session = this.requireSession();
    if (!session.locked) this.lockSession(session, null);
    return stateOf(session);
  }

  /** Only the session's own operator unlocks; failures count towards the lockout, which then ends the session. */
  unlock(password: string): AuthState {
    const session = this.requireSession();
    if (!session.locked) return stateOf(session);
    const row = this.byId.get(session.operator.id);
    const now = this.now();
    if (!row || !this.isUsable(row) || row.disabled) {
      this.endSession(session, 'account_disabled');
      throw new AppError('account_disabled', 'This account is disabled. Ask your supervisor to enable it.');
    }
    if (row.locked_until && row.locked_until > now) {
      this.endSession(session, 'account_locked');
      throw lockedError(row.locked_until, now);
    }
    if (!verifyPassword(password, row.password_hash)) {
      const error = this.db.transaction(() => {
        this.audit.append({ at: now, operatorId: row.id, action: 'session.unlock_failed', entityId: row.id, details: {} });
        return this.countFailure(row.id, now);
      }).immediate();
      if (error.code === 'account_locked') this.endSession(session, 'account_locked');
      throw error;
    }
    this.db.transaction(() => {
      this.saveAttempts.run(0, null, row.id);
      this.audit.append({ at: now, operatorId: row.id, action: 'session.unlock', entityId: row.id, details: {} });
    }).immediate();
    session.locked = false;
    session.lastActiveAt = now;
    this.notify(session);
    return stateOf(session);
  }

  /** The operator an action runs as: the caller's session, signed in, not locked, and allowed to do it. */
  requireOperator(permission: Permission = 'application.decide'): Operator {
    const session = this.requireSession();
    if (session.locked) throw new AppError('session_locked', 'The console is locked. Enter your password to continue.');
    if (!can(session.operator.role, permission)) {
      throw new AppError('forbidden', FORBIDDEN_MESSAGE[permission] ?? `Your role (${session.operator.role}) does not allow this; ask a supervisor.`);
    }
    return session.operator;
  }

  /** The caller's operator, or null; for audit entries of reads. */
  operatorId(): string | null {
    return this.callerSession()?.operator.id ?? null;
  }

  displayName(operatorId: string): string | null {
    return this.byId.get(operatorId)?.display_name ?? null;
  }

  /**
   * The session the caller names, aged first: past its expiry it ends, idle past the lock time it locks. A call
   * while it is unlocked counts as activity.
   */
  private callerSession(): LiveSession | null {
    const credential = currentCaller().session;
    const session = credential ? this.registry.find(credential) : null;
    if (!session) return null;
    const now = this.now();
    // The limits are whole minutes: a session used within the last minute cannot have aged (and the settings stay unread).
    if (now - session.lastActiveAt >= MINUTE) {
      const age = ageOf(session, now, this.limits());
      if (age === 'expired') {
        this.endSession(session, 'expired');
        return null;
      }
      if (age === 'idle') this.lockSession(session, 'idle');
    }
    if (!session.locked) session.lastActiveAt = now;
    return session;
  }

  private requireSession(): LiveSession {
    const session = this.callerSession();
    if (session) return session;
    if (!currentCaller().session) throw new AppError('session_required', 'Sign in first.');
    throw new AppError('session_required', "This window's session is not known to the console (it was signed out, expired, or the console restarted). Sign in again.");
  }

  private limits(): SessionLimits {
    const { idleLockMinutes, sessionExpiryMinutes } = this.settings.auth();
    return { idleLockMs: idleLockMinutes * MINUTE, expiryMs: sessionExpiryMinutes * MINUTE };
  }

  private lockSession(session: LiveSession, reason: 'idle' | null): void {
    session.locked = true;
    this.audit.record({ at: this.now(), operatorId: session.operator.id, action: 'session.lock', entityId: session.operator.id, details: reason ? { reason } : {} });
    this.notify(session);
  }

  /** Ends a session at once; the audit entry is written if the storage allows (a full disk must not keep anyone in). */
  private endSession(session: LiveSession, reason: string | null): void {
    this.forget(session);
    try {
      this.audit.record({ at: this.now(), operatorId: session.operator.id, action: 'session.sign_out', entityId: session.operator.id, details: reason ? { reason } : {} });
    } catch {
      // The operator must be able to leave the workstation whatever the storage does; the session is gone already.
    }
  }

  private forget(session: LiveSession): void {
    if (this.registry.remove(session)) this.notify(null, session.key);
  }

  private notify(session: LiveSession | null, key = session?.key): void {
    const state = stateOf(session);
    for (const listener of this.listeners) {
      try {
        listener(key!, state);
      } catch {
        // A window that cannot be told keeps working; its next call answers with the session's state.
      }
    }
  }

  /** Training operators do not exist for a production core, whatever its database holds. */
  private isUsable(row: OperatorRow): boolean {
    return this.mode === 'training' || row.source !== 'training';
  }

  /** Counts one failed attempt inside the caller's transaction; the error to throw says whether it locked the account. */
  private countFailure(id: string, now: number): AppError {
    const current = this.byId.get(id)!;
    const { maxFailedSignIns, lockoutMinutes } = this.settings.auth();
    const failed = current.failed_attempts + 1;
    if (failed >= maxFailedSignIns) {
      const until = now + lockoutMinutes * MINUTE;
      this.saveAttempts.run(0, until, id);
      this.audit.append({ at: now, operatorId: null, action: 'operator.locked_out', entityId: id, details: { until } });
      return lockedError(until, now);
    }
    this.saveAttempts.run(failed, null, id);
    return new AppError('invalid_credentials', 'The login or the password is wrong.');
  }
}

function lockedError(until: number, now: number): AppError {
  const minutes = Math.max(1, Math.ceil((until - now) / MINUTE));
  return new AppError('account_locked', `Too many failed sign-ins: this account is locked for ${minutes} more minute${minutes === 1 ? '' : 's'}.`);
}

/** Refusals that say more than "not your role". */
const FORBIDDEN_MESSAGE: Partial<Record<Permission, string>> = {
  'reports.read': 'Reports are for supervisors: sign in as a supervisor to open them.',
};
