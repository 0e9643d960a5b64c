import type BetterSqlite3 from 'better-sqlite3';
import type { AuthState, Operator } from '../../../shared/api/auth';
import { AppError } from '../../../shared/api/errors';
import { can, type Permission } from '../../../shared/domain/operators';
import type { Db } from '../store/database';
import type { OperatorsTable } from '../store/sql';
import type { AuditLog } from './audit';
import { DUMMY_HASH, verifyPassword } from './passwords';
import type { SettingsReader } from './settings';

type OperatorRow = OperatorsTable;

interface Session {
  operator: Operator;
  locked: boolean;
}

const MINUTE = 60_000;

/**
 * One signed-in operator per core (the window). The session lives in memory only: signing out, closing or a
 * crash ends it at once, with nothing to revoke and no network needed. Failed sign-ins lock an account for a
 * while; training operators exist only for a training core.
 */
export class SessionService {
  private session: Session | null = null;
  private readonly byLogin: BetterSqlite3.Statement<[string], OperatorRow>;
  private readonly byId: BetterSqlite3.Statement<[string], OperatorRow>;
  private readonly saveAttempts: BetterSqlite3.Statement<[number, number | null, string]>;

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
  }

  signIn(login: string, password: string): Operator {
    const normalised = login.normalize('NFC').trim().toLowerCase();
    const found = this.byLogin.get(normalised);
    const row = found && this.usable(found) ? found : undefined;
    const now = this.now();
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
    this.db.transaction(() => {
      if (this.session) this.audit.append({ at: now, operatorId: this.session.operator.id, action: 'session.sign_out', entityId: this.session.operator.id, details: { reason: 'replaced' } });
      this.saveAttempts.run(0, null, row.id);
      this.audit.append({ at: now, operatorId: row.id, action: 'session.sign_in', entityId: row.id, details: { role: row.role } });
    }).immediate();
    this.session = { operator, locked: false };
    return operator;
  }

  /** Clears the session at once; never fails, even when the audit entry cannot be written (a full disk). */
  signOut(): boolean {
    const session = this.session;
    this.session = null;
    if (!session) return false;
    try {
      this.audit.record({ at: this.now(), operatorId: session.operator.id, action: 'session.sign_out', entityId: session.operator.id, details: {} });
    } catch {
      // The operator must be able to leave the workstation whatever the storage does; the session is gone already.
    }
    return true;
  }

  current(): AuthState {
    return { operator: this.session?.operator ?? null, locked: this.session?.locked ?? false };
  }

  lock(): AuthState {
    const session = this.requireSession();
    if (!session.locked) {
      session.locked = true;
      this.audit.record({ at: this.now(), operatorId: session.operator.id, action: 'session.lock', entityId: session.operator.id, details: {} });
    }
    return this.current();
  }

  /** Only the signed-in operator unlocks; failures count towards the lockout, which then ends the session. */
  unlock(password: string): AuthState {
    const session = this.requireSession();
    if (!session.locked) return this.current();
    const row = this.byId.get(session.operator.id);
    const now = this.now();
    if (!row || !this.usable(row) || row.disabled) {
      this.endSession('account_disabled');
      throw new AppError('account_disabled', 'This account is disabled. Ask your supervisor to enable it.');
    }
    if (row.locked_until && row.locked_until > now) {
      this.endSession('account_locked');
      throw lockedError(row.locked_until, now);
    }
    if (!verifyPassword(password, row.password_hash)) {
      const error = this.db.transaction(() => {
        this.audit.append({ at: now, operatorId: row.id, action: 'session.unlock_failed', entityId: row.id, details: {} });
        return this.countFailure(row.id, now);
      }).immediate();
      if (error.code === 'account_locked') this.endSession('account_locked');
      throw error;
    }
    this.db.transaction(() => {
      this.saveAttempts.run(0, null, row.id);
      this.audit.append({ at: now, operatorId: row.id, action: 'session.unlock', entityId: row.id, details: {} });
    }).immediate();
    session.locked = false;
    return this.current();
  }

  /** The operator an action runs as: signed in, not locked, and allowed to do it. */
  requireOperator(permission: Permission = 'application.decide'): Operator {
    const session = this.requireSession();
    if (session.locked) throw new AppError('session_locked', 'The console is locked. Enter your password to continue.');
    if (!can(session.operator.role, permission)) {
      throw new AppError('forbidden', FORBIDDEN_MESSAGE[permission] ?? `Your role (${session.operator.role}) does not allow this; ask a supervisor.`);
    }
    return session.operator;
  }

  /** The signed-in operator, or null; for audit entries of reads. */
  operatorId(): string | null {
    return this.session?.operator.id ?? null;
  }

  displayName(operatorId: string): string | null {
    return this.byId.get(operatorId)?.display_name ?? null;
  }

  private requireSession(): Session {
    if (!this.session) throw new AppError('session_required', 'Sign in first.');
    return this.session;
  }

  /** Training operators do not exist for a production core, whatever its database holds. */
  private usable(row: OperatorRow): boolean {
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

  private endSession(reason: string): void {
    const session = this.session;
    this.session = null;
    if (session) this.audit.record({ at: this.now(), operatorId: session.operator.id, action: 'session.sign_out', entityId: session.operator.id, details: { reason } });
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
