import type BetterSqlite3 from 'better-sqlite3';
import type { AuthState } from '../../../shared/api/auth';
import { AppError } from '../../../shared/api/errors';
import { PASSWORD_POLICY_SENTENCE, passwordProblems } from '../../../shared/domain/password-policy';
import type { SqlRunner } from '../store/sql';
import type { AuditLog } from './audit';
import type { SessionService } from './auth';
import type { Outbox } from './outbox';
import { hashPassword, verifyPassword } from './passwords';
import { commitUserAction } from './user-action';

/**
 * The operator's own password in place of IT's one-time password, chosen right after signing in with it. One user
 * action: the operator's row takes the new hash at once (the one-time password stops working on this workstation,
 * online or not), an outbox op carries the hash (never the password) to the central server with the password version
 * it replaced, and the audit log records the change by ids. Until the op is pushed the change holds here only; the
 * center's other workstations take it with their pulls after that (sync/reference-apply.ts keeps it over the
 * server's older password meanwhile).
 */
export class PasswordChangeService {
  private readonly save: BetterSqlite3.Statement<[string, string]>;
  private readonly currentHash: BetterSqlite3.Statement<[string], string>;

  constructor(
    private readonly sql: SqlRunner,
    private readonly session: SessionService,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly centerId: string,
    private readonly now: () => number,
    private readonly onChanged: (reason: string) => void = () => {},
  ) {
    this.save = sql.db.prepare('UPDATE operators SET password_hash = ?, must_change_password = 0, failed_attempts = 0, locked_until = NULL WHERE id = ?');
    this.currentHash = sql.db.prepare<[string], string>('SELECT password_hash FROM operators WHERE id = ?').pluck();
  }

  change(newPassword: string): AuthState {
    const { operator, row, changed } = this.session.requirePasswordChange();
    const problems = passwordProblems(newPassword, { login: row.login });
    if (problems.length) throw new AppError('weak_password', `The new password breaks the password policy (${problems.join(', ')}). ${PASSWORD_POLICY_SENTENCE}`);
    // scrypt is slow on purpose: both run before the transaction, so the write lock is never held for them.
    if (verifyPassword(newPassword, row.password_hash)) throw new AppError('password_unchanged', 'Choose a new password: it must not be the one-time password from IT.');
    const hash = hashPassword(newPassword);
    const now = this.now();
    commitUserAction(this.sql, () => {
      // A pull in between may have brought a newer password from IT: then this session has ended already.
      if (this.currentHash.get(operator.id) !== row.password_hash) {
        throw new AppError('password_changed', 'The password of this account changed meanwhile; sign in again with the newest one.');
      }
      this.save.run(hash, operator.id);
      const op = this.outbox.append({
        scope: 'center', type: 'operator.password_change', centerId: this.centerId,
        args: { passwordHash: hash, basePasswordVersion: row.password_version }, clientTime: now, operatorId: operator.id,
      });
      this.audit.append({ at: now, operatorId: operator.id, action: 'operator.password_changed', entityId: operator.id, details: { opId: op.opId } });
    });
    const state = changed(hash);
    this.onChanged('operator.password_change');
    return state;
  }
}
