import { AppError } from '../../../shared/api/errors';
import type { ApplicationDetail, ApplicationImages } from '../../../shared/api/application';
import type { ApplicationRecord } from '../../../shared/domain/application';
import { deadlineState, workingDaysLeft } from '../../../shared/domain/deadline';
import { isDecisionPending } from '../../../shared/domain/status';
import { qb, type SqlRunner } from '../store/sql';
import type { DeadlineModel } from './deadlines';

/** Generates an image locally when it is not cached (training mode); production fetches from the central server. */
export type ImageSource = (hash: string, kind: 'photo' | 'signature', record: ApplicationRecord) => { mime: string; data: Buffer } | null;

export class ApplicationReader {
  constructor(
    private readonly sql: SqlRunner,
    private readonly deadlines: DeadlineModel,
    private readonly imageSource: ImageSource | null,
  ) {}

  record(id: string): ApplicationRecord {
    const row = this.sql.get(
      qb.selectFrom('applications').innerJoin('application_records as r', 'r.rowid', 'applications.rowid').select('r.record').where('id', '=', id),
    );
    if (!row) throw new AppError('not_found', 'This application is not in the local queue. It may have been removed; refresh the queue.');
    return JSON.parse(row.record) as ApplicationRecord;
  }

  detail(id: string, now: number): ApplicationDetail {
    const row = this.sql.get(
      qb
        .selectFrom('applications')
        .innerJoin('application_records as r', 'r.rowid', 'applications.rowid')
        .select(['r.record', 'due_at', 'extended_by', 'status', 'center_id', 'purged_at'])
        .where('id', '=', id),
    );
    if (!row) throw new AppError('not_found', 'This application is not in the local queue. It may have been removed; refresh the queue.');
    const record = JSON.parse(row.record) as ApplicationRecord;
    const pending = isDecisionPending(record.status);
    const calendar = this.deadlines.calendar;
    const pickupId = record.delivery.method === 'pickup' ? record.delivery.centerId : null;
    return {
      record,
      deadline: {
        dueAt: new Date(row.due_at).toISOString(),
        daysLeft: pending ? workingDaysLeft(row.due_at, now, calendar) : null,
        state: deadlineState(row.due_at, pending, now, this.deadlines.soonLimit(now)),
        extendedBy: JSON.parse(row.extended_by) as string[],
      },
      centerName: this.centerName(record.centerId) ?? record.centerId,
      pickupCenterName: pickupId ? (this.centerName(pickupId) ?? pickupId) : null,
      purgedAt: row.purged_at === null ? null : new Date(row.purged_at).toISOString(),
    };
  }

  images(id: string): ApplicationImages {
    const record = this.record(id);
    // A purged application's images are gone and are not fetched or made again.
    if (this.isPurged(id)) return { photo: null, signature: null };
    return {
      photo: this.image(record.photoHash, 'photo', record),
      signature: this.image(record.signatureHash, 'signature', record),
    };
  }

  private image(hash: string, kind: 'photo' | 'signature', record: ApplicationRecord): string | null {
    const cached = this.sql.get(qb.selectFrom('image_cache').select(['mime', 'data']).where('hash', '=', hash));
    if (cached) return toDataUrl(cached.mime, cached.data);
    const made = this.imageSource?.(hash, kind, record);
    if (!made) return null;
    this.sql.run(
      qb
        .insertInto('image_cache')
        .values({ hash, mime: made.mime, data: made.data, cached_at: Date.now() })
        .onConflict((oc) => oc.column('hash').doNothing()),
    );
    return toDataUrl(made.mime, made.data);
  }

  isPurged(id: string): boolean {
    return (this.sql.get(qb.selectFrom('applications').select('purged_at').where('id', '=', id))?.purged_at ?? null) !== null;
  }

  private centerName(id: string): string | undefined {
    return this.sql.get(qb.selectFrom('centers').select('name').where('id', '=', id))?.name;
  }
}

function toDataUrl(mime: string, data: Buffer): string {
  return `data:${mime};base64,${data.toString('base64')}`;
}
