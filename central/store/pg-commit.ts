import type pg from 'pg';
import { PIPELINE, Query, runPipeline, sendBegin, type PipedText, type PipelineNames, type Results, type Wire } from './pg-pipeline';

/**
 * Marks a write transaction's last statement (sql`${COMMIT_WITH} …`): the connection sends COMMIT in the same
 * network write, right behind it, and the transaction's own `commit` that follows is answered without a round trip.
 */
export const COMMIT_WITH = '/* commit with */';

/**
 * The statement and COMMIT as one extended-protocol pipeline (Parse/Bind/Execute twice, one Sync). PostgreSQL runs
 * the COMMIT as soon as the statement ends, without waiting for this process: rows that every transaction writes (the
 * feed's counter, the report counts), locked by the statement until the commit, are held for the database's own
 * work alone, however busy the event loop is with other requests. A failing statement makes the server skip to the
 * Sync, so the COMMIT never runs and the transaction stays open to be rolled back as before.
 */
class StatementAndCommit extends Query {
  _getRows(connection: Wire, rows?: number): void {
    connection.execute({ portal: '', rows });
    connection.parse({ text: 'COMMIT' });
    connection.bind({});
    connection.execute({});
    connection.sync();
  }
}

/** BEGIN and the transaction's first statement in one network write (the BEGIN's answer is not waited for). */
class BeginAndStatement extends Query {
  constructor(private readonly begin: string, config: pg.QueryConfig, callback: (err: Error | null, res: Results) => void) {
    super({ ...config, queryMode: 'extended' } as pg.QueryConfig, undefined, callback);
  }

  override prepare(connection: Wire): void {
    sendBegin(connection, this.begin);
    super.prepare(connection);
  }
}

type QueryFn = (...args: unknown[]) => unknown;
const done = (command: string) => Promise.resolve({ command, rowCount: null, rows: [], fields: [] });

/**
 * Teaches a pooled connection the COMMIT_WITH statements and pipelines (pg-pipeline.ts). Their statements are named
 * by `names` (null: unnamed, for a pooler that cannot keep them), so PostgreSQL parses each text once per connection:
 * a push's last statement has the same text for every push of its shape (json-rows.ts). Parsing and planning, the
 * first time, happen before the statement takes any lock, so the locks are not held any longer for them.
 */
export function commitWithLastStatement(client: pg.PoolClient, names: PipelineNames | null): void {
  const query = client.query.bind(client) as QueryFn;
  const connection = (client as unknown as { connection: Parameters<typeof runPipeline>[1] }).connection;
  let committed = false;
  let begin: string | null = null;
  (client as unknown as { query: QueryFn }).query = (text: unknown, values?: unknown, ...rest: unknown[]) => {
    if (text === PIPELINE && !committed) {
      // The transaction's deferred BEGIN, if still unsent, leads the pipeline.
      const first = begin;
      begin = null;
      return runPipeline(query, connection, names, first, values as PipedText[]);
    }
    // A transaction's BEGIN waits for its first statement and goes with it: one round trip fewer per transaction.
    if (typeof text === 'string' && /^start transaction/i.test(text)) {
      begin = text;
      return done('BEGIN');
    }
    if (begin !== null) {
      const first = begin;
      begin = null;
      if (text === 'rollback') return done('ROLLBACK');
      if (typeof text !== 'string' || text.startsWith(COMMIT_WITH)) return Promise.resolve(query(first)).then(() => client.query(text as string, values as unknown[]));
      return new Promise((resolve, reject) => {
        query(new BeginAndStatement(first, { text, values: values as unknown[] }, (err, res) => (err ? reject(err) : resolve(Array.isArray(res) ? res[res.length - 1] : res))));
      });
    }
    if (committed) {
      committed = false;
      // The pipeline committed already; anything else than the transaction's commit here would be a bug.
      if (text === 'commit') return done('COMMIT');
      return Promise.reject(new Error(`the transaction was committed with its last statement; "${String(text).slice(0, 40)}" came after it`));
    }
    if (typeof text !== 'string' || !text.startsWith(COMMIT_WITH)) return query(text, values, ...rest);
    return new Promise((resolve, reject) => {
      // pg itself keeps the name right: known once its Parse succeeded, sent again if the Parse failed.
      const name = names?.name(text).name;
      const statement = new StatementAndCommit({ text, values: values as unknown[], name }, undefined, (err, res) => {
        if (err) return reject(err);
        committed = true;
        resolve(Array.isArray(res) ? res[0] : res);
      });
      query(statement);
    });
  }
}
