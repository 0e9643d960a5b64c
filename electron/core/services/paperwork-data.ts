import { AppError } from '../../../shared/api/errors';
import type BetterSqlite3 from 'better-sqlite3';
import type { DocumentData, DocumentDataInput } from '../../../shared/api/paperwork';
import type { ApplicationRecord } from '../../../shared/domain/application';
import { dayNumberToIso, isoToDayNumber, kyivDayNumber, kyivEndOfDay, kyivStartOfDay } from '../../../shared/domain/kyiv-time';
import type { Status } from '../../../shared/domain/status';
import type { Db } from '../store/database';
import type { ApplicationView } from './application-view';
import type { AuditLog } from './audit';
import type { SessionService } from './auth';
import type { PrintService } from './prints';
import type { RefusalCatalogue } from './refusal-reasons';
import type { ShippingService } from './shipping';

type Header = Pick<Extract<DocumentData, { document: 'production_order' }>, 'center' | 'date' | 'preparedAt' | 'operator'>;

interface IssuedRow {
  application_id: string;
  at: number;
  operator_name: string | null;
}

const person = (r: ApplicationRecord) => {
  const a = r.applicant;
  return { surname: a.surname, givenName: a.givenName, patronymic: a.patronymic, fullName: [a.surname, a.givenName, a.patronymic].filter(Boolean).join(' '), birthDate: a.birthDate };
};
const lastStep = (r: ApplicationRecord, status: Status) => [...r.history].reverse().find((h) => h.status === status) ?? null;

/**
 * `paperwork.documentData`: the fields each printed document needs, gathered here so the renderer's templates
 * stay dumb. Reading personal data is audited, like opening an application.
 */
export class PaperworkDocuments {
  private readonly s: {
    center: BetterSqlite3.Statement<[string], { name: string; address: string }>;
    tracking: BetterSqlite3.Statement<[string], { tracking: string }>;
    issuedOn: BetterSqlite3.Statement<[number, number], IssuedRow>;
  };

  constructor(
    db: Db,
    private readonly session: SessionService,
    private readonly audit: AuditLog,
    private readonly view: ApplicationView,
    private readonly prints: PrintService,
    private readonly shipping: ShippingService,
    private readonly reasons: RefusalCatalogue,
    private readonly centerId: string,
    private readonly now: () => number,
  ) {
    this.s = {
      center: db.prepare('SELECT name, address FROM centers WHERE id = ?'),
      // The parcel being prepared first, else the latest one shipped.
      tracking: db.prepare(`SELECT tracking FROM shipment_parcels WHERE application_id = ? AND tracking IS NOT NULL
        ORDER BY shipped_fact_seq IS NULL DESC, shipped_fact_seq DESC LIMIT 1`),
      issuedOn: db.prepare(`SELECT f.application_id, f.at, o.display_name AS operator_name
        FROM paperwork_facts f LEFT JOIN operators o ON o.id = f.operator_id
        WHERE f.kind = 'handed_over' AND f.status_after = 'issued' AND f.status_seen <> 'issued' AND f.at BETWEEN ? AND ? ORDER BY f.at, f.seq`),
    };
  }

  documentData(input: DocumentDataInput): DocumentData {
    const operator = this.session.requireOperator('applications.read');
    const now = this.now();
    const center = this.s.center.get(this.centerId) ?? { name: this.centerId, address: '' };
    const header: Header = {
      center: { id: this.centerId, name: center.name, address: center.address },
      date: dayNumberToIso(kyivDayNumber(now)),
      preparedAt: new Date(now).toISOString(),
      operator: { id: operator.id, displayName: operator.displayName },
    };
    const data = this.build(input, header, now);
    this.audit.record({
      at: now, operatorId: operator.id, action: 'paperwork.document_data', entityId: input.batchId ?? null,
      details: { document: input.document, applicationIds: input.applicationIds ?? null, batchId: input.batchId ?? null, date: input.date ?? null },
    });
    return data;
  }

