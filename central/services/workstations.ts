import { createHash, randomBytes, randomInt } from 'node:crypto';
import { HttpError } from '../http/errors';
import type { CentralStore, StoreDb } from '../store/store';

export interface WorkstationIdentity {
  id: string;
  centerId: string;
}

export interface IssuedCode {
  code: string;
  centerId: string;
  expiresAt: string;
}

export interface Enrolment {
  token: string;
  workstationId: string;
  centerId: string;
}

const DAY_MS = 86_400_000;
/** How long the same code, workstation and center enrol again after the answer was lost (10 minutes by default). */
export const ENROLMENT_RETRY_WINDOW_MS = 10 * 60_000;
/** Crockford-style alphabet: no I, L, O or U, so a code read out over the phone is typed right. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const normaliseCode = (code: string) => code.trim().toUpperCase();
const codeRefused = () => new HttpError(401, 'enrolment_code_invalid', 'The enrolment code is unknown, already used or expired; ask IT for a new one.');

/**
 * Enrolment and tokens. A one-time code from the central server buys a per-workstation token; only hashes of codes
 * and tokens are stored. Rotation replaces the token (the old one stops at once); revocation stops it for good,
 * until IT enrols the workstation again with a new code.
 *
 * Enrolment is safe to retry: a workstation whose answer was lost (the link dropped after the commit) asks again with
 * the same code, and within `retryWindowMs` of the code's use the same workstation id at the same center gets itself
 * back with a fresh token, the lost one replaced. Any other workstation id still finds the code used.
 */
export class WorkstationService {
  constructor(
    private readonly store: CentralStore,
    private readonly now: () => number,
    private readonly retryWindowMs: number = ENROLMENT_RETRY_WINDOW_MS,
  ) {}

  /** A new enrolment code for a center, in the caller's transaction. */
  async issueCode(tx: StoreDb, centerId: string, options: { ttlSeconds?: number; code?: string; reusable?: boolean; neverExpires?: boolean } = {}): Promise<IssuedCode> {
    if (!(await tx.selectFrom('centers').select('id').where('id', '=', centerId).executeTakeFirst())) {
      throw new HttpError(404, 'unknown_center', `There is no service center "${centerId.slice(0, 32)}" on this server.`);
    }
    const code = options.code ?? newCode();
    const now = this.now();
    const expiresAt = options.neverExpires ? null : now + (options.ttlSeconds ?? 86_400) * 1000;
    await tx
      .insertInto('enrolment_codes')
      .values({ code_hash: sha256(normaliseCode(code)), center_id: centerId, created_at: now, expires_at: expiresAt, used_at: null, used_by: null, reusable: options.reusable ? 1 : 0 })
      .onConflict((oc) => oc.column('code_hash').doNothing())
      .execute();
    return { code, centerId, expiresAt: new Date(expiresAt ?? now + 100 * 365 * DAY_MS).toISOString() };
  }

  enrol(input: { code: string; workstationId: string; centerId: string }): Promise<Enrolment> {
    return this.store.write(async (tx) => {
      const now = this.now();
      // Locked: two enrolments with one code (two processes, two clicks) take turns, so only one spends it.
      const code = await this.store.forUpdate(tx.selectFrom('enrolment_codes').selectAll().where('code_hash', '=', sha256(normaliseCode(input.code)))).executeTakeFirst();
      if (!code || (code.expires_at !== null && code.expires_at <= now)) throw codeRefused();
      const existing = await this.store.forUpdate(tx.selectFrom('workstations').select(['id', 'center_id', 'revoked']).where('id', '=', input.workstationId)).executeTakeFirst();
      const spent = code.reusable === 0 && code.used_at !== null;
      if (spent) {
        // The retry of an enrolment whose answer was lost; a workstation revoked since stays revoked.
        const retry = code.used_by === input.workstationId && code.center_id === input.centerId && now - code.used_at! <= this.retryWindowMs && existing?.revoked === 0;
        if (!retry) throw codeRefused();
      }
      if (code.center_id !== input.centerId) {
        throw new HttpError(403, 'wrong_center', 'This enrolment code was issued for another service center; check the center in the settings.');
      }
      if (existing && existing.center_id !== input.centerId) {
        throw new HttpError(409, 'workstation_exists', 'A workstation with this id is enrolled at another service center; choose another id.');
      }
      const token = newToken();
      if (existing) {
        await tx.updateTable('workstations').set({ token_hash: sha256(token), revoked: 0, enrolled_at: now, rotated_at: null }).where('id', '=', input.workstationId).execute();
      } else {
        await tx
          .insertInto('workstations')
          .values({ id: input.workstationId, center_id: input.centerId, token_hash: sha256(token), revoked: 0, enrolled_at: now, rotated_at: null, audit_head: null, audit_head_at: null })
          .execute();
      }
      // The retry window counts from the first use, so retries never stretch it.
      if (code.reusable === 0 && !spent) {
        await tx.updateTable('enrolment_codes').set({ used_at: now, used_by: input.workstationId }).where('code_hash', '=', code.code_hash).execute();
      }
      return { token, workstationId: input.workstationId, centerId: input.centerId };
    });
  }

  /** The workstation a bearer token belongs to, or null when it is unknown, replaced or revoked. */
  async authenticate(token: string): Promise<WorkstationIdentity | null> {
    const ws = await this.store.db.selectFrom('workstations').select(['id', 'center_id', 'revoked']).where('token_hash', '=', sha256(token)).executeTakeFirst();
    return ws && ws.revoked === 0 ? { id: ws.id, centerId: ws.center_id } : null;
  }

  async rotate(ws: WorkstationIdentity): Promise<Enrolment> {
    const token = newToken();
    await this.store.write((tx) =>
      tx.updateTable('workstations').set({ token_hash: sha256(token), rotated_at: this.now() }).where('id', '=', ws.id).where('revoked', '=', 0).execute(),
    );
    return { token, workstationId: ws.id, centerId: ws.centerId };
  }

  async revoke(workstationId: string): Promise<boolean> {
    const r = await this.store.write((tx) => tx.updateTable('workstations').set({ revoked: 1 }).where('id', '=', workstationId).executeTakeFirst());
    return Number(r.numUpdatedRows) > 0;
  }

  /**
   * The audit head kept from each push, the first statement of the push's pipeline: the row stays locked until it
   * commits, so one workstation's pushes (a retry racing the original through another process) apply one after the
   * other.
   */
  auditHeadUpdate(tx: StoreDb, workstationId: string, auditHead: string) {
    return tx.updateTable('workstations').set({ audit_head: auditHead, audit_head_at: this.now() }).where('id', '=', workstationId);
  }

  get(workstationId: string) {
    return this.store.db.selectFrom('workstations').selectAll().where('id', '=', workstationId).executeTakeFirst();
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
