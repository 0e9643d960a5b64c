import type { Status } from '../../../shared/domain/status';

/** A local op not yet part of the pulled record, as the rebase rule replays it (visible-state.ts). */
export interface TopOp {
  type: string;
  operatorId: string;
  clientTime: number;
  /** A fact op's args (card arrived, handed over, shipped, printed): replayed through the fact rules. */
  args?: Record<string, unknown> | string | null;
}

/** The status each decision op leads to; facts go through the fact rules instead. */
export const OP_STATUS: Record<string, Status> = { claim: 'in_review', release: 'received', approve: 'approved', refuse: 'refused' };

export function factArgs(args: TopOp['args']): Record<string, unknown> {
  if (!args) return {};
  if (typeof args !== 'string') return args;
  try {
    return JSON.parse(args) as Record<string, unknown>;
  } catch {
    return {};
  }
}
