import type { SqlRunner } from '../store/sql';
import type { ApplicationView } from './application-view';
import type { AuditLog } from './audit';
import type { SessionService } from './auth';
import { HandoverService } from './handover';
import type { Outbox } from './outbox';
import { PaperworkDocuments } from './paperwork-data';
import { FactRecorder } from './paperwork-facts';
import { PaperworkSettings } from './paperwork-settings';
import { PrintService } from './prints';
import type { RefusalCatalogue } from './refusal-reasons';
import { ReviewService } from './review';
import { ShippingService } from './shipping';

export interface PaperworkOptions {
  sql: SqlRunner;
  session: SessionService;
  outbox: Outbox;
  audit: AuditLog;
  view: ApplicationView;
  reasons: RefusalCatalogue;
  centerId: string;
  now: () => number;
  onChanged?: (reason: string) => void;
}

export type PaperworkServices = ReturnType<typeof createPaperworkServices>;

/** Wires the services of issue 5 (paperwork and handover) on the deciding services' outbox, audit log and session. */
export function createPaperworkServices(o: PaperworkOptions) {
  const changed = o.onChanged ?? (() => {});
  const facts = new FactRecorder(o.sql.db, o.outbox, o.audit);
  const settings = new PaperworkSettings(o.sql.db);
  const handover = new HandoverService(o.sql, o.session, facts, o.view, settings, o.now, changed);
  const shipping = new ShippingService(o.sql, o.session, facts, o.audit, settings, o.centerId, o.now, changed);
  const prints = new PrintService(o.sql, o.session, facts, o.now, changed);
  const review = new ReviewService(o.sql, o.session, o.audit, o.now, changed);
  const documents = new PaperworkDocuments(o.sql.db, o.session, o.audit, o.view, prints, shipping, o.reasons, o.centerId, o.now);
  return { facts, settings, handover, shipping, prints, review, documents };
}
