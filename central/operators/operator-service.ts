import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { ROLES, type Role } from '../../shared/domain/operators';
import { PASSWORD_POLICY_SENTENCE, passwordProblems } from '../../shared/domain/password-policy';
import {
  OPERATOR_LOGIN_PATTERN,
  type AdminOperator,
  type OperatorChange,
  type OperatorCreate,
  type OperatorIssued,
} from '../../shared/sync/operators';
import { HttpError } from '../http/errors';
import type { CentralContext } from '../services/context';
import type { MetaStore } from '../services/meta';
import type { CentralSchema, OperatorEventKind } from '../store/schema';
import type { StoreDb } from '../store/store';
import { generateOneTimePassword } from './one-time-password';
import { hashPassword } from './password-hash';

type OperatorRow = Selectable<CentralSchema['operators']>;

export interface OperatorEvent {
  kind: OperatorEventKind;
  actor: string;
  opId: string | null;
  details: Record<string, unknown>;
  at: string;
}

/**
 * IT's management of the operators of every center: add with a one-time password, disable and re-enable, change the
 * role, issue a new one-time password. Each change is one transaction that also moves the reference data's version,
 * so every workstation of the center takes it with its next pull, and writes an `operator_events` row (ids only).
 * A one-time password is hashed before the transaction (scrypt is slow on purpose) and leaves the server only in the
 * answer to IT; operators are never deleted, so their past decisions keep their name.
 */
export class OperatorService {
  constructor(
    private readonly context: CentralContext,
    private readonly meta: MetaStore,
  ) {}

  async list(centerId?: string): Promise<AdminOperator[]> {
    let q = this.context.store.db.selectFrom('operators').selectAll().orderBy('center_id').orderBy('login');
    if (centerId !== undefined) {
      await this.requireCenter(this.context.store.db, centerId);
      q = q.where('center_id', '=', centerId);
    }
    return (await q.execute()).map(toAdmin);
  }

  async get(centerId: string, login: string): Promise<AdminOperator> {
    return toAdmin(await this.find(this.context.store.db, centerId, login));
  }

  async add(centerId: string, input: OperatorCreate): Promise<OperatorIssued> {
    const login = normaliseLogin(input.login);
    if (!OPERATOR_LOGIN_PATTERN.test(login)) {
      throw new HttpError(422, 'invalid_login', 'A login is 3 to 32 characters: lower-case Latin letters, digits, dot, dash or underscore, starting with a letter or digit.');
    }
    const displayName = input.displayName.normalize('NFC').trim();
    if (displayName.length < 2 || displayName.length > 200 || /\p{Cc}/u.test(displayName)) {
      throw new HttpError(422, 'invalid_display_name', 'The display name (the operator\'s name as reports and history show it) needs 2 to 200 characters and no control characters.');
    }
    const role = parseRole(input.role);
    await this.requireCenter(this.context.store.db, centerId);
    const password = input.password ?? generateOneTimePassword(login);
    checkPolicy(password, login);
    const hash = await hashPassword(password);
    const operator = await this.context.store.write(async (tx) => {
      await this.requireCenter(tx, centerId);
      const taken = await tx.selectFrom('operators').select(['id', 'disabled']).where('center_id', '=', centerId).where('login', '=', login).executeTakeFirst();
      if (taken) {
        throw new HttpError(409, 'duplicate_login', `Center ${centerId} already has an operator with the login "${login}"${taken.disabled ? ' (disabled: enable them again instead)' : ''}; logins are never reused within a center.`);
      }
      const now = this.context.now();
      const id = `op-${randomUUID()}`;
      await tx
        .insertInto('operators')
        .values({
          id, center_id: centerId, login, display_name: displayName, role, password_hash: hash, disabled: 0, source: 'central',
          must_change_password: 1, password_version: 1, password_set_at: now,
        })
        .execute();
      await this.changed(tx, { id, centerId }, 'added', { role });
      return this.find(tx, centerId, login);
    });
    return { operator: toAdmin(operator), oneTimePassword: password };
  }

