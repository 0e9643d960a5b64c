import { createHash, randomBytes, randomInt } from 'node:crypto';
import { HttpError } from '../http/errors';
import { qb, type SqlRunner } from '../store/sql';

export interface WorkstationIdentity {
  id: string;
  centerId: string;
}

const DAY_MS = 86_400_000;
/** Crockford-style alphabet: no I, L, O or U, so a code read out over the phone is typed right. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const normaliseCode = (code: string) => code.trim().toUpperCase();

/**
 * Enrolment and tokens. A one-time code from the central server buys a per-workstation token; only hashes of codes
 * and tokens are stored. Rotation replaces the token (the old one stops at once); revocation stops it for good,
 * until IT enrols the workstation again with a new code.
 */
export class WorkstationService {
  constructor(
    private readonly sql: SqlRunner,
    private readonly now: () => number,
  ) {}

  issueCode(centerId: string, options: { ttlSeconds?: number; code?: string; reusable?: boolean; neverExpires?: boolean } = {}) {
    if (!this.sql.get(qb.selectFrom('centers').select('id').where('id', '=', centerId))) {
      throw new HttpError(404, 'unknown_center', `There is no service center "${centerId.slice(0, 32)}" on this server.`);
    }
    const code = options.code ?? newCode();
    const now = this.now();
    const expiresAt = options.neverExpires ? null : now + (options.ttlSeconds ?? 86_400) * 1000;
    this.sql.run(
      qb.insertInto('enrolment_codes')
        .values({ code_hash: sha256(normaliseCode(code)), center_id: centerId, created_at: now, expires_at: expiresAt, used_at: null, used_by: null, reusable: options.reusable ? 1 : 0 })
        .onConflict((oc) => oc.column('code_hash').doNothing()),
    );
    return { code, centerId, expiresAt: new Date(expiresAt ?? now + 100 * 365 * DAY_MS).toISOString() };
  }

  enrol(input: { code: string; workstationId: string; centerId: string }): { token: string; workstationId: string; centerId: string } {
    const now = this.now();
    return this.sql.write(() => {
      const code = this.sql.get(qb.selectFrom('enrolment_codes').selectAll().where('code_hash', '=', sha256(normaliseCode(input.code))));
      const usable = code && (code.reusable === 1 || code.used_at === null) && (code.expires_at === null || code.expires_at > now);
      if (!usable) throw new HttpError(401, 'enrolment_code_invalid', 'The enrolment code is unknown, already used or expired; ask IT for a new one.');
      if (code.center_id !== input.centerId) {
        throw new HttpError(403, 'wrong_center', 'This enrolment code was issued for another service center; check the center in the settings.');
      }
      const existing = this.sql.get(qb.selectFrom('workstations').select(['id', 'center_id']).where('id', '=', input.workstationId));
      if (existing && existing.center_id !== input.centerId) {
        throw new HttpError(409, 'workstation_exists', 'A workstation with this id is enrolled at another service center; choose another id.');
      }
      const token = newToken();
      if (existing) {
        this.sql.run(qb.updateTable('workstations').set({ token_hash: sha256(token), revoked: 0, enrolled_at: now, rotated_at: null }).where('id', '=', input.workstationId));
      } else {
        this.sql.run(
          qb.insertInto('workstations').values({
            id: input.workstationId, center_id: input.centerId, token_hash: sha256(token), revoked: 0, enrolled_at: now,
            rotated_at: null, audit_head: null, audit_head_at: null,
          }),
        );
      }
      if (code.reusable === 0) {
        this.sql.run(qb.updateTable('enrolment_codes').set({ used_at: now, used_by: input.workstationId }).where('code_hash', '=', code.code_hash));
      }
      return { token, workstationId: input.workstationId, centerId: input.centerId };
    });
  }

  /** The workstation a bearer token belongs to, or null when it is unknown, replaced or revoked. */
  authenticate(token: string): WorkstationIdentity | null {
    const ws = this.sql.get(qb.selectFrom('workstations').select(['id', 'center_id', 'revoked']).where('token_hash', '=', sha256(token)));
    return ws && ws.revoked === 0 ? { id: ws.id, centerId: ws.center_id } : null;
  }

  rotate(ws: WorkstationIdentity): { token: string; workstationId: string; centerId: string } {
    const token = newToken();
    this.sql.write(() =>
      this.sql.run(qb.updateTable('workstations').set({ token_hash: sha256(token), rotated_at: this.now() }).where('id', '=', ws.id).where('revoked', '=', 0)),
    );
    return { token, workstationId: ws.id, centerId: ws.centerId };
  }

  revoke(workstationId: string): boolean {
    return this.sql.write(() => this.sql.run(qb.updateTable('workstations').set({ revoked: 1 }).where('id', '=', workstationId)).changes > 0);
  }

  /** Kept from each push, in the push's transaction. */
  recordAuditHead(workstationId: string, auditHead: string): void {
    this.sql.run(qb.updateTable('workstations').set({ audit_head: auditHead, audit_head_at: this.now() }).where('id', '=', workstationId));
  }

  get(workstationId: string) {
    return this.sql.get(qb.selectFrom('workstations').selectAll().where('id', '=', workstationId));
  }
}

function newToken(): string {
  return `wst_${randomBytes(32).toString('base64url')}`;
}

/** Twelve characters in three groups, about 60 bits: enough for a code that lives a day and works once. */
function newCode(): string {
  let s = '';
  for (let i = 0; i < 12; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}
