import type BetterSqlite3 from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../../shared/api/errors';
import type { FactRecord, ShipmentBatch } from '../../../shared/api/paperwork';
import { dayNumberToIso, kyivDayNumber } from '../../../shared/domain/kyiv-time';
import type { Status } from '../../../shared/domain/status';
import { checkTracking } from '../../../shared/domain/tracking';
import type { SqlRunner } from '../store/sql';
import type { AuditLog } from './audit';
import type { SessionService } from './auth';
import type { FactRecorder } from './paperwork-facts';
import type { PaperworkSettings } from './paperwork-settings';
import { commitUserAction } from './user-action';

interface BatchRow {
  id: string;
  created_at: number;
  created_by: string;
  created_by_name: string | null;
  shipped_at: number | null;
  shipped_by: string | null;
}

interface ParcelRow {
  position: number;
  application_id: string;
  tracking: string | null;
  shipped_fact_seq: number | null;
  number: string | null;
  applicant_name: string | null;
  status: Status | null;
  postcode: string | null;
  locality: string | null;
}

interface ShippedRow {
  id: string;
  number: string;
  applicant_name: string;
  local_at: number | null;
  local_tracking: string | null;
  pulled_at: string | null;
  pulled_note: string | null;
}

/**
 * Parcels by Ukrposhta: cards awaiting shipment are gathered in a batch, each parcel gets its tracking barcode,
 * and the batch is marked shipped when it is handed over at the post office. Building the batch is local
 * paperwork (audited, not pushed); shipping is a fact per parcel, each with its outbox op and audit entry, all
 * in one transaction so a batch is never left half shipped by a power cut.
 */
export class ShippingService {
  private readonly s: {
    batch: BetterSqlite3.Statement<[string], BatchRow>;
    batches: BetterSqlite3.Statement<[number, number], BatchRow>;
    parcels: BetterSqlite3.Statement<[string], ParcelRow>;
    openParcelOf: BetterSqlite3.Statement<[string], { batch_id: string }>;
    byTracking: BetterSqlite3.Statement<[string], { batch_id: string; application_id: string; number: string | null }>;
    insertBatch: BetterSqlite3.Statement;
    insertParcel: BetterSqlite3.Statement;
    setTracking: BetterSqlite3.Statement;
    markParcel: BetterSqlite3.Statement;
    detach: BetterSqlite3.Statement;
    markBatch: BetterSqlite3.Statement;
    shipped: BetterSqlite3.Statement<[], ShippedRow>;
  };

  constructor(
    private readonly sql: SqlRunner,
    private readonly session: SessionService,
    private readonly facts: FactRecorder,
    private readonly audit: AuditLog,
    private readonly settings: PaperworkSettings,
    private readonly centerId: string,
    private readonly now: () => number,
    private readonly onChanged: (reason: string) => void,
  ) {
    const db = sql.db;
    const batchColumns = 'b.id, b.created_at, b.created_by, o.display_name AS created_by_name, b.shipped_at, b.shipped_by';
    this.s = {
      batch: db.prepare(`SELECT ${batchColumns} FROM shipment_batches b LEFT JOIN operators o ON o.id = b.created_by WHERE b.id = ?`),
      batches: db.prepare(`SELECT ${batchColumns} FROM shipment_batches b LEFT JOIN operators o ON o.id = b.created_by
        WHERE ? = 1 OR b.shipped_at IS NULL ORDER BY b.created_at DESC, b.id DESC LIMIT ?`),
      parcels: db.prepare(`SELECT p.position, p.application_id, p.tracking, p.shipped_fact_seq, a.number, a.applicant_name, a.status,
          json_extract(r.record, '$.delivery.address.postcode') AS postcode, json_extract(r.record, '$.delivery.address.locality') AS locality
        FROM shipment_parcels p LEFT JOIN applications a ON a.id = p.application_id LEFT JOIN application_records r ON r.rowid = a.rowid
        WHERE p.batch_id = ? ORDER BY p.position`),
      openParcelOf: db.prepare('SELECT batch_id FROM shipment_parcels WHERE application_id = ? AND shipped_fact_seq IS NULL'),
      byTracking: db.prepare(`SELECT p.batch_id, p.application_id, a.number FROM shipment_parcels p
        LEFT JOIN applications a ON a.id = p.application_id WHERE p.tracking = ?`),
      insertBatch: db.prepare('INSERT INTO shipment_batches (id, center_id, created_at, created_by) VALUES (?, ?, ?, ?)'),
      insertParcel: db.prepare('INSERT INTO shipment_parcels (batch_id, application_id, position) VALUES (?, ?, ?)'),
      setTracking: db.prepare('UPDATE shipment_parcels SET tracking = ? WHERE batch_id = ? AND application_id = ?'),
      markParcel: db.prepare('UPDATE shipment_parcels SET shipped_fact_seq = ? WHERE batch_id = ? AND application_id = ?'),
      detach: db.prepare('DELETE FROM shipment_parcels WHERE batch_id = ? AND application_id = ?'),
      markBatch: db.prepare('UPDATE shipment_batches SET shipped_at = ?, shipped_by = ? WHERE id = ?'),
      // Shipped when: the local fact that moved it to shipped, or the latest pulled step; the pulled step's note is its barcode.
      shipped: db.prepare(`SELECT a.id, a.number, a.applicant_name,
          (SELECT max(f.at) FROM paperwork_facts f WHERE f.application_id = a.id AND f.kind = 'shipped' AND f.status_seen <> 'shipped' AND f.status_after = 'shipped') AS local_at,
          (SELECT f.tracking FROM paperwork_facts f WHERE f.application_id = a.id AND f.kind = 'shipped' ORDER BY f.seq DESC LIMIT 1) AS local_tracking,
          (SELECT j.value ->> '$.at' FROM json_each(r.record, '$.history') j WHERE j.value ->> '$.status' = 'shipped' ORDER BY j.key DESC LIMIT 1) AS pulled_at,
          (SELECT j.value ->> '$.note' FROM json_each(r.record, '$.history') j WHERE j.value ->> '$.status' = 'shipped' ORDER BY j.key DESC LIMIT 1) AS pulled_note
        FROM applications a JOIN application_records r ON r.rowid = a.rowid WHERE a.status = 'shipped'`),
    };
  }

