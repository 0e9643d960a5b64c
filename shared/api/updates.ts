import { z } from 'zod';
import { AnnouncementRevisionSchema } from './announced';

/**
 * The console's own updates as the window sees them (the banner): what is being fetched, what waits to be
 * installed, and whether a restart may happen now. Installation happens when the console quits, or on the
 * operator's "restart now" when no dialog is open and no decision is half made.
 */
export const UpdatePhaseSchema = z.enum([
  /** Updates are not managed here: training mode, the browser host, an unpackaged build. */
  'off',
  'idle',
  'checking',
  'downloading',
  /** Downloaded and verified; installs when the console quits or on "restart now". */
  'ready',
  'failed',
]);

export const UpdateStatusSchema = z.object({
  phase: UpdatePhaseSchema,
  currentVersion: z.string(),
  channel: z.enum(['stable', 'beta']),
  /** The configuration file's channel, or IT's assignment on the central server (which wins). */
  channelFrom: z.enum(['config', 'central']),
  /** The version being downloaded (or whose download failed). */
  availableVersion: z.string().nullable(),
  /** The downloaded version waiting for the restart. */
  readyVersion: z.string().nullable(),
  progressPercent: z.number().min(0).max(100).nullable(),
  lastCheckAt: z.string().nullable(),
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
  /**
   * Which of the updater's announcements this status is: an answer read mid-download may reach a window after the
   * download's later events, and the window keeps the newer (see `newerAnnounced`).
   */
  revision: AnnouncementRevisionSchema,
});
export type UpdateStatus = z.infer<typeof UpdateStatusSchema>;

/** What the window tells the core when the operator asks to restart: a restart never cuts work in progress. */
export const RestartNowInputSchema = z.object({
  dialogOpen: z.boolean(),
  unsavedDecision: z.boolean(),
});
export type RestartNowInput = z.infer<typeof RestartNowInputSchema>;
