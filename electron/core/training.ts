import { createHash } from 'node:crypto';
import { trainingPhotoSvg, trainingSignatureSvg } from '../../shared/training';
import type { ImageSource } from './services/applications';

/** Training-set options as the hosts pass them to the core (browser host flags; the Electron shell's defaults). */
export interface TrainingSetChoice {
  training?: { seed?: number; size?: number; includeHostile?: boolean };
  /** Set when the host pinned the clock: the training world is generated at that moment. */
  now?: () => number;
}

export const DEFAULT_TRAINING_SEED = 2026;
export const DEFAULT_TRAINING_SIZE = 3000;

/**
 * The flags a launched training central server gets after the host's own arguments: where to keep its database
 * (in the console's data folder, so pushes and cursors survive a restart) and which training set to serve. Data
 * reaches the store only by pull (DESIGN.md, "Training mode").
 */
export function trainingCentralArgs(choice: TrainingSetChoice, dbFile: string, now: () => number): string[] {
  const t = choice.training ?? {};
  // The flags of central/main.ts.
  const args = [
    '--port', '0',
    '--db', dbFile,
    '--training',
    '--training-seed', String(t.seed ?? DEFAULT_TRAINING_SEED),
    '--training-size', String(t.size ?? DEFAULT_TRAINING_SIZE),
    // The launcher's stdin pipe closes when this process dies, even by SIGKILL; the server then goes too.
    '--exit-with-stdin',
  ];
  if (t.includeHostile) args.push('--hostile');
  if (choice.now) args.push('--now', new Date(now()).toISOString());
  return args;
}

/** Training images are generated on this machine from the application's id; the hash proves they match. */
export const trainingImageSource: ImageSource = (hash, kind, record) => {
  const svg = kind === 'photo' ? trainingPhotoSvg(record.id) : trainingSignatureSvg(record.id, record.applicant.surname);
  const data = Buffer.from(svg, 'utf8');
  if (createHash('sha256').update(data).digest('hex') !== hash) return null;
  return { mime: 'image/svg+xml', data };
};
