import { z } from 'zod';

/** Every status an application can have, in lifecycle order (the order is also the queue's status sort). */
export const STATUSES = [
  'submitted',
  'received',
  'in_review',
  'approved',
  'produced',
  'ready_for_pickup',
  'awaiting_shipment',
  'shipped',
  'returned',
  'issued',
  'delivered',
  'refused',
  'cancelled',
] as const;

export const StatusSchema = z.enum(STATUSES);
export type Status = z.infer<typeof StatusSchema>;

/** Rank used for sorting by status; stored beside the status so the sort can use an index. */
export function statusRank(status: Status): number {
  return STATUSES.indexOf(status);
}

/** Statuses in which the 10-working-day decision deadline is running. */
export const DECISION_PENDING: readonly Status[] = ['submitted', 'received', 'in_review'];

export function isDecisionPending(status: Status): boolean {
  return DECISION_PENDING.includes(status);
}

/** Terminal statuses: the application is finished and its personal data may be purged after retention. */
export const FINISHED: readonly Status[] = ['issued', 'delivered', 'refused', 'cancelled'];

/**
 * What the citizen sees in "My services" for each status (an i18n key under `citizenStatus.`).
 * Several internal statuses map to one citizen-facing status; internal flags never appear here.
 */
export const CITIZEN_STATUS: Record<Status, string> = {
  submitted: 'sent',
  received: 'received',
  in_review: 'inWork',
  approved: 'inProduction',
  produced: 'produced',
  ready_for_pickup: 'readyForPickup',
  awaiting_shipment: 'preparingDelivery',
  shipped: 'shipped',
  returned: 'readyForPickup',
  issued: 'issued',
  delivered: 'issued',
  refused: 'refused',
  cancelled: 'cancelled',
};

/** Transitions allowed by the status machine. Decisions are rejected outside this table; facts are recorded anyway. */
export const TRANSITIONS: Record<Status, readonly Status[]> = {
  submitted: ['received', 'in_review', 'cancelled'],
  received: ['in_review', 'cancelled'],
  in_review: ['approved', 'refused', 'received', 'cancelled'],
  approved: ['produced', 'cancelled'],
  produced: ['ready_for_pickup', 'awaiting_shipment', 'cancelled'],
  ready_for_pickup: ['issued', 'cancelled'],
  awaiting_shipment: ['shipped', 'ready_for_pickup', 'cancelled'],
  shipped: ['delivered', 'returned'],
  returned: ['ready_for_pickup', 'issued'],
  issued: [],
  delivered: [],
  refused: [],
  cancelled: [],
};

export function canTransition(from: Status, to: Status): boolean {
  return TRANSITIONS[from].includes(to);
}
