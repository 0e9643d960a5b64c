import { z } from 'zod';
import type { DeliveryMethod } from './application';
import { FACT_ACTIONS, type FactKind } from './decisions';
import { normaliseLicenceNumber } from './identifiers';
import { canTransition, StatusSchema, type Status } from './status';

/**
 * Facts of the status machine (DESIGN.md section 2, "Facts are never rejected"): the card arrived at the center,
 * it was handed over in person, shipped, or a document was printed. A fact records what physically happened, so
 * it is always recorded whatever the status; the status moves only along an allowed transition, and an odd fact
 * (after a cancellation, out of order) flags the application for the supervisor's review list with a reason.
 * Only malformed input is refused (an unknown application, a bad tracking number, an unconfirmed identity check).
 *
 * No fact leads to `produced`: that status comes only from production, through the central server.
 * The central server applies the same function, so both sides flag the same cases.
 */
export const FACT_KINDS = FACT_ACTIONS;
export type { FactKind };

export const PRINT_DOCUMENTS = ['production_order', 'handover_receipt', 'address_label', 'batch_list', 'refusal_notice', 'daily_register'] as const;
export const PrintDocumentSchema = z.enum(PRINT_DOCUMENTS);
export type PrintDocument = z.infer<typeof PrintDocumentSchema>;

/** How the console knows the page came out (DESIGN.md, "Paperwork"): the browser's dialog cannot tell a cancel. */
export const PRINT_METHODS = ['job_sent', 'pdf_saved', 'operator_confirmed'] as const;
export const PrintMethodSchema = z.enum(PRINT_METHODS);
export type PrintMethod = z.infer<typeof PrintMethodSchema>;

/** Why a recorded fact is on the supervisor's review list. */
export const FACT_FLAG_REASONS = [
  'after_cancellation',
  'after_refusal',
  'not_yet_produced',
  'not_arrived',
  'delivery_mismatch',
  'while_shipped',
  'already_shipped',
  'already_finished',
  'document_not_applicable',
] as const;
export const FactFlagReasonSchema = z.enum(FACT_FLAG_REASONS);
export type FactFlagReason = z.infer<typeof FactFlagReasonSchema>;

/** A sentence per reason for logs and as the renderer's fallback; the UI translates by code. */
export const FACT_FLAG_TEXT: Record<FactFlagReason, string> = {
  after_cancellation: 'Recorded after the application was cancelled.',
  after_refusal: 'Recorded after the application was refused.',
  not_yet_produced: 'Recorded before production of the licence was reported.',
  not_arrived: 'Recorded before the card was scanned as arrived at the center.',
  delivery_mismatch: 'Does not match the delivery the citizen chose (pickup or Ukrposhta).',
  while_shipped: 'Recorded while the parcel was with Ukrposhta.',
  already_shipped: 'The parcel had already been shipped.',
  already_finished: 'The licence had already been issued or delivered.',
  document_not_applicable: 'This document does not fit the status of the application.',
};

export type FactInput =
  | { kind: 'card_arrived'; delivery: DeliveryMethod }
  | { kind: 'handed_over' }
  | { kind: 'shipped' }
  | { kind: 'printed'; document: PrintDocument };

export interface FactOutcome {
  /** The status after the fact: the same as before unless the machine allows the move. */
  next: Status;
  moved: boolean;
  /** Why the fact goes to the review list; null when it is what the process expects (or a harmless repeat scan). */
  flag: FactFlagReason | null;
}

const NOT_YET_PRODUCED: readonly Status[] = ['submitted', 'received', 'in_review', 'approved'];
const AFTER_APPROVAL: readonly Status[] = ['approved', 'produced', 'ready_for_pickup', 'awaiting_shipment', 'shipped', 'returned', 'issued', 'delivered'];

/** The statuses in which printing a document is what the process expects. */
export const DOCUMENT_STATUSES: Record<PrintDocument, readonly Status[]> = {
  production_order: AFTER_APPROVAL,
  handover_receipt: ['ready_for_pickup', 'returned', 'issued'],
  address_label: ['awaiting_shipment', 'shipped'],
  batch_list: ['awaiting_shipment', 'shipped'],
  refusal_notice: ['refused'],
  daily_register: ['issued'],
};