  /** `shipping.createBatch`: only cards awaiting shipment, each in one open batch at a time. */
  createBatch(applicationIds: readonly string[]): { batch: ShipmentBatch } {
    const operator = this.session.requireOperator('paperwork.record');
    const ids = [...new Set(applicationIds)];
    const at = this.now();
    const id = uuidv7();
    commitUserAction(this.sql, () => {
      this.s.insertBatch.run(id, this.centerId, at, operator.id);
      ids.forEach((applicationId, i) => {
        const app = this.facts.load(applicationId);
        if (app.status !== 'awaiting_shipment') {
          throw new AppError('not_awaiting_shipment', `Application ${app.number} is not awaiting shipment (status: ${app.status}); only cards scanned as arrived for Ukrposhta delivery go into a batch.`);
        }
        const open = this.s.openParcelOf.get(applicationId);
        if (open) throw new AppError('already_in_batch', `Application ${app.number} is already in batch ${open.batch_id}, which has not been shipped yet.`);
        this.s.insertParcel.run(id, applicationId, i + 1);
      });
      this.audit.append({ at, operatorId: operator.id, action: 'shipping.batch_created', entityId: id, details: { batchId: id, applicationIds: ids } });
    });
    this.onChanged('shipping.batch_created');
    return { batch: this.describe(id) };
  }

  /** `shipping.setTracking`: a valid barcode, unique across every parcel; setting the same one again changes nothing. */
  setTracking(batchId: string, applicationId: string, raw: string): { batch: ShipmentBatch } {
    const operator = this.session.requireOperator('paperwork.record');
    const check = checkTracking(raw);
    if (!check.ok) throw new AppError('invalid_tracking', check.message);
    const at = this.now();
    commitUserAction(this.sql, () => {
      const parcel = this.openBatch(batchId).parcels.find((p) => p.application_id === applicationId);
      if (!parcel) throw new AppError('not_in_batch', 'This application is not in this batch; add it to a batch first.');
      if (parcel.tracking === check.value) return;
      const taken = this.s.byTracking.get(check.value);
      if (taken) {
        const where = taken.batch_id === batchId ? 'in this batch' : `in batch ${taken.batch_id}`;
        throw new AppError('duplicate_tracking', `Barcode ${check.value} is already on application ${taken.number ?? taken.application_id} ${where}; every parcel has its own barcode.`);
      }
      this.s.setTracking.run(check.value, batchId, applicationId);
      this.audit.append({
        at, operatorId: operator.id, action: 'shipping.tracking_set', entityId: applicationId,
        details: { batchId, applicationId, tracking: check.value, previous: parcel.tracking },
      });
    });
    return { batch: this.describe(batchId) };
  }

