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
});
export type ConsoleConfig = z.infer<typeof ConsoleConfigSchema>;

export type ConsoleMode = { mode: 'training' } | { mode: 'production'; config: ConsoleConfig };

export function loadConfig(path: string | undefined): ConsoleMode {
  if (!path || !existsSync(path)) return { mode: 'training' };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new AppError('invalid_input', `The configuration file ${path} is not valid JSON.`);
  }
  const parsed = ConsoleConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new AppError('invalid_input', `The configuration file ${path} is not valid: ${first?.path.join('.')} ${first?.message}`);
  }
  return { mode: 'production', config: parsed.data };
}