export function checkFact(fact: FactInput, status: Status): FactOutcome {
  const stay = (flag: FactFlagReason | null): FactOutcome => ({ next: status, moved: false, flag });
  const move = (to: Status): FactOutcome => {
    if (!canTransition(status, to)) throw new Error(`fact ${fact.kind} would move ${status} to ${to}, which TRANSITIONS does not allow`);
    return { next: to, moved: true, flag: null };
  };

  if (status === 'cancelled') return stay('after_cancellation');
  if (fact.kind === 'printed') return stay(DOCUMENT_STATUSES[fact.document].includes(status) ? null : 'document_not_applicable');
  if (status === 'refused') return stay('after_refusal');
  if (NOT_YET_PRODUCED.includes(status)) return stay('not_yet_produced');
  if (status === 'issued' || status === 'delivered') return stay('already_finished');

  switch (fact.kind) {
    case 'card_arrived':
      if (status === 'produced') return move(fact.delivery === 'pickup' ? 'ready_for_pickup' : 'awaiting_shipment');
      // A returned parcel is back at the center: it waits for the citizen (DESIGN.md, `returned`).
      if (status === 'returned') return move('ready_for_pickup');
      if (status === 'shipped') return stay('while_shipped');
      return stay(null); // ready_for_pickup, awaiting_shipment: the same card scanned again
    case 'handed_over':
      if (status === 'ready_for_pickup' || status === 'returned') return move('issued');
      if (status === 'produced') return stay('not_arrived');
      if (status === 'awaiting_shipment') return stay('delivery_mismatch');
      return stay('while_shipped');
    case 'shipped':
      if (status === 'awaiting_shipment') return move('shipped');
      if (status === 'produced') return stay('not_arrived');
      if (status === 'ready_for_pickup') return stay('delivery_mismatch');
      return stay('already_shipped'); // shipped, returned
  }
}

/**
 * An application number as a barcode scanner or a person types it: `2026-000123`, `2026000123`, with stray
 * spaces or a trailing carriage return. Returns the canonical `YYYY-NNNNNN`, or null for anything else.
 */
export function parseApplicationNumber(raw: string): string | null {
  const compact = raw.normalize('NFKC').replace(/\s+/g, '');
  const m = /^(\d{4})[-‐‑–—/]?(\d{6})$/.exec(compact);
  return m ? `${m[1]}-${m[2]}` : null;
}

/** An identity document number compared the way people type it: no spaces, dashes or №, Latin look-alikes as Cyrillic. */
export function normaliseDocumentNumber(raw: string): string {
  // № before NFKC, which would turn it into "No".
  return normaliseLicenceNumber(raw.replace(/[№#.]/g, '').normalize('NFKC'));
}

export function identityDocumentMatches(typed: string, onRecord: string): boolean {
  const a = normaliseDocumentNumber(typed);
  return a.length > 0 && a === normaliseDocumentNumber(onRecord);
}

/** Stable codes for refused paperwork input (never for a status: facts are not refused for status reasons). */
export const PAPERWORK_ERROR_CODES = [
  'not_an_application_number',
  'identity_check_required',
  'identity_document_mismatch',
  'invalid_tracking',
  'duplicate_tracking',
  'not_awaiting_shipment',
  'already_in_batch',
  'not_in_batch',
  'batch_already_shipped',
  'batch_without_tracking',
  'review_already_resolved',
  'note_required',
] as const;

/** What every fact op carries: the status this workstation saw and left, and its flag (the server re-checks). */
const factOutcomeArgs = { statusSeen: StatusSchema, statusAfter: StatusSchema, flag: FactFlagReasonSchema.nullable() };

/** The `args` of each fact op in a push (the op's `type` is the fact kind). */
export const FACT_OP_ARGS = {
  card_arrived: z.object({ ...factOutcomeArgs, scannedBy: z.enum(['number', 'id']), delivery: z.enum(['pickup', 'ukrposhta']) }),
  handed_over: z.object({ ...factOutcomeArgs, identityDocumentChecked: z.literal(true), identityDocumentType: z.string().max(32) }),
  shipped: z.object({ ...factOutcomeArgs, batchId: z.string().max(64), tracking: z.string().max(13), trackingKind: z.enum(['domestic', 's10']) }),
  printed: z.object({ ...factOutcomeArgs, document: PrintDocumentSchema, how: PrintMethodSchema, copy: z.number().int().nonnegative(), batchId: z.string().max(64).nullable() }),
} as const satisfies Record<FactKind, z.ZodType>;
export type FactOpArgs<K extends FactKind> = z.infer<(typeof FACT_OP_ARGS)[K]>;

/**
 * The status a pending fact op leads to when replayed on another status (a newer pulled record): the same rule
 * as when it was recorded, so a card scanned before a cancellation arrived does not undo the cancellation.
 * Returns null for an op that is not a fact or whose args cannot be read.
 */
export function replayFactOp(type: string, args: Record<string, unknown>, status: Status): FactOutcome | null {
  switch (type) {
    case 'card_arrived':
      return args.delivery === 'pickup' || args.delivery === 'ukrposhta' ? checkFact({ kind: 'card_arrived', delivery: args.delivery }, status) : null;
    case 'handed_over':
    case 'shipped':
      return checkFact({ kind: type }, status);
    case 'printed': {
      const document = PrintDocumentSchema.safeParse(args.document);
      return document.success ? checkFact({ kind: 'printed', document: document.data }, status) : null;
    }
    default:
      return null;
  }
}
