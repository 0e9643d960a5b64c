import type { CentralDb } from '../store/database';
import { SqlRunner } from '../store/sql';
import { ApplicationStore } from './applications';
import { ChangesFeed } from './changes';
import { CitizenStatusService } from './citizen-status';
import { EventService } from './events';
import { ImageService } from './images';
import { IntakeService } from './intake';
import { MetaStore } from './meta';
import { PushService } from './push';
import { ReferenceService } from './reference';
import { WorkstationService } from './workstations';

export interface Faults {
  /** Skip the receipt look-up: a repeated op is applied again (for proving the duplicate checker works). */
  disableDedupe: boolean;
  /** The next n pushes answer 503 before anything is read or written. */
  failPushes: number;
}

/** The central server's services over one store, wired once. */
export function createServices(db: CentralDb, now: () => number, faults: Faults) {
  const sql = new SqlRunner(db);
  const meta = new MetaStore(sql);
  const apps = new ApplicationStore(sql);
  const reference = new ReferenceService(sql, meta);
  const workstations = new WorkstationService(sql, now);
  return {
    db,
    sql,
    now,
    faults,
    meta,
    apps,
    reference,
    workstations,
    changes: new ChangesFeed(sql, meta, apps, now),
    push: new PushService(sql, { sql, apps, reference, meta, workstations, now }, faults),
    events: new EventService(sql, apps, now),
    intake: new IntakeService(sql, apps, now),
    citizen: new CitizenStatusService(apps, reference),
    images: new ImageService(sql),
  };
}

export type Services = ReturnType<typeof createServices>;
