import { z } from 'zod';
import { AppError } from '../../../shared/api/errors';
import type { SyncEnrolment } from '../../../shared/api/sync';
import { TRAINING_CENTER_ID, isTrainingEnrolmentCode, trainingEnrolmentCode } from '../../../shared/training/centers';
import { CentralClient, CentralError } from './central-client';
import { EnrolmentStore } from './enrolment';
import type { SyncScheduler } from './scheduler';

/** The enrolment code of the training center, which a training console enrols with by itself. */
export const TRAINING_ENROL_CODE = trainingEnrolmentCode(TRAINING_CENTER_ID);

export interface ConnectionOptions {
  /** Where the central server answers now (a training server's port changes with every start). */
  url: string;
  mode: 'training' | 'production';
  /** The database's binding: the enrolment belongs to it, not to a port. */
  binding: { centralUrl: string; centerId: string; workstationId: string };
  dataDir: string;
  scheduler: SyncScheduler;
  requestTimeoutMs?: number;
}

/**
 * The workstation's standing with the central server: its address, its token, enrolment and rotation. A
 * production workstation enrols once with a one-time code from IT; a training one enrols itself with the
 * training code whenever its token is missing or refused.
 */
export class CentralConnection {
  readonly client: CentralClient;
  private readonly store: EnrolmentStore;

  constructor(private readonly options: ConnectionOptions) {
    this.store = new EnrolmentStore(options.dataDir);
    this.client = new CentralClient({
      baseUrl: options.url,
      scheduler: options.scheduler,
      token: () => this.token(),
      timeoutMs: options.requestTimeoutMs,
    });
  }

  get centerId(): string {
    return this.options.binding.centerId;
  }

  get workstationId(): string {
    return this.options.binding.workstationId;
  }

  token(): string | null {
    return this.store.read(this.options.binding)?.token ?? null;
  }

  describe(): SyncEnrolment {
    const e = this.store.read(this.options.binding);
    return {
      mode: this.options.mode,
      enrolled: e !== null,
      centralUrl: this.options.mode === 'training' ? this.options.url : this.options.binding.centralUrl,
      centerId: this.centerId,
      workstationId: this.workstationId,
      enrolledAt: e?.enrolledAt ?? null,
    };
  }

  /** Buys a token with a one-time code; a new code replaces the current token (that is how IT rotates by hand). */
  async enrol(code: string): Promise<SyncEnrolment> {
    if (isTrainingEnrolmentCode(code.trim().toUpperCase()) && this.options.mode !== 'training') {
      throw new AppError('enrolment_failed', 'Training codes work only in training mode. Ask IT for this workstation\'s enrolment code.');
    }
    let raw: unknown;
    try {
      raw = await this.client.enrol({ code, workstationId: this.workstationId, centerId: this.centerId });
    } catch (err) {
      if (err instanceof CentralError && (err.status === 400 || err.status === 401 || err.status === 403)) {
        throw new AppError('enrolment_failed', 'The central server did not accept this enrolment code. Codes work once; ask IT for a new one.');
      }
      // No answer (or a server fault): the server may have spent the code, but this workstation has no token, so it
      // will not sync by itself. The server enrols the same workstation again with the same code for a while.
      if (err instanceof CentralError && (err.offline || (err.status ?? 0) >= 500)) {
        throw new AppError(
          'enrolment_answer_lost',
          'The central server did not confirm the enrolment (its answer was lost, or the server failed), so this workstation is not enrolled yet. Enter the same code again once the link is back; it keeps working for this workstation for a while.',
        );
      }
      throw err instanceof CentralError ? err.toAppError() : err;
    }
    this.saveToken(raw);
    return this.describe();
  }

  /** Swaps the token for a new one; the old one stops working on the central server. */
  async rotate(): Promise<SyncEnrolment> {
    if (!this.token()) throw new AppError('not_enrolled', 'This workstation is not enrolled yet; enrol it with the code from IT first.');
    let raw: unknown;
    try {
      raw = await this.client.rotateToken();
    } catch (err) {
      throw err instanceof CentralError ? err.toAppError() : err;
    }
    this.saveToken(raw);
    return this.describe();
  }

  /** Before a cycle: a training workstation enrols itself; a production one must have been enrolled by IT. */
  async ensureEnrolled(): Promise<void> {
    if (this.token()) return;
    if (this.options.mode === 'training') {
      await this.enrol(TRAINING_ENROL_CODE);
      return;
    }
    throw new AppError('not_enrolled', 'This workstation is not enrolled with the central server. IT enrols it with a one-time code.');
  }

  /** The server refused the token (401). A training workstation forgets it and enrols again next time. */
  tokenRefused(): void {
    if (this.options.mode === 'training') this.store.clear();
  }

  private saveToken(raw: unknown): void {
    // Only the token matters here; the rest of the answer repeats what this workstation sent.
    const parsed = z.object({ token: z.string().min(20).max(200) }).safeParse(raw);
    if (!parsed.success) throw new AppError('invalid_central_answer', 'The central server answered the enrolment with something the console cannot read.');
    this.store.save({
      token: parsed.data.token,
      centralUrl: this.options.binding.centralUrl,
      centerId: this.centerId,
      workstationId: this.workstationId,
      enrolledAt: new Date(this.options.scheduler.now()).toISOString(),
    });
  }
}
