import { sql, type RawBuilder } from 'kysely';
/** The store's dialect (StoreKind in store-types.ts, which imports this file's users). */
type StoreKind = 'sqlite' | 'postgres';

/** What an insert does with a row whose key is taken: every other column replaced, or one column added to. */
export type RowsConflict = { key: readonly string[]; replace: true } | { key: readonly string[]; add: string };

/**
 * Rows written with the same statement text whatever their number: the rows travel as one JSON parameter
 * (PostgreSQL's `json_populate_recordset` with the table's own column types, SQLite's `json_each`), in the order
 * given. The text is the same for every push, so PostgreSQL keeps it parsed and planned, and building it costs a
 * `JSON.stringify` instead of compiling hundreds of bound parameters. Every row has the same columns.
 */
export function rowsInsert(kind: StoreKind, table: string, rows: readonly Record<string, unknown>[], conflict?: RowsConflict): RawBuilder<unknown> {
  const columns = Object.keys(rows[0]!);
  for (const r of rows) {
    if (Object.keys(r).length !== columns.length) throw new Error(`rows of ${table} differ in their columns`);
  }
  const json = JSON.stringify(rows, (_k, v: unknown) => (v === undefined ? null : v));
  const list = sql.raw(columns.map(quote).join(', '));
  const source = kind === 'postgres'
    ? sql`SELECT ${list} FROM json_populate_recordset(NULL::${sql.raw(quote(table))}, ${json}::json)`
    : sql`SELECT ${sql.raw(columns.map((c) => `j.value ->> '${c}'`).join(', '))} FROM json_each(${json}) AS j WHERE true`;
  return sql`INSERT INTO ${sql.raw(quote(table))} (${list}) ${source}${conflict ? onConflict(table, columns, conflict) : sql``}`;
}

/** Rows of `table` whose `column` is one of `values`, deleted with one statement text for any number. */
export function rowsDelete(kind: StoreKind, table: string, column: string, values: readonly string[]): RawBuilder<unknown> {
  return kind === 'postgres'
    ? sql`DELETE FROM ${sql.raw(quote(table))} WHERE ${sql.raw(quote(column))} = ANY(${values}::text[])`
    : sql`DELETE FROM ${sql.raw(quote(table))} WHERE ${sql.raw(quote(column))} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;
}

function onConflict(table: string, columns: readonly string[], conflict: RowsConflict): RawBuilder<unknown> {
  const set = 'replace' in conflict
    ? columns.filter((c) => !conflict.key.includes(c)).map((c) => `${quote(c)} = excluded.${quote(c)}`)
    : [`${quote(conflict.add)} = ${quote(table)}.${quote(conflict.add)} + excluded.${quote(conflict.add)}`];
  return sql.raw(` ON CONFLICT (${conflict.key.map(quote).join(', ')}) DO UPDATE SET ${set.join(', ')}`);
}

/** Names here are the schema's own (never input), quoted all the same. */
function quote(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a column or table name: ${name}`);
  return `"${name}"`;
}
