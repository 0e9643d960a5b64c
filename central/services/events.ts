import type { ApplicationRecord } from '../../shared/domain/application';
import { canTransition, type Status } from '../../shared/domain/status';
import { HttpError } from '../http/errors';
import type { CentralStore } from '../store/store';
import { CENTRAL, type ApplicationStore, type StoredApplication } from './applications';

const RETURNED_NOTE = 'Повернуто Укрпоштою: адресат не отримав відправлення';

export type CentralEvent =
  | { kind: 'produced'; applicationId: string; newLicenceNumber: string }
  | { kind: 'delivered'; applicationId: string }
  | { kind: 'returned'; applicationId: string }
  | { kind: 'cancelled'; applicationId: string; reason: string };

const TARGET: Record<CentralEvent['kind'], Status> = { produced: 'produced', delivered: 'delivered', returned: 'returned', cancelled: 'cancelled' };

/**
 * Events from outside the service centers: production made the card, Ukrposhta delivered or returned the parcel, the
 * citizen or the ministry cancelled. Each is one change by the central server (version bump, next in the feed). An
 * event repeated after it took effect answers with the record unchanged, so a producer may retry safely.
 */
export class EventService {
  constructor(
    private readonly store: CentralStore,
    private readonly apps: ApplicationStore,
    private readonly now: () => number,
  ) {}

  apply(event: CentralEvent): Promise<{ application: ApplicationRecord; changed: boolean }> {
    return this.store.write(async (tx) => {
      const app = await this.apps.lock(tx, event.applicationId);
      if (!app) throw new HttpError(404, 'unknown_application', 'The central server has no application with this id.');
      const target = TARGET[event.kind];
      if (this.alreadyDone(app, event)) return { application: app.record, changed: false };
      if (!canTransition(app.record.status, target)) {
        throw new HttpError(409, 'invalid_transition', `An application in status "${app.record.status}" cannot become "${target}".`);
      }
      const at = this.now();
      const record = await this.apps.transition(tx, app, target, CENTRAL, {
        at,
        note: event.kind === 'produced' ? event.newLicenceNumber : event.kind === 'cancelled' ? event.reason.trim() : event.kind === 'returned' ? RETURNED_NOTE : null,
        edit: event.kind === 'produced' ? (r) => void (r.newLicenceNumber = event.newLicenceNumber) : undefined,
      });
      await this.apps.logEffect(tx, { opId: null, applicationId: record.id, centerId: record.centerId, kind: `event.${event.kind}`, version: record.version, workstationId: null, at });
      return { application: record, changed: true };
    });
  }

  /** Releases the claim of a dead workstation (a supervisor asks through the central server): back to `received`. */
  releaseClaim(applicationId: string): Promise<{ application: ApplicationRecord; released: boolean }> {
    return this.store.write(async (tx) => {
      const app = await this.apps.lock(tx, applicationId);
      if (!app) throw new HttpError(404, 'unknown_application', 'The central server has no application with this id.');
      if (app.record.status !== 'in_review') return { application: app.record, released: false };
      const at = this.now();
      const record = await this.apps.transition(tx, app, 'received', CENTRAL, { at, note: 'Заяву повернено до черги центральним сервером' });
      await this.apps.logEffect(tx, { opId: null, applicationId: record.id, centerId: record.centerId, kind: 'admin.release', version: record.version, workstationId: null, at });
      return { application: record, released: true };
    });
  }

  private alreadyDone(app: StoredApplication, event: CentralEvent): boolean {
    if (app.record.status !== TARGET[event.kind]) return false;
    return event.kind !== 'produced' || app.record.newLicenceNumber === event.newLicenceNumber;
  }
}
