import { createHash } from 'node:crypto';
import { ApplicationRecordSchema, type ApplicationRecord } from '../../shared/domain/application';
import type { IntakeApplication } from '../../shared/sync/central-api';
import { HttpError } from '../http/errors';
import { qb, type SqlRunner } from '../store/sql';
import type { ApplicationStore } from './applications';

/** Applications filed in the citizen's cabinet (this server stands in for it): each enters as `submitted`, version 1. */
export class IntakeService {
  constructor(
    private readonly sql: SqlRunner,
    private readonly apps: ApplicationStore,
    private readonly now: () => number,
  ) {}

  intake(input: IntakeApplication): ApplicationRecord {
    const { images = [], ...fields } = input;
    const decoded = images.map((img) => {
      const data = Buffer.from(img.base64, 'base64');
      return { mime: img.mime, data, hash: createHash('sha256').update(data).digest('hex') };
    });
    for (const img of decoded) {
      if (img.hash !== fields.photoHash && img.hash !== fields.signatureHash) {
        throw new HttpError(400, 'image_hash_mismatch', 'An image does not match the photo or signature hash of the application.');
      }
    }
    const record: ApplicationRecord = ApplicationRecordSchema.parse({
      ...fields,
      version: 1,
      status: 'submitted',
      history: [{ status: 'submitted', at: fields.submittedAt, operatorId: null, note: null }],
      refusal: null,
      newLicenceNumber: null,
      claim: null,
    });
    return this.sql.write(() => {
      if (!this.sql.get(qb.selectFrom('centers').select('id').where('id', '=', record.centerId))) {
        throw new HttpError(400, 'unknown_center', `There is no service center "${record.centerId}" on this server.`);
      }
      const clash = this.sql.get(qb.selectFrom('applications').select('id').where((eb) => eb.or([eb('id', '=', record.id), eb('number', '=', record.number)])));
      if (clash) throw new HttpError(409, 'application_exists', 'An application with this id or number already exists.');
      this.apps.insert(record, 'intake');
      for (const img of decoded) {
        this.sql.run(qb.insertInto('images').values({ hash: img.hash, mime: img.mime, data: img.data }).onConflict((oc) => oc.column('hash').doNothing()));
      }
      this.apps.logEffect({ opId: null, applicationId: record.id, centerId: record.centerId, kind: 'intake', version: 1, workstationId: null, at: this.now() });
      return record;
    });
  }
}