  private build(input: DocumentDataInput, header: Header, now: number): DocumentData {
    const batchId = input.batchId ?? null;
    const nameOf = (id: string | null) => (id ? this.session.displayName(id) : null);
    const load = (id: string) => {
      const detail = this.view.detail(id, now);
      // A document carries the applicant: once their data are purged there is nothing true to print.
      if (detail.purgedAt) {
        throw new AppError('personal_data_purged', `The personal data of application ${detail.record.number} were removed after the retention period, so its documents can no longer be printed.`);
      }
      const record = detail.record;
      return { record, base: { applicationId: id, number: record.number, previousPrints: this.prints.previousPrints(id, input.document, batchId) } };
    };
    const idsOf = () => input.applicationIds ?? this.shipping.describe(batchId!).parcels.map((p) => p.applicationId);

    switch (input.document) {
      case 'production_order':
        return { document: 'production_order', ...header, items: idsOf().map((id) => {
          const { record: r, base } = load(id);
          const approved = lastStep(r, 'approved');
          return {
            ...base, service: r.service, ground: r.ground,
            applicant: { ...person(r), rnokpp: r.applicant.rnokpp, unzr: r.applicant.unzr },
            currentLicence: { number: r.licence.number, categories: r.licence.categories, issuedOn: r.licence.issuedOn, expiresOn: r.licence.expiresOn },
            delivery: r.delivery.method === 'pickup'
              ? { method: 'pickup' as const, pickupCenterName: this.s.center.get(r.delivery.centerId)?.name ?? r.delivery.centerId, address: null }
              : { method: 'ukrposhta' as const, pickupCenterName: null, address: r.delivery.address },
            approvedAt: approved?.at ?? null, approvedBy: nameOf(approved?.operatorId ?? null),
            photoHash: r.photoHash, signatureHash: r.signatureHash,
          };
        }) };
      case 'handover_receipt':
        return { document: 'handover_receipt', ...header, items: idsOf().map((id) => {
          const { record: r, base } = load(id);
          return {
            ...base, applicant: person(r), identityDocument: r.applicant.identityDocument, newLicenceNumber: r.newLicenceNumber,
            categories: r.licence.categories, previousLicenceNumber: r.licence.number,
          };
        }) };
      case 'address_label':
        return { document: 'address_label', ...header, items: idsOf().map((id) => {
          const { record: r, base } = load(id);
          const post = r.delivery.method === 'ukrposhta' ? r.delivery : null;
          return {
            ...base, recipientName: person(r).fullName, address: post?.address ?? r.applicant.address,
            recipientPhone: post?.recipientPhone ?? r.applicant.phone, tracking: this.s.tracking.get(id)?.tracking ?? null,
          };
        }) };
      case 'refusal_notice':
        return { document: 'refusal_notice', ...header, items: idsOf().map((id) => {
          const { record: r, base } = load(id);
          const refused = lastStep(r, 'refused');
          const code = r.refusal?.reasonCode ?? '';
          const reason = this.reasons.reasons(true).find((x) => x.code === code);
          return {
            ...base, applicant: person(r), address: r.applicant.address, submittedAt: r.submittedAt,
            refusedAt: refused?.at ?? null, refusedBy: nameOf(refused?.operatorId ?? null),
            reason: { code, titleUk: reason?.titleUk ?? code, titleEn: reason?.titleEn ?? code }, explanation: r.refusal?.explanation ?? '',
          };
        }) };
      case 'batch_list': {
        const batch = this.shipping.describe(batchId!);
        const parcels = batch.parcels.map((p) => {
          const { record: r, base } = load(p.applicationId);
          const address = r.delivery.method === 'ukrposhta' ? r.delivery.address : r.applicant.address;
          return { ...base, position: p.position, recipientName: person(r).fullName, address, tracking: p.tracking };
        });
        return {
          document: 'batch_list', ...header, batch: { id: batch.id, createdAt: batch.createdAt, shippedAt: batch.shippedAt },
          previousPrints: Math.max(0, ...parcels.map((p) => p.previousPrints)), parcels,
        };
      }
      case 'daily_register': {
        const iso = input.date ?? header.date;
        const day = isoToDayNumber(iso);
        const rows = this.s.issuedOn.all(kyivStartOfDay(day), kyivEndOfDay(day)).map((f) => {
          const { record: r, base } = load(f.application_id);
          const doc = r.applicant.identityDocument;
          return {
            ...base, applicantName: person(r).fullName, newLicenceNumber: r.newLicenceNumber,
            identityDocument: { type: doc.type, number: doc.number }, issuedAt: new Date(f.at).toISOString(), operatorName: f.operator_name,
          };
        });
        return { document: 'daily_register', ...header, day: iso, previousPrints: Math.max(0, ...rows.map((r) => r.previousPrints)), rows };
      }
    }
  }
}
