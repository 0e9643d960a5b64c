import type BetterSqlite3 from 'better-sqlite3';
import type { AuthState, Operator, SessionEndReason } from '../../../shared/api/auth';
import { AppError } from '../../../shared/api/errors';
import { can, type Permission } from '../../../shared/domain/operators';
import type { Db } from '../store/database';
import type { OperatorsTable } from '../store/sql';
import type { AuditLog } from './audit';
import { currentCaller } from './caller';
import { DUMMY_HASH, verifyPassword } from './passwords';
import { ENDED_MESSAGE, FORBIDDEN_MESSAGE, lockedError } from './session-messages';
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

  /**
   * A new session for the caller's window; a session the window held already ends (only that one). An operator who
   * signed in with IT's one-time password gets a session that can only choose their own password (`mustChangePassword`).
   */
  signIn(login: string, password: string): { operator: Operator; credential: string; mustChangePassword: boolean } {
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
    const mustChangePassword = row.must_change_password === 1;
    const { credential } = this.registry.create(operator, { passwordHash: row.password_hash, mustChangePassword }, now);
    return { operator, credential, mustChangePassword };
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

  /** The window's state; a session the central server's change ended says why (`ended`). */
  current(): AuthState {
    const { session, ended } = this.caller();
    return ended ? { operator: null, locked: false, ended } : stateOf(session);
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

  /**
   * The operator an action runs as: the caller's session, signed in, not locked, past the change of a one-time
   * password, and allowed to do it.
   */
  requireOperator(permission: Permission = 'application.decide'): Operator {
    const session = this.requireSession();
    if (session.locked) throw new AppError('session_locked', 'The console is locked. Enter your password to continue.');
    if (session.mustChangePassword) {
      throw new AppError('password_change_required', 'You signed in with a one-time password from IT: choose your own password first.');
    }
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
   * The caller's session in the state that lets it choose its own password in place of a one-time password, with the
   * operator's row as it is now (services/password-change.ts). `changed` is called once the new hash is committed:
   * the session goes on with it, free to work.
   */
  requirePasswordChange(): { operator: Operator; row: OperatorRow; changed(passwordHash: string): AuthState } {
    const session = this.requireSession();
    if (session.locked) throw new AppError('session_locked', 'The console is locked. Enter your password to continue.');
    if (!session.mustChangePassword) {
      throw new AppError('password_change_not_required', 'This session did not sign in with a one-time password; there is nothing to change here.');
    }
    const changed = (passwordHash: string) => {
      session.passwordHash = passwordHash;
      session.mustChangePassword = false;
      this.notify(session);
      return stateOf(session);
    };
    return { operator: session.operator, row: this.byId.get(session.operator.id)!, changed };
  }

  /**
   * Holds every live session against its operator's row as the last pull left it: a session of an operator IT
   * disabled, or whose password changed since they signed in, ends now and its window is told why; a new role
   * applies at once. Called after reference data changed, and for the caller on each call.
   */
  reviewSessions(): number {
    let ended = 0;
    for (const session of this.registry.all()) if (this.checkOperator(session)) ended++;
    return ended;
  }

  /** Ends the session when its operator's row no longer admits it; answers why, or null when it goes on. */
  private checkOperator(session: LiveSession): SessionEndReason | null {
    const row = this.byId.get(session.operator.id);
    const reason: SessionEndReason | null = !row || !this.isUsable(row) || row.disabled ? 'operator_disabled' : row.password_hash !== session.passwordHash ? 'password_changed' : null;
    if (reason) {
      this.registry.rememberEnded(session, reason);
      this.endSession(session, reason);
      return reason;
    }
    if (row!.role !== session.operator.role) {
      session.operator = { ...session.operator, role: row!.role };
      this.notify(session);
    }
    return null;
  }

  private callerSession(): LiveSession | null {
    return this.caller().session;
  }

  /**
   * The session the caller names, aged first: past its expiry it ends, idle past the lock time it locks; one whose
   * operator was disabled or whose password changed ends (`ended` says which). A call while it is unlocked counts as
   * activity.
   */
  private caller(): { session: LiveSession | null; ended: SessionEndReason | null } {
    const credential = currentCaller().session;
    const session = credential ? this.registry.find(credential) : null;
    if (!session) return { session: null, ended: credential ? this.registry.endedReason(credential) : null };
    const ended = this.checkOperator(session);
    if (ended) return { session: null, ended };
    const now = this.now();
    // The limits are whole minutes: a session used within the last minute cannot have aged (and the settings stay unread).
    if (now - session.lastActiveAt >= MINUTE) {
      const age = ageOf(session, now, this.limits());
      if (age === 'expired') {
        this.endSession(session, 'expired');
        return { session: null, ended: null };
      }
      if (age === 'idle') this.lockSession(session, 'idle');
    }
    if (!session.locked) session.lastActiveAt = now;
    return { session, ended: null };
  }

  private requireSession(): LiveSession {
    const { session, ended } = this.caller();
    if (session) return session;
    if (ended) throw new AppError(ended, ENDED_MESSAGE[ended]);
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
    this.forget(session, reason === 'operator_disabled' || reason === 'password_changed' ? reason : undefined);
    try {
      this.audit.record({ at: this.now(), operatorId: session.operator.id, action: 'session.sign_out', entityId: session.operator.id, details: reason ? { reason } : {} });
    } catch {
      // The operator must be able to leave the workstation whatever the storage does; the session is gone already.
    }
  }

  private forget(session: LiveSession, ended?: SessionEndReason): void {
    if (this.registry.remove(session)) this.notify(null, session.key, ended);
  }

  private notify(session: LiveSession | null, key = session?.key, ended?: SessionEndReason): void {
    const state: AuthState = ended ? { operator: null, locked: false, ended } : stateOf(session);
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
