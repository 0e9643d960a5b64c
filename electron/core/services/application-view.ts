import type BetterSqlite3 from 'better-sqlite3';
import type { ApplicationDetail } from '../../../shared/api/application';
import type { ApplicationWorkflow, WorkflowStep } from '../../../shared/api/decisions';
import { AppError } from '../../../shared/api/errors';
import type { ApplicationRecord, StatusChange } from '../../../shared/domain/application';
import { AUTO_CHECK_REFUSAL, AUTO_CHECKS, checkDecision, EXPLANATION_MIN_LENGTH, failedAutoChecks, MANUAL_CHECKS, type DecisionAction, type DecisionKind, type ManualCheck, type ManualChecks } from '../../../shared/domain/decisions';
import { isDecisionPending, type Status } from '../../../shared/domain/status';
import type { Db } from '../store/database';
import type { ApplicationReader } from './applications';
import type { SessionService } from './auth';
import type { LocalOp, Outbox } from './outbox';

/** The status each local decision op leads to. */
export const OP_RESULT_STATUS: Record<DecisionKind, Status> = { claim: 'in_review', release: 'received', approve: 'approved', refuse: 'refused' };

const isDecisionOp = (op: LocalOp): op is LocalOp & { type: DecisionKind } => Object.hasOwn(OP_RESULT_STATUS, op.type);

/** The status a local op left; a fact op carries it (`statusAfter`), since a fact moves the status only when allowed. */
export function localStepStatus(op: LocalOp): Status {
  return isDecisionOp(op) ? OP_RESULT_STATUS[op.type] : (op.args.statusAfter as Status);
}

/** Facts that left the status as it was (prints, flagged facts) are not status changes: they have their own lists. */
const changesStatus = (op: LocalOp): boolean => isDecisionOp(op) || op.args.statusAfter !== op.args.statusSeen;

const NOT_FOUND = 'This application is not in the local queue. It may have been removed; refresh the queue.';

/**
 * Who holds the claim on an application. The row's claim is set by this workstation; for an application pulled
 * already in review, the operator of its latest "in review" step holds it (possibly at another workstation).
 */
export function claimHolderOf(status: Status, claimedBy: string | null, history: readonly StatusChange[]): string | null {
  if (status !== 'in_review') return null;
  if (claimedBy) return claimedBy;
  for (let i = history.length - 1; i >= 0; i--) if (history[i]!.status === 'in_review') return history[i]!.operatorId;
  return null;
}

interface LocalState {
  status: Status;
  claimedBy: string | null;
  claimedAt: number | null;
  record: ApplicationRecord;
  steps: LocalOp[];
}

/**
 * An application as this workstation sees it: the record last pulled from the central server (kept as it came,
 * so sync can rebase on it) with the local steps that are not part of it yet merged in on read.
 */
export class ApplicationView {
  private readonly row: BetterSqlite3.Statement<[string], { status: string; claimed_by: string | null; claimed_at: number | null; record: string }>;

  constructor(
    db: Db,
    private readonly reader: ApplicationReader,
    private readonly outbox: Outbox,
    private readonly session: SessionService,
  ) {
    this.row = db.prepare('SELECT a.status, a.claimed_by, a.claimed_at, r.record FROM applications a JOIN application_records r ON r.rowid = a.rowid WHERE a.id = ?');
  }

  /** `application.get`: the full history with local steps (time, operator, note) and the refusal as separate fields. */
  detail(id: string, now: number): ApplicationDetail {
    const base = this.reader.detail(id, now);
    const local = this.localState(id);
    // The record schema caps the history at 200 steps; endless claim/release cycles keep the latest ones.
    const history = [...local.record.history, ...local.steps.filter(changesStatus).map(toStatusChange)].slice(-200);
    const refusal = local.status === 'refused' ? (lastRefusal(local.steps) ?? local.record.refusal) : local.record.refusal;
    const record: ApplicationRecord = { ...base.record, status: local.status, history, refusal };
    // A local decision ends the deadline; the pulled record may still count it as running.
    const deadline = isDecisionPending(local.status) ? base.deadline : { ...base.deadline, daysLeft: null, state: 'none' as const };
    return { ...base, record, deadline };
  }

