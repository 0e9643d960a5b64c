import { z } from 'zod';

/** What a workstation tells the central server at the end of each successful sync, for IT's fleet view. */
export const FleetReportSchema = z.object({
  workstation: z.string().min(1).max(64),
  version: z.string().min(1).max(40),
  channel: z.enum(['stable', 'beta']),
  os: z.string().min(1).max(100),
  freeDiskBytes: z.number().int().nonnegative().nullable(),
  outboxSize: z.number().int().nonnegative(),
  quarantinedOps: z.number().int().nonnegative(),
  /** The workstation's clock when it sent the report; the server derives the clock offset from it. */
  clientTime: z.string().datetime({ offset: true }),
  /** The last failed cycle before this one (a code only), if any. */
  lastError: z.object({ code: z.string().min(1).max(64), at: z.string().datetime({ offset: true }) }).nullable(),
});
export type FleetReport = z.infer<typeof FleetReportSchema>;

export const FleetReportAnswerSchema = z.object({ clockOffsetMs: z.number().int(), serverTime: z.string() });

export const FleetQuerySchema = z.object({
  center: z.string().min(1).max(32).optional(),
  version: z.string().min(1).max(40).optional(),
  /** Only workstations without a successful sync for this many hours (24: "not synced for over a day"). */
  staleHours: z.coerce.number().int().min(1).max(24 * 365).optional(),
});
export type FleetQuery = z.infer<typeof FleetQuerySchema>;

export const FleetWorkstationSchema = z.object({
  workstationId: z.string(),
  centerId: z.string(),
  version: z.string().nullable(),
  channel: z.enum(['stable', 'beta']).nullable(),
  os: z.string().nullable(),
  freeDiskBytes: z.number().int().nullable(),
  outboxSize: z.number().int().nullable(),
  quarantinedOps: z.number().int().nullable(),
  /** Workstation clock minus server clock when the last report arrived. */
  clockOffsetMs: z.number().int().nullable(),
  lastReportAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.object({ code: z.string(), at: z.string() }).nullable(),
});
export type FleetWorkstation = z.infer<typeof FleetWorkstationSchema>;

export const FleetListSchema = z.object({ serverTime: z.string(), workstations: z.array(FleetWorkstationSchema) });
export type FleetList = z.infer<typeof FleetListSchema>;
