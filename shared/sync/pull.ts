import { z } from 'zod';
import { ApplicationRecordSchema } from '../domain/application';

/** One page of changes from the central server, applied with its cursor in one local transaction. */
export const PullPageSchema = z.object({
  changes: z.array(ApplicationRecordSchema).max(5000),
  cursor: z.string().min(1).max(200),
  hasMore: z.boolean(),
});
export type PullPage = z.infer<typeof PullPageSchema>;
