import type BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import type { FactResult } from '../../../shared/api/paperwork';
import type { IdentityDocumentSchema } from '../../../shared/domain/application';
import { identityDocumentMatches, parseApplicationNumber } from '../../../shared/domain/facts';
import { kyivDayNumber } from '../../../shared/domain/kyiv-time';
import { checkTracking } from '../../../shared/domain/tracking';
import type { Status } from '../../../shared/domain/status';
import type { z } from 'zod';
import type { SqlRunner } from '../store/sql';
import type { ApplicationView } from './application-view';
import type { SessionService } from './auth';
import type { FactRecorder, FactTarget, RecordedFact } from './paperwork-facts';
import type { PaperworkSettings } from './paperwork-settings';
import { numberKey } from './search';
import { commitUserAction } from './user-action';

type IdentityDocument = z.infer<typeof IdentityDocumentSchema>;

interface WaitingRow {
  id: string;
  number: string;
  applicant_name: string;
  status: Status;
  phone: string;
  local_since: number | null;
  pulled_since: string | null;
}

/**
 * The card at the counter: it arrives at the center (a scan of the application number) and is handed over in
 * person after the identity check. Both are facts: recorded whatever the status, flagged when odd.
 */
export class HandoverService {
  private readonly s: {
    identityDocument: BetterSqlite3.Statement<[number], { doc: string }>;
    waiting: BetterSqlite3.Statement<[], WaitingRow>;
  };

  constructor(
    private readonly sql: SqlRunner,
    private readonly session: SessionService,
    private readonly facts: FactRecorder,
    private readonly view: ApplicationView,
    private readonly settings: PaperworkSettings,
    private readonly now: () => number,
    private readonly onChanged: (reason: string) => void,
  ) {
    const db = sql.db;
    this.s = {
      identityDocument: db.prepare("SELECT json_extract(record, '$.applicant.identityDocument') AS doc FROM application_records WHERE rowid = ?"),
      // Waiting since: the latest local fact that moved it into its status, or the latest pulled step into it.
      waiting: db.prepare(`SELECT a.id, a.number, a.applicant_name, a.status,
          json_extract(r.record, '$.applicant.phone') AS phone,
          (SELECT max(f.at) FROM paperwork_facts f
            WHERE f.application_id = a.id AND f.status_after = a.status AND f.status_seen <> f.status_after) AS local_since,
          (SELECT max(j.value ->> '$.at') FROM json_each(r.record, '$.history') j WHERE j.value ->> '$.status' = a.status) AS pulled_since
        FROM applications a JOIN application_records r ON r.rowid = a.rowid
        WHERE a.status IN ('ready_for_pickup', 'returned')`),
    };
  }

  /** `handover.cardArrived`: produced → ready_for_pickup or awaiting_shipment (by delivery), returned → ready_for_pickup. */
  cardArrived(input: { number?: string | undefined; id?: string | undefined }): FactResult {
    const operator = this.session.requireOperator('paperwork.record');
    const key = input.id === undefined ? this.scannedKey(input.number ?? '') : null;
    const at = this.now();
    const fact = commitUserAction(this.sql, () => {
      const app = key === null ? this.facts.load(input.id!) : this.byNumber(key);
      return this.facts.record(app, { kind: 'card_arrived', delivery: app.delivery }, operator.id, at, { scannedBy: key === null ? 'id' : 'number', delivery: app.delivery });
    });
    return this.done(fact);
  }

  /** `handover.issue`: ready_for_pickup or returned → issued, after the identity document was checked and its number typed. */
  issue(input: { id: string; identityDocumentChecked: boolean; identityDocumentNumber: string }): FactResult {
    const operator = this.session.requireOperator('paperwork.record');
    if (!input.identityDocumentChecked) {
      throw new AppError('identity_check_required', "Check the citizen's identity document and tick the box before handing the licence over.");
    }
    const at = this.now();
    const fact = commitUserAction(this.sql, () => {
      const app = this.facts.load(input.id);
      const doc = JSON.parse(this.s.identityDocument.get(app.rowid)!.doc) as IdentityDocument;
      if (!identityDocumentMatches(input.identityDocumentNumber, doc.number)) {
        throw new AppError(
          'identity_document_mismatch',
          `The number typed does not match the identity document in application ${app.number}; check the document the citizen shows and type its number again.`,
        );
      }
      // The number typed is compared, never stored or pushed: only that it matched.
      return this.facts.record(app, { kind: 'handed_over' }, operator.id, at, { identityDocumentChecked: true, identityDocumentType: doc.type });
    });
    return this.done(fact);
  }

  /** `handover.uncollected`: cards waiting at the center for at least N Kyiv calendar days, the longest waiting first. */
  uncollected(olderThanDays: number | undefined) {
    this.session.requireOperator('applications.read');
    const days = olderThanDays ?? this.settings.uncollectedDays();
    const now = this.now();
    const today = kyivDayNumber(now);
    const items = this.s
      .waiting.all()
      .map((r) => ({ r, since: Math.max(r.local_since ?? -Infinity, r.pulled_since ? Date.parse(r.pulled_since) : -Infinity) }))
      .filter(({ since }) => Number.isFinite(since) && today - kyivDayNumber(since) >= days)
      .sort((a, b) => a.since - b.since || a.r.number.localeCompare(b.r.number))
      .map(({ r, since }) => ({
        applicationId: r.id, number: r.number, applicantName: r.applicant_name, phone: r.phone, status: r.status,
        since: new Date(since).toISOString(), daysWaiting: today - kyivDayNumber(since),
      }));
    return { olderThanDays: days, items };
  }

  private scannedKey(scanned: string): string {
    const number = parseApplicationNumber(scanned);
    if (number) return numberKey(number);
    if (checkTracking(scanned).ok) {
      throw new AppError('not_an_application_number', 'This is a Ukrposhta tracking barcode, not an application number; scan the application number on the card envelope.');
    }
    throw new AppError('not_an_application_number', 'This is not an application number (they look like 2026-000123); scan the barcode again or type the number.');
  }

  private byNumber(key: string): FactTarget {
    const app = this.facts.findByNumberKey(key);
    if (!app) {
      throw new AppError('not_found', `No application ${key.slice(0, 4)}-${key.slice(4)} is in the local queue. Sync with the central server and scan again.`);
    }
    return app;
  }

  private done(fact: RecordedFact): FactResult {
    this.onChanged(`application.${fact.kind}`);
    const { seq: _seq, ...record } = fact;
    return { fact: record, application: this.view.detail(fact.applicationId, this.now()) };
  }
}