  /** `shipping.markShipped`: every parcel with a barcode is shipped; parcels without one leave the batch. */
  markShipped(batchId: string): { batch: ShipmentBatch; shipped: FactRecord[]; detached: string[] } {
    const operator = this.session.requireOperator('paperwork.record');
    const at = this.now();
    const result = commitUserAction(this.sql, () => {
      const { parcels } = this.openBatch(batchId);
      const ready = parcels.filter((p) => p.tracking !== null && this.facts.find(p.application_id));
      if (ready.length === 0) throw new AppError('batch_without_tracking', 'No parcel in this batch has a tracking barcode yet; scan the barcodes first.');
      const shipped = ready.map((p) => {
        const tracking = p.tracking!;
        const check = checkTracking(tracking); // stored only once valid
        const trackingKind = check.ok ? check.kind : 'domestic';
        const fact = this.facts.record(this.facts.load(p.application_id), { kind: 'shipped' }, operator.id, at,
          { batchId, tracking, trackingKind }, { batchId, tracking });
        this.s.markParcel.run(fact.seq, batchId, p.application_id);
        const { seq: _seq, ...record } = fact;
        return record;
      });
      const detached = parcels.filter((p) => !ready.includes(p)).map((p) => p.application_id);
      for (const applicationId of detached) this.s.detach.run(batchId, applicationId);
      this.s.markBatch.run(at, operator.id, batchId);
      this.audit.append({ at, operatorId: operator.id, action: 'shipping.batch_shipped', entityId: batchId, details: { batchId, shipped: shipped.map((f) => f.opId), detached } });
      return { shipped, detached };
    });
    this.onChanged('application.shipped');
    return { batch: this.describe(batchId), ...result };
  }

  batches(includeShipped: boolean, limit: number): { batches: ShipmentBatch[] } {
    this.session.requireOperator('applications.read');
    return { batches: this.s.batches.all(includeShipped ? 1 : 0, limit).map((b) => this.toBatch(b)) };
  }

  /** `shipping.deliveryTargets`: shipped parcels against the delivery target (Kyiv calendar days after shipping). */
  deliveryTargets() {
    this.session.requireOperator('applications.read');
    const targetDays = this.settings.deliveryTargetDays();
    const today = kyivDayNumber(this.now());
    const items = this.s.shipped.all().flatMap((r) => {
      const pulled = r.pulled_at ? Date.parse(r.pulled_at) : null;
      const shippedAt = Math.max(r.local_at ?? -Infinity, pulled ?? -Infinity);
      if (!Number.isFinite(shippedAt)) return [];
      const tracking = r.local_tracking ?? (r.pulled_note && checkTracking(r.pulled_note).ok ? r.pulled_note.trim() : null);
      const due = kyivDayNumber(shippedAt) + targetDays;
      return [{
        applicationId: r.id, number: r.number, applicantName: r.applicant_name, tracking,
        shippedAt: new Date(shippedAt).toISOString(), dueOn: dayNumberToIso(due), daysLeft: due - today, overdue: due < today,
      }];
    });
    items.sort((a, b) => a.daysLeft - b.daysLeft || a.number.localeCompare(b.number));
    return { targetDays, items };
  }

  /** A batch with its parcels; not_found when unknown. */
  describe(batchId: string): ShipmentBatch {
    const row = this.s.batch.get(batchId);
    if (!row) throw new AppError('not_found', 'This shipment batch is not known at this workstation; refresh the list of batches.');
    return this.toBatch(row);
  }

  /** The parcels of a batch the operator may still change. */
  private openBatch(batchId: string): { row: BatchRow; parcels: ParcelRow[] } {
    const row = this.s.batch.get(batchId);
    if (!row) throw new AppError('not_found', 'This shipment batch is not known at this workstation; refresh the list of batches.');
    if (row.shipped_at !== null) throw new AppError('batch_already_shipped', 'This batch was already handed to Ukrposhta; start a new batch for further parcels.');
    return { row, parcels: this.s.parcels.all(batchId) };
  }

  private toBatch(b: BatchRow): ShipmentBatch {
    return {
      id: b.id, createdAt: new Date(b.created_at).toISOString(), createdBy: b.created_by, createdByName: b.created_by_name,
      shippedAt: b.shipped_at === null ? null : new Date(b.shipped_at).toISOString(), shippedBy: b.shipped_by,
      parcels: this.s.parcels.all(b.id).map((p) => ({
        position: p.position, applicationId: p.application_id, number: p.number, recipientName: p.applicant_name,
        postcode: p.postcode, locality: p.locality, status: p.status, tracking: p.tracking, shipped: p.shipped_fact_seq !== null,
      })),
    };
  }
}
