import { z } from 'zod';
import { AUTO_CHECKS } from '../domain/decisions';

/** One refusal reason of the catalogue the central server publishes (seeded locally until it does). */
export const RefusalReasonSchema = z.object({
  code: z.string(),
  titleUk: z.string(),
  titleEn: z.string(),
  /** The automatic check whose failure suggests this reason, if any. */
  suggestedForCheck: z.enum(AUTO_CHECKS).nullable(),
  active: z.boolean(),
});
export type RefusalReason = z.infer<typeof RefusalReasonSchema>;

export const RefusalReasonsInputSchema = z.object({ includeInactive: z.boolean().default(false) });
export const RefusalReasonsSchema = z.object({ reasons: z.array(RefusalReasonSchema) });
