import type { ApiFacade, SessionInfo } from '../../shared/api/contract';
import type { DiagnosticsExport } from '../../shared/api/diagnostics';
import type { ApplicationReader } from './services/applications';
import type { Db } from './store/database';
import type { DecidingServices } from './services/deciding';
import type { QueueQueries } from './services/queue-query';
import type { ReportQueries } from './services/reports/report-query';
import { reportFile } from './services/reports/report-export';
import type { SyncServices } from './sync';
import { attachRoleGate } from './api/dispatch';
import { syncFacadeMethods } from './sync/facade-methods';
import { signInReadiness } from './services/sign-in-readiness';
import type { UpdateController } from './updates/controller';
import { updateFacadeMethods } from './updates/facade-methods';
import type { UpdateStatus } from '../../shared/api/updates';

export interface FacadeDeps {
  db: Db;
  queries: QueueQueries;
  reports: ReportQueries;
  reader: ApplicationReader;
  deciding: DecidingServices;
  sync: SyncServices;
  now: () => number;
  session: Omit<SessionInfo, 'now'>;
  /** Writes the diagnostics bundle into the data folder. */
  exportDiagnostics: () => DiagnosticsExport;
  /** The console's own updates; null where they are managed elsewhere (`updatesOff` is answered then). */
  updates: UpdateController | null;
  updatesOff: UpdateStatus;
}

/** The service facade: the contract's methods, each a thin call into a service. */
export function createFacade(deps: FacadeDeps): ApiFacade {
  const { queries, reader, now } = deps;
  const { audit, session, settings, reasons, view, decisions, forceMajeure } = deps.deciding;
  // Personal data is shown only to a signed-in, unlocked operator; the idle lock hides it too.
  const reading = () => session.requireOperator('applications.read');
  const facade: ApiFacade = {
    'session.info': () => ({ ...deps.session, now: new Date(now()).toISOString() }),
    'queue.page': (input) => {
      reading();
      const page = queries.page(input.filter, input.sort, input.offset, input.limit, now());
      // Searching personal data is audited (by the digest of the query), at most once per query per few seconds.
      if (input.filter.search.trim()) audit.recordSearch(input.filter.search, session.operatorId(), now());
      return page;
    },
    'queue.counts': (input) => {
      reading();
      return queries.counts(input.filter, now());
    },
    'application.get': (input) => {
      reading();
      const detail = view.detail(input.id, now());
      audit.record({ at: now(), operatorId: session.operatorId(), action: 'application.open', entityId: input.id, details: { id: input.id } });
      return detail;
    },
    'application.images': async (input) => {
      reading();
      // Production images come from the central server by hash (checked, then cached); training ones are made here.
      if (deps.session.mode === 'production') {
        const record = reader.record(input.id);
        await deps.sync.images.ensure([record.photoHash, record.signatureHash]);
      }
      return reader.images(input.id);
    },

    'auth.signIn': (input) => {
      const { operator, credential, mustChangePassword } = session.signIn(input.login, input.password);
      return { operator, session: credential, ...(mustChangePassword ? { mustChangePassword } : {}) };
    },
    'auth.readiness': () => signInReadiness(deps.db, session, deps.session.mode === 'training' || (deps.sync.connection?.describe().enrolled ?? false)),
    'auth.signOut': () => ({ signedOut: session.signOut() }),
    'auth.current': () => session.current(),
    'auth.lock': () => session.lock(),
    'auth.unlock': (input) => session.unlock(input.password),
    'auth.changePassword': (input) => deps.deciding.passwords.change(input.newPassword),
    'settings.get': () => settings.all(),
    'reference.refusalReasons': (input) => ({ reasons: reasons.reasons(input.includeInactive) }),

    'application.workflow': (input) => {
      reading();
      return view.workflow(input.id, input.manualChecks);
    },
    'application.claim': (input) => decisions.claim(input.id),
    'application.release': (input) => decisions.release(input.id),
    'application.approve': (input) => decisions.approve(input.id, input.manualChecks, input.takeIntoWork),
    'application.refuse': (input) => decisions.refuse(input.id, input.reasonCode, input.explanation, input.takeIntoWork),

    // Paperwork and handover (issue 5).
    'handover.cardArrived': (input) => deps.deciding.paperwork.handover.cardArrived(input),
    'handover.issue': (input) => deps.deciding.paperwork.handover.issue(input),
    'handover.uncollected': (input) => deps.deciding.paperwork.handover.uncollected(input.olderThanDays),
    'shipping.createBatch': (input) => deps.deciding.paperwork.shipping.createBatch(input.applicationIds),
    'shipping.setTracking': (input) => deps.deciding.paperwork.shipping.setTracking(input.batchId, input.applicationId, input.tracking),
    'shipping.markShipped': (input) => deps.deciding.paperwork.shipping.markShipped(input.batchId),
    'shipping.batches': (input) => deps.deciding.paperwork.shipping.batches(input.includeShipped, input.limit),
    'shipping.deliveryTargets': () => deps.deciding.paperwork.shipping.deliveryTargets(),
    'prints.record': (input) => deps.deciding.paperwork.prints.record(input),
    'prints.history': (input) => deps.deciding.paperwork.prints.history(input.applicationId),
    'paperwork.documentData': (input) => deps.deciding.paperwork.documents.documentData(input),
    'review.list': (input) => deps.deciding.paperwork.review.list(input.includeResolved, input.limit),
    'review.resolve': (input) => deps.deciding.paperwork.review.resolve(input.id, input.note),

    'forceMajeure.record': (input) => forceMajeure.record(input),
    'forceMajeure.list': (input) => {
      reading();
      return { periods: forceMajeure.list(input.limit) };
    },

    // The center's own report, from the local store (offline); supervisors only (the role gate answers first).
    'reports.get': (input) => {
      session.requireOperator('reports.read');
      return deps.reports.report(deps.session.centerId, input.period);
    },
    'reports.export': async (input) => {
      const operator = session.requireOperator('reports.read');
      const result = deps.reports.report(deps.session.centerId, input.period);
      const file = await reportFile(result, deps.session.centerName, input.format, input.language);
      audit.record({ at: now(), operatorId: operator.id, action: 'reports.export', entityId: null, details: { format: input.format, period: input.period, bytes: file.bytes } });
      return file;
    },

    'diagnostics.export': () => {
      const operator = session.requireOperator('diagnostics.export');
      const result = deps.exportDiagnostics();
      audit.record({ at: now(), operatorId: operator.id, action: 'diagnostics.export', entityId: null, details: { bytes: result.bytes, entries: result.entries } });
      return result;
    },

    ...syncFacadeMethods(deps.sync, session, audit, now, deps.session.mode),
    ...updateFacadeMethods(deps.updates, deps.updatesOff, session, audit, now),
  };
  attachRoleGate(facade, (permission) => void session.requireOperator(permission));
  return facade;
}