  /** Disables or re-enables, and/or sets the role; a change to what is already so writes nothing. */
  async change(centerId: string, rawLogin: string, change: OperatorChange): Promise<AdminOperator> {
    if (change.disabled === undefined && change.role === undefined) {
      throw new HttpError(422, 'nothing_to_change', 'Say what to change: disabled (true or false) and/or role.');
    }
    const role = change.role === undefined ? undefined : parseRole(change.role);
    return this.context.store.write(async (tx) => {
      const row = await this.find(tx, centerId, normaliseLogin(rawLogin), true);
      const target = { id: row.id, centerId };
      if (change.disabled !== undefined && row.disabled !== (change.disabled ? 1 : 0)) {
        await tx.updateTable('operators').set({ disabled: change.disabled ? 1 : 0 }).where('id', '=', row.id).execute();
        await this.changed(tx, target, change.disabled ? 'disabled' : 'enabled', {});
      }
      if (role !== undefined && row.role !== role) {
        await tx.updateTable('operators').set({ role }).where('id', '=', row.id).execute();
        await this.changed(tx, target, 'role_changed', { from: row.role, to: role });
      }
      return toAdmin(await this.find(tx, centerId, row.login));
    });
  }

  /** A new one-time password: the old password stops working on each workstation of the center with its next pull. */
  async resetPassword(centerId: string, rawLogin: string, chosen?: string): Promise<OperatorIssued> {
    const login = normaliseLogin(rawLogin);
    await this.find(this.context.store.db, centerId, login);
    const password = chosen ?? generateOneTimePassword(login);
    checkPolicy(password, login);
    const hash = await hashPassword(password);
    const operator = await this.context.store.write(async (tx) => {
      const row = await this.find(tx, centerId, login, true);
      await tx
        .updateTable('operators')
        .set({ password_hash: hash, must_change_password: 1, password_version: row.password_version + 1, password_set_at: this.context.now() })
        .where('id', '=', row.id)
        .execute();
      await this.changed(tx, { id: row.id, centerId }, 'password_reset', {});
      return this.find(tx, centerId, login);
    });
    return { operator: toAdmin(operator), oneTimePassword: password };
  }

  /** The operator's trail, oldest first. */
  async events(centerId: string, login: string): Promise<OperatorEvent[]> {
    const row = await this.find(this.context.store.db, centerId, normaliseLogin(login));
    const rows = await this.context.store.db.selectFrom('operator_events').selectAll().where('operator_id', '=', row.id).orderBy('seq').execute();
    return rows.map((e) => ({ kind: e.kind, actor: e.actor, opId: e.op_id, details: JSON.parse(e.details) as Record<string, unknown>, at: new Date(Number(e.at)).toISOString() }));
  }

  /** The event row and the reference data's new version, in the change's transaction. */
  async changed(tx: StoreDb, target: { id: string; centerId: string }, kind: OperatorEventKind, details: Record<string, unknown>, source: { actor: string; opId: string | null } = { actor: 'admin', opId: null }): Promise<void> {
    await tx
      .insertInto('operator_events')
      .values({ operator_id: target.id, center_id: target.centerId, kind, actor: source.actor, op_id: source.opId, details: JSON.stringify(details), at: this.context.now() })
      .execute();
    await this.meta.bumpReferenceVersion(tx);
  }

  private async requireCenter(db: StoreDb, centerId: string): Promise<void> {
    if (!(await db.selectFrom('centers').select('id').where('id', '=', centerId).executeTakeFirst())) {
      throw new HttpError(404, 'unknown_center', `There is no service center "${centerId.slice(0, 32)}" on this central server.`);
    }
  }

  private async find(db: StoreDb, centerId: string, login: string, forUpdate = false): Promise<OperatorRow> {
    const query = db.selectFrom('operators').selectAll().where('center_id', '=', centerId).where('login', '=', login);
    const row = await (forUpdate ? this.context.store.forUpdate(query) : query).executeTakeFirst();
    if (row) return row;
    await this.requireCenter(db, centerId);
    throw new HttpError(404, 'unknown_operator', `Center ${centerId} has no operator with the login "${login.slice(0, 64)}".`);
  }
}

function normaliseLogin(login: string): string {
  return login.normalize('NFC').trim().toLowerCase();
}

function parseRole(role: string): Role {
  if (!(ROLES as readonly string[]).includes(role)) {
    throw new HttpError(422, 'invalid_role', `The role must be ${ROLES.join(' or ')}, not "${role.slice(0, 32)}".`);
  }
  return role as Role;
}

function checkPolicy(password: string, login: string): void {
  const problems = passwordProblems(password, { login });
  if (problems.length) throw new HttpError(422, 'weak_password', `The chosen password breaks the password policy (${problems.join(', ')}). ${PASSWORD_POLICY_SENTENCE}`);
}

function toAdmin(row: OperatorRow): AdminOperator {
  return {
    id: row.id, centerId: row.center_id, login: row.login, displayName: row.display_name, role: row.role, disabled: row.disabled === 1,
    mustChangePassword: row.must_change_password === 1, passwordSetAt: row.password_set_at === null ? null : new Date(Number(row.password_set_at)).toISOString(),
    source: row.source,
  };
}
