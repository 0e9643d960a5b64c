import type { Migration } from './types';

/**
 * Reference data the central server publishes to every workstation: centers, operators (with password hashes, so
 * workstations verify sign-ins offline), the refusal catalogue, the calendar of non-working days and force-majeure
 * periods per center. `meta` holds the store's epoch (cursors of another epoch are answered with a reset), the
 * reference-data version and the fees.
 */
export const migration001: Migration = {
  version: 1,
  name: 'reference',
  up(db) {
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

      CREATE TABLE centers (id TEXT PRIMARY KEY, name TEXT NOT NULL, address TEXT NOT NULL) STRICT;

      CREATE TABLE operators (
        id TEXT PRIMARY KEY,
        center_id TEXT NOT NULL REFERENCES centers (id),
        login TEXT NOT NULL,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('administrator', 'supervisor')),
        -- scrypt$N$r$p$salt$hash, the console's format
        password_hash TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
        source TEXT NOT NULL DEFAULT 'central' CHECK (source IN ('central', 'training')),
        UNIQUE (center_id, login)
      ) STRICT;

      -- The same stable codes as the workstation's catalogue (electron/core migration 002).
      CREATE TABLE refusal_reasons (
        code TEXT PRIMARY KEY,
        title_uk TEXT NOT NULL,
        title_en TEXT NOT NULL,
        suggested_for_flag TEXT CHECK (suggested_for_flag IN ('paymentConfirmed', 'identityMatches', 'noDrivingBan', 'licenceInRegister')),
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        sort_order INTEGER NOT NULL
      ) STRICT;

      -- Empty under martial law: public holidays are working days.
      CREATE TABLE non_working_days (
        day TEXT PRIMARY KEY CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
      ) STRICT;

      -- Recorded by a supervisor at a workstation and pushed as a center-scoped op; idempotent by id.
      CREATE TABLE force_majeure_periods (
        id TEXT PRIMARY KEY,
        center_id TEXT NOT NULL REFERENCES centers (id),
        kind TEXT NOT NULL CHECK (kind IN ('air_alarm', 'power_outage', 'other')),
        starts_at TEXT NOT NULL,
        ends_at TEXT NOT NULL,
        note TEXT NOT NULL,
        recorded_by TEXT,
        workstation_id TEXT,
        op_id TEXT,
        recorded_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX force_majeure_by_center ON force_majeure_periods (center_id, starts_at);
    `);
    const meta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    meta.run('reference_version', '1');
    // Kopiykas: 254 UAH blank, 26 UAH administrative, 294 UAH Ukrposhta delivery (DOMAIN.md; configurable).
    meta.run('fees', JSON.stringify({ blankFee: 25_400, adminFee: 2_600, deliveryFee: 29_400 }));
    const reason = db.prepare('INSERT INTO refusal_reasons (code, title_uk, title_en, suggested_for_flag, sort_order) VALUES (?, ?, ?, ?, ?)');
    REFUSAL_REASONS.forEach(([code, uk, en, flag], i) => reason.run(code, uk, en, flag, i + 1));
  },
};

/** DOMAIN.md "Refusal reasons": the nine codes, in catalogue order, with the automatic check that suggests each. */
export const REFUSAL_REASONS: readonly (readonly [string, string, string, string | null])[] = [
  ['not_in_register', 'Посвідчення водія відсутнє в Єдиному державному реєстрі МВС', 'The licence is not in the unified register of the Ministry', 'licenceInRegister'],
  ['first_licence_offences', 'Власник першого (дворічного) посвідчення вчинив понад два порушення ПДР', 'First (two-year) licence holder with more than two traffic offences', null],
  ['driving_ban', 'Особу позбавлено права керування або посвідчення вилучено', 'Deprived of the right to drive, or the licence was withdrawn', 'noDrivingBan'],
  ['data_mismatch', 'Персональні дані не збігаються з реєстрами або зміна даних без підтвердного документа', 'Personal data do not match the registries, or a data change without a supporting document', 'identityMatches'],
  ['incomplete_data', 'Неповні чи недостовірні дані або ознаки підробки', 'Incomplete or unreliable data, or signs of forgery', null],
  ['no_residence', 'Відсутнє зареєстроване місце проживання (крім внутрішньо переміщених осіб)', 'No registered place of residence (internally displaced persons excepted)', null],
  ['photo_unsuitable', 'Фотографія або підпис непридатні', 'The photo or the signature is unsuitable', null],
  ['payment_not_confirmed', 'Оплату не підтверджено або обрано не ту послугу чи підставу', 'Payment not confirmed, or the wrong service or ground chosen', 'paymentConfirmed'],
  ['duplicate', 'Дублікат заяви, яка вже перебуває в роботі', 'Duplicate of an application already in work', null],
];
