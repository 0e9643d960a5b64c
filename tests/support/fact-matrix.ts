import type { FactFlagReason, PrintDocument } from '../../shared/domain/facts';
import type { Status } from '../../shared/domain/status';

/**
 * The documented facts table (DESIGN.md section 2, "Facts are never rejected"), written out by hand rather than
 * derived from the code under test. Every cell is recorded; it either moves the status (`→status`), leaves it
 * as it is unflagged (`=`, a repeat scan or a document that fits), or leaves it and flags (`!reason`).
 */
export type Cell = `→${Status}` | '=' | `!${FactFlagReason}`;
export type FactColumn = 'arrived_pickup' | 'arrived_ukrposhta' | 'handed_over' | 'shipped';
export const FACT_COLUMNS: FactColumn[] = ['arrived_pickup', 'arrived_ukrposhta', 'handed_over', 'shipped'];

const row = (c: Cell): Cell[] => [c, c, c, c];

export const FACT_TABLE: Record<Status, Cell[]> = {
  //                   arrived (pickup)      arrived (Ukrposhta)    handed over             shipped
  submitted: row('!not_yet_produced'),
  received: row('!not_yet_produced'),
  in_review: row('!not_yet_produced'),
  approved: row('!not_yet_produced'),
  produced: ['→ready_for_pickup', '→awaiting_shipment', '!not_arrived', '!not_arrived'],
  ready_for_pickup: ['=', '=', '→issued', '!delivery_mismatch'],
  awaiting_shipment: ['=', '=', '!delivery_mismatch', '→shipped'],
  shipped: ['!while_shipped', '!while_shipped', '!while_shipped', '!already_shipped'],
  returned: ['→ready_for_pickup', '→ready_for_pickup', '→issued', '!already_shipped'],
  issued: row('!already_finished'),
  delivered: row('!already_finished'),
  refused: row('!after_refusal'),
  cancelled: row('!after_cancellation'),
};

export const PRINT_COLUMNS: PrintDocument[] = ['production_order', 'handover_receipt', 'address_label', 'batch_list', 'refusal_notice', 'daily_register'];
const N = '!document_not_applicable' as const;
const C = '!after_cancellation' as const;

/** Printing never moves the status; it is flagged when the document does not fit the status, or after a cancellation. */
export const PRINT_TABLE: Record<Status, Cell[]> = {
  //                 production  handover  label  batch list  refusal  daily register
  submitted: [N, N, N, N, N, N],
  received: [N, N, N, N, N, N],
  in_review: [N, N, N, N, N, N],
  approved: ['=', N, N, N, N, N],
  produced: ['=', N, N, N, N, N],
  ready_for_pickup: ['=', '=', N, N, N, N],
  awaiting_shipment: ['=', N, '=', '=', N, N],
  shipped: ['=', N, '=', '=', N, N],
  returned: ['=', '=', N, N, N, N],
  issued: ['=', '=', N, N, N, '='],
  delivered: ['=', N, N, N, N, N],
  refused: [N, N, N, N, '=', N],
  cancelled: [C, C, C, C, C, C],
};

/** The expected outcome of a cell for a record in `status`. */
export function expectedOutcome(cell: Cell, status: Status): { next: Status; moved: boolean; flag: FactFlagReason | null } {
  if (cell === '=') return { next: status, moved: false, flag: null };
  if (cell.startsWith('→')) return { next: cell.slice(1) as Status, moved: true, flag: null };
  return { next: status, moved: false, flag: cell.slice(1) as FactFlagReason };
}
