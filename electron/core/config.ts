import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../../shared/api/errors';

/** The file IT deploys to a workstation. Without it the console runs in training mode. */
export const ConsoleConfigSchema = z.object({
  centralUrl: z.string().url(),
  centerId: z.string().min(1).max(32),
  workstationId: z.string().min(1).max(64),
  channel: z.enum(['stable', 'beta']).default('stable'),
  /** A printer for silent printing (Electron); without it every print shows the system dialog. */
  printer: z.string().min(1).max(200).optional(),
  /** Days a finished application's personal data are kept before they are purged (default 180). */
  personalDataRetentionDays: z.number().int().min(1).max(3650).optional(),
});
export type ConsoleConfig = z.infer<typeof ConsoleConfigSchema>;

export type ConsoleMode = { mode: 'training' } | { mode: 'production'; config: ConsoleConfig };

/**
 * Which mode the console starts in. A configuration file that was named (`--config`) must exist and be valid:
 * a typo in its path must never let real administrators work on training data. Without a named file, the data
 * folder's `config.json` is used where present (and must be valid too); training mode only when neither exists.
 */
export function loadConfig(namedPath: string | undefined, dataFolderPath?: string): ConsoleMode {
  if (namedPath !== undefined) {
    if (!existsSync(namedPath)) {
      throw new AppError('config_unreadable', `The configuration file ${namedPath} does not exist. Check the --config path; the console does not start in training mode when a configuration is named.`);
    }
    return readConfig(namedPath);
  }
  if (dataFolderPath === undefined || !existsSync(dataFolderPath)) return { mode: 'training' };
  return readConfig(dataFolderPath);
}

function readConfig(path: string): ConsoleMode {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const why = err instanceof Error && 'code' in err ? String((err as NodeJS.ErrnoException).code) : 'unreadable';
    throw new AppError('config_unreadable', `The configuration file ${path} cannot be read (${why}).`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AppError('config_invalid', `The configuration file ${path} is not valid JSON.`);
  }
  const parsed = ConsoleConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new AppError('config_invalid', `The configuration file ${path} is not valid: ${first?.path.join('.')} ${first?.message}`);
  }
  return { mode: 'production', config: parsed.data };
}
