import { z } from 'zod';
import { DiagnosticsExportSchema } from './diagnostics';
import { RestartNowInputSchema, UpdateStatusSchema } from './updates';
import { QueueCountsSchema, QueueFilterSchema, QueuePageInputSchema, QueuePageSchema } from './queue';
import { ApplicationDetailSchema, ApplicationImagesSchema } from './application';
import {
  AuthStateSchema,
  ChangePasswordInputSchema,
  ConsoleSettingsSchema,
  SignInInputSchema,
  SignInReadinessSchema,
  SignInResultSchema,
  SignOutResultSchema,
  UnlockInputSchema,
} from './auth';
import {
  ApplicationWorkflowSchema,
  WorkflowInputSchema,
  ApproveInputSchema,
  ClaimInputSchema,
  DecisionResultSchema,
  RefuseInputSchema,
  ReleaseInputSchema,
} from './decisions';
import {
  ForceMajeureListInputSchema,
  ForceMajeureListSchema,
  ForceMajeureRecordInputSchema,
  ForceMajeureRecordResultSchema,
} from './force-majeure';
import { RefusalReasonsInputSchema, RefusalReasonsSchema } from './reference';
import { ReportExportInputSchema, ReportFileSchema, ReportInputSchema, type ReportExportInput } from './reports';
import { ReportResultSchema } from '../reports/result';
import * as paperwork from './paperwork';
import {
  RetryQuarantinedInputSchema,
  RetryQuarantinedResultSchema,
  SyncConflictsInputSchema,
  SyncConflictsSchema,
  SyncEnrolInputSchema,
  SyncEnrolmentSchema,
  SyncQuarantineSchema,
  AcknowledgeConflictsInputSchema,
  AcknowledgeConflictsResultSchema,
  SyncStatusSchema,
} from './sync';

