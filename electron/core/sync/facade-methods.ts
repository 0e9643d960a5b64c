import type { ApiFacade } from '../../../shared/api/contract';
import { AppError } from '../../../shared/api/errors';
import type { AuditLog } from '../services/audit';
import type { SessionService } from '../services/auth';
import type { SyncServices } from './index';

type SyncMethods = Pick<
  ApiFacade,
  'sync.status' | 'sync.now' | 'sync.linkUp' | 'sync.conflicts' | 'sync.acknowledgeConflicts' | 'sync.quarantine' | 'sync.retryQuarantined' | 'sync.enrolment' | 'sync.enrol' | 'sync.rotateToken'
>;

/**
 * The sync methods of the facade. Status and enrolment need no session (IT enrols a workstation before any
 * operator exists on it); the lists name applications and operators, so they need a signed-in operator.
 */
export function syncFacadeMethods(
  sync: SyncServices,
  session: SessionService,
  audit: AuditLog,
  now: () => number,
  mode: 'training' | 'production',
): SyncMethods {
  const { engine, reports, outbox } = sync;
  // Read at call time: a launched training server connects after the core opened.
  const needConnection = () => {
    const connection = sync.connection;
    if (!connection) throw new AppError('central_unavailable', 'No central server is configured for this console, so it works offline only.');
    return connection;
  };
  return {
    'sync.status': () => engine.status(),
    'sync.now': () => engine.syncNow(),
    'sync.linkUp': () => {
      engine.linkUp();
      return engine.status();
    },
    'sync.conflicts': (input) => {
      const viewer = session.requireOperator('applications.read');
      return reports.conflicts(input.limit, input.includeAcknowledged, viewer);
    },
    'sync.acknowledgeConflicts': (input) => {
      const operator = session.requireOperator('applications.read');
      const acknowledged = reports.acknowledge(input.opIds, operator, now(), audit);
      engine.publishStatus();
      return { acknowledged, status: engine.status() };
    },
    'sync.quarantine': () => {
      session.requireOperator('applications.read');
      return { ops: reports.quarantine() };
    },
    'sync.retryQuarantined': (input) => {
      session.requireOperator('application.decide');
      if (!outbox.requeue(input.opId)) throw new AppError('not_quarantined', 'This op is not in quarantine (it may have been retried already).');
      engine.linkUp();
      return { requeued: true, status: engine.status() };
    },
    'sync.enrolment': () =>
      sync.connection?.describe() ?? { mode, enrolled: false, centralUrl: null, centerId: '', workstationId: '', enrolledAt: null },
    'sync.enrol': async (input) => {
      const result = await needConnection().enrol(input.code);
      engine.linkUp();
      return result;
    },
    'sync.rotateToken': () => needConnection().rotate(),
  };
}
