import type { SqlRunner } from '../store/sql';
import { ApplicationView } from './application-view';
import type { ApplicationReader } from './applications';
import { AuditLog } from './audit';
import { SessionService } from './auth';
import { DecisionService } from './decisions';
import type { DeadlineModel } from './deadlines';
import { ForceMajeureService } from './force-majeure';
import { Outbox } from './outbox';
import { PasswordChangeService } from './password-change';
import { createPaperworkServices } from './paperwork';
import { RefusalCatalogue } from './refusal-reasons';
import { SettingsReader } from './settings';

export interface DecidingOptions {
  sql: SqlRunner;
  deadlines: DeadlineModel;
  reader: ApplicationReader;
  now: () => number;
  mode: 'training' | 'production';
  centerId: string;
  /** Called after a committed change that moves rows in the queue (the core emits `queue.changed`). */
  onQueueChanged?: (reason: string) => void;
}

export type DecidingServices = ReturnType<typeof createDecidingServices>;

/** Wires the services of issue 3 (deciding) the same way for the core, the tests and the bench. */
export function createDecidingServices(o: DecidingOptions) {
  const db = o.sql.db;
  const audit = new AuditLog(db);
  const outbox = new Outbox(db);
  const settings = new SettingsReader(o.sql, o.deadlines);
  const session = new SessionService(db, audit, settings, o.now, o.mode);
  const reasons = new RefusalCatalogue(db);
  const view = new ApplicationView(db, o.reader, outbox, session);
  const decisions = new DecisionService(o.sql, session, outbox, audit, reasons, view, o.now, o.onQueueChanged);
  const passwords = new PasswordChangeService(o.sql, session, outbox, audit, o.centerId, o.now, o.onQueueChanged);
  const forceMajeure = new ForceMajeureService(o.sql, session, outbox, audit, o.deadlines, o.centerId, o.now, o.onQueueChanged);
  // Issue 5: facts (arrival, hand-over, shipment, prints) join the same outbox, audit log and session.
  const paperwork = createPaperworkServices({ sql: o.sql, session, outbox, audit, view, reasons, centerId: o.centerId, now: o.now, onChanged: o.onQueueChanged });
  return { audit, outbox, settings, session, passwords, reasons, view, decisions, forceMajeure, paperwork };
}
