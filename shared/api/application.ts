import { z } from 'zod';
import { ApplicationRecordSchema } from '../domain/application';
import { DeadlineStateSchema } from './queue';

export const ApplicationDetailSchema = z.object({
  record: ApplicationRecordSchema,
  deadline: z.object({
    dueAt: z.string().nullable(),
    daysLeft: z.number().int().nullable(),
    state: DeadlineStateSchema,
    /** Force-majeure days (YYYY-MM-DD) that each extended the deadline by one working day. */
    extendedBy: z.array(z.string()),
  }),
  pickupCenterName: z.string().nullable(),
  centerName: z.string(),
  /**
   * When the applicant's personal data were purged after the retention period (ISO), or null. The record then
   * holds placeholders in their place (electron/core/services/purged-record.ts): show this, not them.
   */
  purgedAt: z.string().nullable(),
});
export type ApplicationDetail = z.infer<typeof ApplicationDetailSchema>;

export const ApplicationImagesSchema = z.object({
  /** data: URLs of the images, or null when not available offline yet. */
  photo: z.string().nullable(),
  signature: z.string().nullable(),
});
export type ApplicationImages = z.infer<typeof ApplicationImagesSchema>;
