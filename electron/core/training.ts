import { createHash } from 'node:crypto';
import {
  generateApplications,
  generateTrainingSet,
  trainingPhotoSvg,
  trainingSignatureSvg,
} from '../../shared/training';
import type { ApplicationRecord } from '../../shared/domain/application';
import { qb, type SqlRunner } from './store/sql';
import type { PullApplier } from './services/pull-apply';
import type { ImageSource } from './services/applications';

export interface TrainingOptions {
  seed: number;
  size: number;
  now: number;
  includeHostile?: boolean;
}

const PAGE = 1000;

/**
 * Fills an empty training store. Records go through the same pull-apply path the central server's pages
 * will take, a page and its cursor per transaction.
 */
export function seedTrainingStore(sql: SqlRunner, applier: PullApplier, options: TrainingOptions): { centerId: string; applied: number } {
  const set = generateTrainingSet({ seed: options.seed, size: 0, now: options.now });
  sql.write(() => {
    for (const c of set.centers) {
      sql.run(
        qb.insertInto('centers').values(c).onConflict((oc) => oc.column('id').doUpdateSet({ name: c.name, address: c.address })),
      );
    }
  });
  let batch: ApplicationRecord[] = [];
  let applied = 0;
  const flush = (hasMore: boolean) => {
    applier.apply({ changes: batch, cursor: `training:${applied + batch.length}`, hasMore });
    applied += batch.length;
    batch = [];
  };
  for (const record of generateApplications({ ...options })) {
    batch.push(record);
    if (batch.length === PAGE) flush(true);
  }
  flush(false);
  return { centerId: set.centerId, applied };
}

/** Training images are generated on this machine from the application's id; the hash proves they match. */
export const trainingImageSource: ImageSource = (hash, kind, record) => {
  const svg = kind === 'photo' ? trainingPhotoSvg(record.id) : trainingSignatureSvg(record.id, record.applicant.surname);
  const data = Buffer.from(svg, 'utf8');
  if (createHash('sha256').update(data).digest('hex') !== hash) return null;
  return { mime: 'image/svg+xml', data };
};
