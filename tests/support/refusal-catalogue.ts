import type Database from 'better-sqlite3';
import { expect } from 'vitest';
import { AUTO_CHECK_REFUSAL } from '../../shared/domain/decisions';
import { REFUSAL_REASON_CODES } from '../../shared/training';

/**
 * The refusal catalogue both stores seed from `shared/domain/refusal-reasons.ts`: the nine stable codes in order,
 * the same codes the training set refuses with, titles in both languages, all active, and the automatic flag each
 * suggests.
 */
export function expectSeededRefusalCatalogue(db: Database.Database): void {
  const rows = db.prepare('SELECT code, title_uk, title_en, suggested_for_flag, active FROM refusal_reasons ORDER BY sort_order').all() as {
    code: string; title_uk: string; title_en: string; suggested_for_flag: string | null; active: number;
  }[];
  expect(rows.map((r) => r.code)).toEqual([
    'not_in_register', 'first_licence_offences', 'driving_ban', 'data_mismatch', 'incomplete_data', 'no_residence',
    'photo_unsuitable', 'payment_not_confirmed', 'duplicate',
  ]);
  expect([...rows.map((r) => r.code)].sort()).toEqual([...REFUSAL_REASON_CODES].sort());
  for (const r of rows) {
    expect(r.title_uk).toMatch(/[А-ЯІЇЄҐа-яіїєґ]/);
    expect(r.title_en).toMatch(/^[A-Z][a-z]/);
    expect(r.active).toBe(1);
  }
  expect(Object.fromEntries(rows.filter((r) => r.suggested_for_flag).map((r) => [r.suggested_for_flag, r.code]))).toEqual(AUTO_CHECK_REFUSAL);
}
