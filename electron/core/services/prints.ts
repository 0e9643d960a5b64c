import type BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import type { FactFlagReason, PrintDocument, PrintMethod } from '../../../shared/domain/facts';
import type { SqlRunner } from '../store/sql';
import type { SessionService } from './auth';
import { NOT_IN_QUEUE, type FactRecorder } from './paperwork-facts';
import { commitUserAction } from './user-action';

export interface PrintRecordInput {
  applicationIds: readonly string[];
  document: PrintDocument;
  how: PrintMethod;
  batchId?: string | undefined;
}

interface PrintRow {
  document: PrintDocument;
  how: PrintMethod;
  at: number;
  operator_id: string;
  operator_name: string | null;
  copy: number;
  batch_id: string | null;
}

/**
 * Prints are facts: recorded once the page came out (Electron reported the job sent, a PDF was saved, or the
 * operator confirmed it), for every application on the page, in one transaction. A page printed before for the
 * same application (and batch) is a copy; the answer says so, and the page shows «КОПІЯ».
 *
 * Reprints are counted from this workstation's prints: the central server does not publish prints yet.
 */
export class PrintService {
  private readonly s: {
    previous: BetterSqlite3.Statement<[string, string, string | null], { n: number }>;
    batchExists: BetterSqlite3.Statement<[string], { id: string }>;
    history: BetterSqlite3.Statement<[string], PrintRow>;
  };

  constructor(
    private readonly sql: SqlRunner,
    private readonly session: SessionService,
    private readonly facts: FactRecorder,
    private readonly now: () => number,
    private readonly onChanged: (reason: string) => void,
  ) {
    const db = sql.db;
    this.s = {
      previous: db.prepare(`SELECT count(*) AS n FROM paperwork_facts
        WHERE application_id = ? AND kind = 'printed' AND document = ? AND batch_id IS ?`),
      batchExists: db.prepare('SELECT id FROM shipment_batches WHERE id = ?'),
      history: db.prepare(`SELECT f.document, f.how, f.at, f.operator_id, o.display_name AS operator_name, f.copy, f.batch_id
        FROM paperwork_facts f LEFT JOIN operators o ON o.id = f.operator_id
        WHERE f.application_id = ? AND f.kind = 'printed' ORDER BY f.seq`),
    };
  }

  /** How many times this document was printed before for an application (and batch): 0 means the next one is the original. */
  previousPrints(applicationId: string, document: PrintDocument, batchId: string | null = null): number {
    return this.s.previous.get(applicationId, document, batchId)!.n;
  }

  record(input: PrintRecordInput) {
    const operator = this.session.requireOperator('paperwork.record');
    const ids = [...new Set(input.applicationIds)];
    const batchId = input.batchId ?? null;
    const at = this.now();
    const prints = commitUserAction(this.sql, () => {
      if (batchId !== null && !this.s.batchExists.get(batchId)) {
        throw new AppError('not_found', 'This shipment batch is not known at this workstation; refresh the list of batches.');
      }
      return ids.map((id) => {
        const app = this.facts.load(id);
        const copy = this.previousPrints(id, input.document, batchId);
        const fact = this.facts.record(app, { kind: 'printed', document: input.document }, operator.id, at,
          { document: input.document, how: input.how, copy, batchId }, { document: input.document, how: input.how, copy, batchId });
        return { applicationId: id, document: input.document, copy, reprint: copy > 0, flag: fact.flag as FactFlagReason | null, opId: fact.opId };
      });
    });
    this.onChanged('application.printed');
    return { prints };
  }

  history(applicationId: string) {
    this.session.requireOperator('applications.read');
    if (!this.facts.find(applicationId)) throw new AppError('not_found', NOT_IN_QUEUE);
    return {
      prints: this.s.history.all(applicationId).map((r) => ({
        document: r.document, how: r.how, at: new Date(r.at).toISOString(), operatorId: r.operator_id,
        operatorName: r.operator_name, copy: r.copy, reprint: r.copy > 0, batchId: r.batch_id,
      })),
    };
  }
}
