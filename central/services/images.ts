import { createHash } from 'node:crypto';
import type { ApplicationRecord } from '../../shared/domain/application';
import { trainingPhotoSvg, trainingSignatureSvg } from '../../shared/training';
import type { CentralStore } from '../store/store';

/**
 * Photos and signatures by SHA-256. Uploaded images are stored; training images are generated again from their
 * application (storing them would double the size of a large training store) and served only if the hash matches.
 */
export class ImageService {
  constructor(private readonly store: CentralStore) {}

  async get(hash: string): Promise<{ mime: string; data: Buffer } | undefined> {
    const db = this.store.db;
    const stored = await db.selectFrom('images').select(['mime', 'data']).where('hash', '=', hash).executeTakeFirst();
    if (stored) return stored;
    const owner = await db
      .selectFrom('applications')
      .select(['record', 'photo_hash'])
      .where('source', '=', 'training')
      .where((eb) => eb.or([eb('photo_hash', '=', hash), eb('signature_hash', '=', hash)]))
      .limit(1)
      .executeTakeFirst();
    if (!owner) return undefined;
    const record = JSON.parse(owner.record) as ApplicationRecord;
    const svg = owner.photo_hash === hash ? trainingPhotoSvg(record.id) : trainingSignatureSvg(record.id, record.applicant.surname);
    const data = Buffer.from(svg, 'utf8');
    return createHash('sha256').update(data).digest('hex') === hash ? { mime: 'image/svg+xml', data } : undefined;
  }
}
