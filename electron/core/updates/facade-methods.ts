import type { ApiFacade } from '../../../shared/api/contract';
import { AppError } from '../../../shared/api/errors';
import type { UpdateStatus } from '../../../shared/api/updates';
import type { AuditLog } from '../services/audit';
import type { SessionService } from '../services/auth';
import type { UpdateController } from './controller';

type UpdateMethods = Pick<ApiFacade, 'updates.status' | 'updates.checkNow' | 'updates.restartNow'>;

/** The update methods of the facade; a console without an updater (training, the browser host) answers `off`. */
export function updateFacadeMethods(updates: UpdateController | null, off: UpdateStatus, session: SessionService, audit: AuditLog, now: () => number): UpdateMethods {
  const need = () => {
    if (!updates) throw new AppError('updates_off', 'This console does not update itself here (training mode or a development build); IT installs new versions.');
    return updates;
  };
  return {
    'updates.status': () => updates?.status() ?? off,
    'updates.checkNow': async () => {
      const operator = session.requireOperator('diagnostics.export');
      const status = await need().checkNow();
      audit.record({ at: now(), operatorId: operator.id, action: 'updates.checkNow', entityId: null, details: { offered: status.availableVersion, error: status.lastError?.code ?? null } });
      return status;
    },
    'updates.restartNow': (input) => need().restartNow(input),
  };
}
