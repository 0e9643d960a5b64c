import pg from 'pg';

/**
 * Marks a pipeline handed to a pooled connection (`CentralStore.pipeline`): the values are the statements, sent in
 * one network write and answered in one, instead of a round trip each.
 */
export const PIPELINE = '/* pipeline */';

export interface PipedText {
  text: string;
  values: readonly unknown[];
}

/** The parts of pg's connection (the protocol writer) that a pipeline and a statement sent with its COMMIT use. */
export interface Wire {
  parse(q: { text: string; name?: string }): void;
  bind(c: object): void;
  execute(c: { portal?: string; rows?: number }): void;
  sync(): void;
  submittedNamedStatements: Record<string, string>;
}

export type Results = pg.QueryResult | pg.QueryResult[];
type QueryBase = new (config: pg.QueryConfig, values?: unknown[], callback?: (err: Error | null, res: Results) => void) => {
  prepare(connection: Wire): void;
};
/** pg's Query, whose protocol steps (`prepare`, `_getRows`) the classes here extend. */
export const Query = pg.Query as unknown as QueryBase;

/** A transaction's deferred BEGIN, written ahead of what follows it on the wire (its answer is not waited for). */
export function sendBegin(connection: Wire, begin: string): void {
  connection.parse({ text: begin });
  connection.bind({});
  connection.execute({});
}

/** One statement of a pipeline: pg's own Parse (when not prepared yet), Bind, Describe and Execute, with no Sync. */
class PipedStatement extends Query {
  _getRows(connection: Wire, rows?: number): void {
    connection.execute({ portal: '', rows });
  }
}

/**
 * The statements (after a deferred BEGIN, when there is one) as one extended-protocol pipeline with one Sync.
 * PostgreSQL runs them one after another, each with its own snapshot: a read after a locking statement sees what
 * the lock waited for, exactly as if it had been sent after the lock's answer. The first failing statement makes the
 * server skip the rest, and the whole pipeline fails with its error.
 */
class Pipeline extends Query {
  constructor(
    private readonly begin: string | null,
    private readonly statements: PipedStatement[],
    callback: (err: Error | null, res: Results) => void,
  ) {
    super({ text: PIPELINE, queryMode: 'extended' } as pg.QueryConfig, undefined, callback);
  }

  override prepare(connection: Wire): void {
    if (this.begin !== null) sendBegin(connection, this.begin);
    for (const s of this.statements) s.prepare(connection);
    connection.sync();
  }
}

/** Names of the pipelines' statements on one connection, by text, as for its single statements (postgres-store). */
export class PipelineNames {
  private readonly names = new Map<string, string>();
  private next = 0;

  constructor(private readonly cap: number) {}

  name(text: string): { name: string | undefined; fresh: boolean } {
    const known = this.names.get(text);
    if (known) return { name: known, fresh: false };
    if (this.names.size >= this.cap) return { name: undefined, fresh: false };
    const name = `central_p${this.next++}`;
    this.names.set(text, name);
    return { name, fresh: true };
  }

  /**
   * After a failed pipeline the statements it named for the first time may or may not exist on the server (a
   * failure skips the Parses after it): their texts get new names next time, never a name the server lacks.
   */
  forget(connection: Wire, fresh: readonly { text: string; name: string }[]): void {
    for (const f of fresh) {
      this.names.delete(f.text);
      delete connection.submittedNamedStatements[f.name];
    }
  }
}

/**
 * Sends `statements` as one pipeline on `client` (BEGIN first when the transaction's BEGIN is still to be sent);
 * resolves with each statement's rows, in order.
 */
export function runPipeline(
  send: (query: object) => unknown,
  connection: Wire,
  names: PipelineNames | null,
  begin: string | null,
  statements: readonly PipedText[],
): Promise<{ command: string; rowCount: null; rows: unknown[][] }> {
  const fresh: { text: string; name: string }[] = [];
  const piped = statements.map(({ text, values }) => {
    const named = names?.name(text);
    if (named?.fresh) fresh.push({ text, name: named.name! });
    return new PipedStatement({ text, values: [...values], name: named?.name } as pg.QueryConfig);
  });
  return new Promise((resolve, reject) => {
    send(
      new Pipeline(begin, piped, (err, res) => {
        if (err) {
          names?.forget(connection, fresh);
          return reject(err);
        }
        const all = Array.isArray(res) ? res : [res];
        resolve({ command: 'PIPELINE', rowCount: null, rows: all.slice(begin === null ? 0 : 1).map((r) => r.rows) });
      }),
    );
  });
}
