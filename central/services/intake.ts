import { createHash } from 'node:crypto';
import { ApplicationRecordSchema, type ApplicationRecord } from '../../shared/domain/application';
import type { IntakeApplication } from '../../shared/sync/central-api';
import { HttpError } from '../http/errors';
import type { CentralStore } from '../store/store';
import type { ApplicationStore } from './applications';

/** The record an application filed in the cabinet starts as: `submitted`, version 1, one history step. */
export function submittedRecord(fields: Omit<IntakeApplication, 'images'>): ApplicationRecord {
  return ApplicationRecordSchema.parse({
    ...fields,
    version: 1,
    status: 'submitted',
    history: [{ status: 'submitted', at: fields.submittedAt, operatorId: null, note: null }],
    refusal: null,
    newLicenceNumber: null,
    claim: null,
  });
}

/** Applications filed in the citizen's cabinet (this server stands in for it): each enters as `submitted`, version 1. */
export class IntakeService {
  constructor(
    private readonly store: CentralStore,
    private readonly apps: ApplicationStore,
    private readonly now: () => number,
  ) {}

  async intake(input: IntakeApplication): Promise<ApplicationRecord> {
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
    const record = submittedRecord(fields);
    return this.store.write(async (tx) => {
      if (!(await tx.selectFrom('centers').select('id').where('id', '=', record.centerId).executeTakeFirst())) {
        throw new HttpError(400, 'unknown_center', `There is no service center "${record.centerId}" on this server.`);
      }
      const clash = await tx.selectFrom('applications').select('id').where((eb) => eb.or([eb('id', '=', record.id), eb('number', '=', record.number)])).executeTakeFirst();
      if (clash) throw new HttpError(409, 'application_exists', 'An application with this id or number already exists.');
      await this.apps.insert(tx, [{ record, source: 'intake' }]);
      for (const img of decoded) {
        await tx.insertInto('images').values({ hash: img.hash, mime: img.mime, data: img.data }).onConflict((oc) => oc.column('hash').doNothing()).execute();
      }
      await this.apps.logEffect(tx, { opId: null, applicationId: record.id, centerId: record.centerId, kind: 'intake', version: 1, workstationId: null, at: this.now() });
      return record;
    });
  }
}
