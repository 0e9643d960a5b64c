import { z } from 'zod';
import { StatusSchema } from '../domain/status';
import { DeliveryMethodSchema, GroundSchema, ServiceSchema } from '../domain/application';
import { ReportDrillSchema } from '../reports/drill';

export const DeadlineStateSchema = z.enum(['overdue', 'due_soon', 'on_time', 'none']);
export const DeadlineFilterSchema = z.enum(['overdue', 'due_soon', 'on_time']);

export const SORT_COLUMNS = ['number', 'applicant', 'service', 'submittedAt', 'dueAt', 'status', 'delivery'] as const;
export const SortColumnSchema = z.enum(SORT_COLUMNS);
export type SortColumn = z.infer<typeof SortColumnSchema>;

/** The longest search the queue takes; the search box cuts longer text and says so. */
export const MAX_SEARCH_LENGTH = 200;

export const QueueFilterSchema = z.object({
  statuses: z.array(StatusSchema).max(20).default([]),
  deadline: z.array(DeadlineFilterSchema).max(3).default([]),
  services: z.array(ServiceSchema).max(2).default([]),
  delivery: z.array(DeliveryMethodSchema).max(2).default([]),
  /** Free text: a name, RNOKPP, licence number, application number or phone. Searched as plain text. */
  search: z.string().max(MAX_SEARCH_LENGTH).default(''),
  /** A report figure drilled into: only the applications that figure counted (shared/reports/drill.ts). */
  report: ReportDrillSchema.optional(),
});
export type QueueFilter = z.infer<typeof QueueFilterSchema>;
export type QueueFilterInput = z.input<typeof QueueFilterSchema>;

export const QueueSortSchema = z.object({
  column: SortColumnSchema.default('dueAt'),
  direction: z.enum(['asc', 'desc']).default('asc'),
});
export type QueueSort = z.infer<typeof QueueSortSchema>;

export const QueuePageInputSchema = z.object({
  filter: QueueFilterSchema.default({ statuses: [], deadline: [], services: [], delivery: [], search: '' }),
  sort: QueueSortSchema.default({ column: 'dueAt', direction: 'asc' }),
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(50),
});
export type QueuePageInput = z.input<typeof QueuePageInputSchema>;

export const QueueRowSchema = z.object({
  id: z.string(),
  number: z.string(),
  applicantName: z.string(),
  service: ServiceSchema,
  ground: GroundSchema,
  submittedAt: z.string(),
  dueAt: z.string().nullable(),
  daysLeft: z.number().int().nullable(),
  deadlineState: DeadlineStateSchema,
  /** Working days the deadline was extended by force majeure. */
  extendedDays: z.number().int().nonnegative(),
  status: StatusSchema,
  delivery: DeliveryMethodSchema,
  /** A local action on it has not reached the central server yet (waiting or quarantined): an internal flag. */
  awaitingSync: z.boolean(),
  /** The personal data were purged after the retention period: there is no name to show. */
  purged: z.boolean(),
});
export type QueueRow = z.infer<typeof QueueRowSchema>;

export const QueuePageSchema = z.object({
  rows: z.array(QueueRowSchema),
  /** Exact number of applications matching the filter. */
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
});
export type QueuePage = z.infer<typeof QueuePageSchema>;

const countRecord = z.record(z.string(), z.number().int().nonnegative());

/**
 * Exact counts for every filter value. Each facet is counted with the other facets' filters and the search
 * applied, but not its own, so a count says how many rows ticking that box would add.
 */
export const QueueCountsSchema = z.object({
  total: z.number().int().nonnegative(),
  all: z.number().int().nonnegative(),
  statuses: countRecord,
  deadline: countRecord,
  services: countRecord,
  delivery: countRecord,
});
export type QueueCounts = z.infer<typeof QueueCountsSchema>;