export const SessionInfoSchema = z.object({
  mode: z.enum(['training', 'production']),
  centerId: z.string(),
  centerName: z.string(),
  workstationId: z.string(),
  appVersion: z.string(),
  /** Server-side "now", so the renderer shows deadlines against the same clock as the core. */
  now: z.string(),
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

const idInput = z.object({ id: z.string().min(1).max(64) });
const noInput = z.object({}).strict();

/**
 * The API contract: every method the renderer may call, with its input and output schemas.
 * Both transports (Electron IPC and the browser host) bind exactly this table.
 */
export const contract = {
  'session.info': { input: z.object({}).strict(), output: SessionInfoSchema },
  'queue.page': { input: QueuePageInputSchema, output: QueuePageSchema },
  'queue.counts': { input: z.object({ filter: QueueFilterSchema }), output: QueueCountsSchema },
  'application.get': { input: idInput, output: ApplicationDetailSchema },
  'application.images': { input: idInput, output: ApplicationImagesSchema },

  // Operators and sessions: each window (a browser page, an Electron window) has its own session, named by the
  // credential its transport carries. Signing out works offline and clears that window's session at once.
  'auth.signIn': { input: SignInInputSchema, output: SignInResultSchema },
  /** Whether operators have arrived yet, and how far the first sync has got; needs no session. */
  'auth.readiness': { input: noInput, output: SignInReadinessSchema },
  'auth.signOut': { input: noInput, output: SignOutResultSchema },
  'auth.current': { input: noInput, output: AuthStateSchema },
  /**
   * The idle lock: the renderer calls it after `settings.get().idleLockMinutes` without input. The core also locks a
   * session by itself a minute later than that (a window closed or left without a call), and ends one unused for
   * a working day; any call of the session counts as activity (`auth.current` is how the window reports input).
   */
  'auth.lock': { input: noInput, output: AuthStateSchema },
  /** Only the operator who is signed in can unlock; anyone else signs in (which ends the locked session). */
  'auth.unlock': { input: UnlockInputSchema, output: AuthStateSchema },
  /**
   * The operator's own password in place of IT's one-time password, right after signing in with it. It holds here at
   * once (the one-time password stops working on this workstation) and travels to the central server as an op.
   */
  'auth.changePassword': { input: ChangePasswordInputSchema, output: AuthStateSchema },
  'settings.get': { input: noInput, output: ConsoleSettingsSchema },
  'reference.refusalReasons': { input: RefusalReasonsInputSchema, output: RefusalReasonsSchema },

  // Deciding: each call is one transaction (state change, outbox op, audit entry) or an error that wrote nothing.
  'application.workflow': { input: WorkflowInputSchema, output: ApplicationWorkflowSchema },
  'application.claim': { input: ClaimInputSchema, output: DecisionResultSchema },
  'application.release': { input: ReleaseInputSchema, output: DecisionResultSchema },
  'application.approve': { input: ApproveInputSchema, output: DecisionResultSchema },
  'application.refuse': { input: RefuseInputSchema, output: DecisionResultSchema },

  // Force majeure of this workstation's center (supervisors record; everyone may list).
  'forceMajeure.record': { input: ForceMajeureRecordInputSchema, output: ForceMajeureRecordResultSchema },
  'forceMajeure.list': { input: ForceMajeureListInputSchema, output: ForceMajeureListSchema },

  // Sync with the central server (issue 4). Status and enrolment need no session: IT enrols before any operator
  // exists, and the indicator shows on the sign-in screen too.
  'sync.status': { input: noInput, output: SyncStatusSchema },
  /** "Sync now": runs a cycle (push, pull, reference data) and answers when it has finished or failed. */
  'sync.now': { input: noInput, output: SyncStatusSchema },
  /** The window saw the network come back (the browser's 'online' event): a cycle starts at once, not after the backoff. */
  'sync.linkUp': { input: noInput, output: SyncStatusSchema },
  'sync.conflicts': { input: SyncConflictsInputSchema, output: SyncConflictsSchema },
  'sync.acknowledgeConflicts': { input: AcknowledgeConflictsInputSchema, output: AcknowledgeConflictsResultSchema },
  'sync.quarantine': { input: noInput, output: SyncQuarantineSchema },
  'sync.retryQuarantined': { input: RetryQuarantinedInputSchema, output: RetryQuarantinedResultSchema },
  'sync.enrolment': { input: noInput, output: SyncEnrolmentSchema },
  /** Enrols with a one-time code; enrolling again with a new code replaces (rotates) the token. */
  'sync.enrol': { input: SyncEnrolInputSchema, output: SyncEnrolmentSchema },
  /** Asks the central server for a new token in place of the current one (the old one stops working). */
  'sync.rotateToken': { input: noInput, output: SyncEnrolmentSchema },

  // Paperwork and handover (issue 5). Facts are recorded whatever the status (odd ones go to the supervisor's
  // review list); each is one transaction with its outbox op and audit entry. Only malformed input is refused.
  'handover.cardArrived': { input: paperwork.CardArrivedInputSchema, output: paperwork.FactResultSchema },
  'handover.issue': { input: paperwork.HandoverIssueInputSchema, output: paperwork.FactResultSchema },
  'handover.uncollected': { input: paperwork.UncollectedInputSchema, output: paperwork.UncollectedSchema },
  'shipping.createBatch': { input: paperwork.CreateBatchInputSchema, output: paperwork.BatchResultSchema },
  'shipping.setTracking': { input: paperwork.SetTrackingInputSchema, output: paperwork.BatchResultSchema },
  'shipping.markShipped': { input: paperwork.MarkShippedInputSchema, output: paperwork.MarkShippedResultSchema },
  'shipping.batches': { input: paperwork.BatchesInputSchema, output: paperwork.BatchesSchema },
  'shipping.deliveryTargets': { input: noInput, output: paperwork.DeliveryTargetsSchema },
  'prints.record': { input: paperwork.PrintRecordInputSchema, output: paperwork.PrintRecordResultSchema },
  'prints.history': { input: paperwork.PrintHistoryInputSchema, output: paperwork.PrintHistorySchema },
  'paperwork.documentData': { input: paperwork.DocumentDataInputSchema, output: paperwork.DocumentDataSchema },
  /** Supervisors only. */
  'review.list': { input: paperwork.ReviewListInputSchema, output: paperwork.ReviewListSchema },
  'review.resolve': { input: paperwork.ReviewResolveInputSchema, output: paperwork.ReviewResolveResultSchema },

  // Supervisor reports (issue 11): the report of this center for a period, computed offline from the local store,
  // and its export (XLSX or CSV, made by the core; no applicant's personal data in either).
  'reports.get': { input: ReportInputSchema, output: ReportResultSchema },
  'reports.export': { input: ReportExportInputSchema, output: ReportFileSchema },

  /** Supervisors: writes the diagnostics bundle for IT (versions, sync state, integrity; no personal data). */
  'diagnostics.export': { input: noInput, output: DiagnosticsExportSchema },

  // The console's own updates (issue 12). The status needs no session: the banner shows on the sign-in screen too.
  'updates.status': { input: noInput, output: UpdateStatusSchema },
  /** IT's "check now" (supervisors): ignores the staged rollout's percentage, never a halted release. */
  'updates.checkNow': { input: noInput, output: UpdateStatusSchema },
  /** The operator's "restart now": refused while a dialog is open or a decision is half made; else the core closes and the installer runs. */
  'updates.restartNow': { input: RestartNowInputSchema, output: UpdateStatusSchema },
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** Events the core sends to the renderer. */
export const EVENTS = {
  'queue.changed': z.object({ reason: z.string() }),
  /**
   * This window's session changed without a call of its own: locked by time, ended by expiry or from another tab
   * holding the same session. Sent only to the window(s) holding that session.
   */
  'auth.changed': AuthStateSchema,
  /** The sync status changed (a phase began, progress moved, a cycle ended or failed). */
  'sync.changed': SyncStatusSchema,
  /** The update status changed (found, progress, downloaded, failed). */
  'updates.changed': UpdateStatusSchema,
} as const;
export type EventName = keyof typeof EVENTS;
export type EventPayload<E extends EventName> = z.output<(typeof EVENTS)[E]>;

/** What the core implements: one function per contract method. */
export type ApiFacade = {
  [M in MethodName]: (input: MethodParsedInput<M>) => Promise<MethodOutput<M>> | MethodOutput<M>;
};

/** What the Electron shell reports after a print: a job sent, a PDF saved, a cancel, or a refused caller. */
export type ShellPrintOutcome = 'job_sent' | 'pdf_saved' | 'cancelled' | 'refused';

/** The typed object the preload exposes in Electron and the browser client imitates. */
export interface ConsoleBridge {
  invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<unknown>;
  on(event: EventName, listener: (payload: unknown) => void): () => void;
  /** Electron only: prints the page shown (a print preview) and says what happened; the browser cannot tell. */
  print?(target?: 'printer' | 'pdf'): Promise<ShellPrintOutcome>;
  /** Electron only: the core makes a report export and the shell saves it where the user chooses. */
  saveReport?(input: ReportExportInput): Promise<{ saved: boolean; fileName: string | null }>;
}
