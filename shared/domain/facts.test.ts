import { describe, expect, it } from 'vitest';
import { expectedOutcome, FACT_COLUMNS, FACT_TABLE, PRINT_COLUMNS, PRINT_TABLE, type FactColumn } from '../../tests/support/fact-matrix';
import { actionClass } from './decisions';
import {
  checkFact,
  FACT_FLAG_REASONS,
  FACT_FLAG_TEXT,
  FACT_KINDS,
  FACT_OP_ARGS,
  identityDocumentMatches,
  parseApplicationNumber,
  PRINT_DOCUMENTS,
  replayFactOp,
  type FactInput,
} from './facts';
import { canTransition, STATUSES } from './status';

const INPUT: Record<FactColumn, FactInput> = {
  arrived_pickup: { kind: 'card_arrived', delivery: 'pickup' },
  arrived_ukrposhta: { kind: 'card_arrived', delivery: 'ukrposhta' },
  handed_over: { kind: 'handed_over' },
  shipped: { kind: 'shipped' },
};

describe('checkFact: every status × every fact, as the table in tests/support/fact-matrix.ts writes it out', () => {
  const cells = STATUSES.flatMap((status) => FACT_COLUMNS.map((column, i) => [status, column, FACT_TABLE[status][i]!] as const));
  it.each(cells)('%s × %s → %s', (status, column, cell) => {
    expect(checkFact(INPUT[column], status)).toEqual(expectedOutcome(cell, status));
  });

  const prints = STATUSES.flatMap((status) => PRINT_COLUMNS.map((document, i) => [status, document, PRINT_TABLE[status][i]!] as const));
  it.each(prints)('%s × printed %s → %s', (status, document, cell) => {
    expect(checkFact({ kind: 'printed', document }, status)).toEqual(expectedOutcome(cell, status));
  });

  it('the tables cover every status, fact and document', () => {
    expect(Object.keys(FACT_TABLE).sort()).toEqual([...STATUSES].sort());
    expect(Object.keys(PRINT_TABLE).sort()).toEqual([...STATUSES].sort());
    expect(PRINT_COLUMNS).toEqual([...PRINT_DOCUMENTS]);
    expect(cells).toHaveLength(STATUSES.length * 4);
    expect(prints).toHaveLength(STATUSES.length * PRINT_DOCUMENTS.length);
  });

  it('a move is always an allowed transition, and no fact ever leads to produced', () => {
    for (const status of STATUSES) {
      for (const fact of [...Object.values(INPUT), ...PRINT_DOCUMENTS.map((document): FactInput => ({ kind: 'printed', document }))]) {
        const r = checkFact(fact, status);
        if (r.moved) expect(canTransition(status, r.next)).toBe(true);
        else expect(r.next).toBe(status);
        if (status !== 'produced') expect(r.next).not.toBe('produced');
        expect(r.moved && r.flag).toBeFalsy();
      }
    }
  });

  it('facts are their own class of action, each with an op args schema, and every flag reason has a sentence', () => {
    expect(FACT_KINDS.map((k) => actionClass(k))).toEqual(['fact', 'fact', 'fact', 'fact']);
    expect(Object.keys(FACT_OP_ARGS).sort()).toEqual([...FACT_KINDS].sort());
    for (const r of FACT_FLAG_REASONS) expect(FACT_FLAG_TEXT[r]).toMatch(/^[A-Z].*\.$/);
  });
});

describe('replaying a pending fact op on a newer status (sync rebase)', () => {
  it('applies the same rule as when the fact was recorded', () => {
    expect(replayFactOp('card_arrived', { delivery: 'ukrposhta' }, 'produced')).toMatchObject({ next: 'awaiting_shipment', moved: true });
    // Cancelled centrally after the scan: the replay leaves it cancelled and flags it.
    expect(replayFactOp('card_arrived', { delivery: 'pickup' }, 'cancelled')).toEqual({ next: 'cancelled', moved: false, flag: 'after_cancellation' });
    expect(replayFactOp('handed_over', {}, 'returned')).toMatchObject({ next: 'issued', moved: true });
    expect(replayFactOp('printed', { document: 'refusal_notice' }, 'refused')).toEqual({ next: 'refused', moved: false, flag: null });
  });

  it('answers null for decisions and for args it cannot read', () => {
    expect(replayFactOp('approve', {}, 'in_review')).toBeNull();
    expect(replayFactOp('card_arrived', {}, 'produced')).toBeNull();
    expect(replayFactOp('printed', { document: 'poster' }, 'issued')).toBeNull();
  });
});

describe('what a scanner types for an application number', () => {
  it('accepts the number with or without its dash, with stray spaces or a carriage return', () => {
    for (const raw of ['2026-000123', '2026000123', ' 2026-000123\r\n', '2026 000123', '2026–000123', '２０２６-０００１２３']) {
      expect(parseApplicationNumber(raw)).toBe('2026-000123');
    }
  });

  it('refuses what is not an application number: a tracking barcode, a licence, too few digits, text', () => {
    for (const raw of ['0500101983180', 'RF426331371SG', 'ВХА123456', '2026-00012', '2026-0001234', '', 'x2026-000123', "2026-000123'; DROP TABLE applications;--"]) {
      expect(parseApplicationNumber(raw)).toBeNull();
    }
  });
});

describe('the identity document number typed at handover', () => {
  it('matches regardless of spaces, dashes, № and Latin look-alike letters', () => {
    expect(identityDocumentMatches('001 234 567', '001234567')).toBe(true);
    expect(identityDocumentMatches('сн 123456', 'СН123456')).toBe(true);
    expect(identityDocumentMatches('CH-123456', 'СН123456')).toBe(true); // Latin C and H typed for Cyrillic С and Н
    expect(identityDocumentMatches('№ СН123456', 'СН123456')).toBe(true);
  });

  it('does not match another number, or nothing typed', () => {
    expect(identityDocumentMatches('001234568', '001234567')).toBe(false);
    expect(identityDocumentMatches('', '')).toBe(false);
    expect(identityDocumentMatches('   ', '001234567')).toBe(false);
  });
});
