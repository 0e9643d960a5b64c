import { REFUSAL_REASON_SEED } from '../../shared/domain/refusal-reasons';

/**
 * The reference data a new central store starts with (schema version 1 on either store): the reference-data version,
 * the fees, and the refusal catalogue. Part of a shipped migration: never change these, add a migration instead.
 */
export const INITIAL_META: readonly { key: string; value: string }[] = [
  { key: 'reference_version', value: '1' },
  // Kopiykas: 254 UAH blank, 26 UAH administrative, 294 UAH Ukrposhta delivery (DOMAIN.md; configurable).
  { key: 'fees', value: JSON.stringify({ blankFee: 25_400, adminFee: 2_600, deliveryFee: 29_400 }) },
];

export const INITIAL_REFUSAL_REASONS = REFUSAL_REASON_SEED.map(([code, titleUk, titleEn, flag], i) => ({
  code, title_uk: titleUk, title_en: titleEn, suggested_for_flag: flag, active: 1, sort_order: i + 1,
}));
