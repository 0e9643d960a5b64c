import type { CentralStore } from '../store/store';
import { ApplicationStore } from './applications';
import { ChangesFeed } from './changes';
import { CitizenStatusService } from './citizen-status';
import type { CentralContext } from './context';
import { EventService } from './events';
import { FleetService } from './fleet';
import { ImageService } from './images';
import { IntakeService } from './intake';
import { MetaStore } from './meta';
import { CenterService } from '../operators/center-service';
import { OperatorService } from '../operators/operator-service';
import { PushService } from './push';
import { ReferenceService } from './reference';
import { CentralReportService } from './reports/report-service';
import { PushThrottle, type RateLimitOptions } from './throttle';
import { WorkstationService } from './workstations';

export interface Faults {
  /** Skip the receipt look-up: a repeated op is applied again (for proving the duplicate checker works). */
  disableDedupe: boolean;
  /** The next n pushes answer 503 before anything is read or written. */
  failPushes: number;
}

export interface ServiceOptions {
  /** Per-workstation push throttling (429 with Retry-After); off unless given. */
  rateLimit?: RateLimitOptions;
  /** How long a spent enrolment code enrols the same workstation again (its answer was lost); 10 minutes by default. */
  enrolmentRetryWindowMs?: number;
}

/**
 * The central server's services over one store, wired once. Every service is built from the store and the clock
 * (`CentralContext`) plus the services it uses; routes receive this container.
 */
export function createServices(store: CentralStore, now: () => number, faults: Faults, options: ServiceOptions = {}) {
  const context: CentralContext = { store, now };
  const meta = new MetaStore();
  const apps = new ApplicationStore(store);
  const reference = new ReferenceService(store, meta);
  const workstations = new WorkstationService(store, now, options.enrolmentRetryWindowMs);
  const operators = new OperatorService(context, meta);
  return {
    store,
    now,
    faults,
    meta,
    apps,
    reference,
    workstations,
    operators,
    centers: new CenterService(context, meta),
    changes: new ChangesFeed(store, meta, apps, now),
    push: new PushService({ store, apps, reference, meta, operators, workstations, now }, faults),
    events: new EventService(store, apps, now),
    intake: new IntakeService(store, apps, now),
    citizen: new CitizenStatusService(store, apps, reference),
    images: new ImageService(store),
    fleet: new FleetService(context),
    reports: new CentralReportService(context),
    throttle: options.rateLimit ? new PushThrottle(context, options.rateLimit) : null,
  };
}

export type Services = ReturnType<typeof createServices>;