  workflow(id: string, ticked: Partial<ManualChecks> = {}): ApplicationWorkflow {
    const local = this.localState(id);
    const { record } = local;
    const serverHistory = record.history;
    const holder = claimHolderOf(local.status, local.claimedBy, [...serverHistory, ...local.steps.filter(changesStatus).map(toStatusChange)]);
    const me = this.session.current();
    const names = new Map<string, string | null>();
    const nameOf = (opId: string | null) => {
      if (!opId) return null;
      if (!names.has(opId)) names.set(opId, this.session.displayName(opId));
      return names.get(opId)!;
    };
    const steps: WorkflowStep[] = [
      ...serverHistory.map((h): WorkflowStep => ({
        source: 'server', action: null, status: h.status, at: h.at, operatorId: h.operatorId, operatorName: nameOf(h.operatorId),
        reasonCode: h.status === 'refused' ? (record.refusal?.reasonCode ?? null) : null,
        explanation: h.status === 'refused' ? (record.refusal?.explanation ?? h.note) : null,
        manualChecks: h.checks ? (Object.fromEntries(MANUAL_CHECKS.map((c) => [c, h.checks!.some((m) => m.check === c)])) as ManualChecks) : null,
        checkMarks: h.checks ? h.checks.map((m) => ({ check: m.check, operatorId: m.operatorId, operatorName: nameOf(m.operatorId), at: m.at })) : null,
        releasedClaimOf: null, opId: null, syncState: null,
      })),
      ...local.steps.filter(changesStatus).map((s): WorkflowStep => ({
        source: 'local', action: isDecisionOp(s) ? s.type : null, status: localStepStatus(s), at: new Date(s.clientTime).toISOString(),
        operatorId: s.operatorId, operatorName: nameOf(s.operatorId),
        reasonCode: s.type === 'refuse' ? String(s.args.reasonCode) : null,
        explanation: s.type === 'refuse' ? String(s.args.explanation) : null,
        manualChecks: s.type === 'approve' ? (s.args.manualChecks as ManualChecks) : null,
        checkMarks: s.type === 'approve' && Array.isArray(s.args.checkMarks)
          ? (s.args.checkMarks as { check: ManualCheck; operatorId: string; tickedAt: string }[]).map((m) => ({ check: m.check, operatorId: m.operatorId, operatorName: nameOf(m.operatorId), at: m.tickedAt }))
          : null,
        releasedClaimOf: s.type === 'release' ? ((s.args.releasedClaimOf as string | null) ?? null) : null,
        opId: s.opId, syncState: s.state,
      })),
    ];
    const state = { status: local.status, claimHolder: holder, autoChecks: record.autoChecks };
    const availability = (...actions: DecisionAction[]) => {
      if (!me.operator) return { allowed: false, code: 'session_required' as const, message: 'Sign in first.' };
      if (me.locked) return { allowed: false, code: 'session_locked' as const, message: 'The console is locked. Enter your password to continue.' };
      // Asked with inputs that would pass, so the answer is about the application and the operator only. Steps
      // taken together (claim, then decide) are each asked against the state the one before leaves.
      let at = state;
      for (const action of actions) {
        const outcome = checkDecision(action, at, { operator: me.operator, isKnownReason: () => true });
        if (!outcome.ok) return { allowed: false, code: outcome.code, message: outcome.message };
        at = { ...at, status: outcome.next, claimHolder: outcome.claimHolder };
      }
      return { allowed: true, code: null, message: null };
    };
    // Approval is asked with the checks ticked so far, exactly as `application.approve` would receive them.
    const approval: DecisionAction = { kind: 'approve', manualChecks: Object.fromEntries(MANUAL_CHECKS.map((c) => [c, ticked[c] === true])) as ManualChecks };
    const refusal: DecisionAction = { kind: 'refuse', reasonCode: 'any', explanation: 'x'.repeat(EXPLANATION_MIN_LENGTH) };
    const sinceFromHistory = [...steps].reverse().find((s) => s.status === 'in_review')?.at ?? null;
    return {
      id,
      status: local.status,
      claim: local.status !== 'in_review'
        ? null
        : {
            operatorId: holder,
            operatorName: nameOf(holder),
            since: local.claimedAt !== null ? new Date(local.claimedAt).toISOString() : sinceFromHistory,
            mine: holder !== null && holder === me.operator?.id,
          },
      actions: {
        claim: availability({ kind: 'claim' }),
        release: availability({ kind: 'release' }),
        approve: availability(approval),
        refuse: availability(refusal),
        claimAndApprove: availability({ kind: 'claim' }, approval),
        claimAndRefuse: availability({ kind: 'claim' }, refusal),
      },
      autoChecks: AUTO_CHECKS.map((check) => ({ check, passed: record.autoChecks[check], suggestedReasonCode: AUTO_CHECK_REFUSAL[check] })),
      suggestedReasonCodes: failedAutoChecks(record.autoChecks).map((f) => f.reasonCode),
      refusal: local.status === 'refused' ? (lastRefusal(local.steps) ?? record.refusal) : null,
      steps,
      pendingOps: local.steps.filter((s) => s.state === 'pending').length,
    };
  }

  private localState(id: string): LocalState {
    const row = this.row.get(id);
    if (!row) throw new AppError('not_found', NOT_FOUND);
    const record = JSON.parse(row.record) as ApplicationRecord;
    return {
      status: row.status as Status,
      claimedBy: row.claimed_by,
      claimedAt: row.claimed_by ? row.claimed_at : null,
      record,
      steps: this.outbox.localSteps(id, record.version),
    };
  }
}

function toStatusChange(op: LocalOp): StatusChange {
  return {
    status: localStepStatus(op),
    at: new Date(op.clientTime).toISOString(),
    operatorId: op.operatorId,
    // As in pulled records: a refusal's step carries the explanation (its code is in `record.refusal`), a
    // shipment's step the tracking barcode.
    note: op.type === 'refuse' ? String(op.args.explanation) : op.type === 'shipped' ? String(op.args.tracking) : null,
  };
}

function lastRefusal(steps: readonly LocalOp[]): { reasonCode: string; explanation: string } | null {
  for (let i = steps.length - 1; i >= 0; i--) {
    const s = steps[i]!;
    if (s.type === 'refuse') return { reasonCode: String(s.args.reasonCode), explanation: String(s.args.explanation) };
  }
  return null;
}
