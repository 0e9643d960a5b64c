import type { SqlRunner } from './store/sql';

/**
 * Operators of training mode. The hashes are precomputed (scrypt, see services/passwords.ts) so the plaintext
 * never ships in code that runs; the passwords are published for trainees in the README:
 *
 *   login        password                role           note
 *   admin        admin-training-1        administrator  op-admin-1
 *   admin2       admin-training-2        administrator  op-admin-2
 *   supervisor   supervisor-training-1   supervisor     op-supervisor-1
 *   disabled     disabled-training-1     administrator  op-admin-3, disabled: shows the "account disabled" answer
 *
 * These rows carry source = 'training': they are seeded only when the console runs in training mode, and a
 * production core refuses them even if one were found in its database. Production operators come from the
 * central server.
 */
export const TRAINING_OPERATORS = [
  {
    id: 'op-admin-1',
    login: 'admin',
    display_name: 'Олена Коваленко',
    role: 'administrator',
    password_hash: 'scrypt$16384$8$1$x8W-Q100Bmj8Z1Z63Gk90A$MawlvEPqnSO41r18j1VZwKtTqXjUf01CStkXsMOzKOA',
    disabled: 0,
  },
  {
    id: 'op-admin-2',
    login: 'admin2',
    display_name: 'Андрій Мельник',
    role: 'administrator',
    password_hash: 'scrypt$16384$8$1$-G9dXz0H3EmYBsScpHtLug$SVBfWiYClOnEa1RvX_JWcdvmEJ42285z5uiNXdFaMWY',
    disabled: 0,
  },
  {
    id: 'op-supervisor-1',
    login: 'supervisor',
    display_name: 'Ірина Бондар',
    role: 'supervisor',
    password_hash: 'scrypt$16384$8$1$Unk4gkgGbGTYj75dtR1Vmw$T91YDfvQyEQp0yvyDVkS9I8c5dc5h6gDPRvFrmaK9UM',
    disabled: 0,
  },
  {
    id: 'op-admin-3',
    login: 'disabled',
    display_name: 'Петро Гнатюк',
    role: 'administrator',
    password_hash: 'scrypt$16384$8$1$uXyWaldO_JG_sCJODiVoYg$SmbnX2iyGao-84UUWa-zubbolJHwy9dgUV_vvawDRZw',
    disabled: 1,
  },
] as const;

/**
 * Adds the training operators that are missing; runs on every training start so a training database made
 * before operators existed gets them too. Existing rows keep their lockout counters.
 */
export function seedTrainingOperators(sql: SqlRunner): number {
  const insert = sql.db.prepare(`INSERT INTO operators (id, login, display_name, role, password_hash, disabled, source)
    VALUES (@id, @login, @display_name, @role, @password_hash, @disabled, 'training') ON CONFLICT (id) DO NOTHING`);
  return sql.write(() => TRAINING_OPERATORS.reduce((n, op) => n + insert.run(op).changes, 0));
}
