/**
 * What IT's command-line tools (`npm run central -- releases …`, `npm run central -- operators …`) share: the server
 * and admin token from the command line or the environment, one admin request, the server's refusal as a sentence,
 * and the exit codes (2 for a mistake on the command line, 1 for anything the server refused or the network did).
 */
export interface CliIo {
  env: Record<string, string | undefined>;
  out(line: string): void;
  err(line: string): void;
}

/** A mistake in the command line (exit 2). */
export class CliError extends Error {}

export interface AdminServer {
  url: string;
  token: string;
}

/** `--url` or CENTRAL_URL, `--admin-token` or CENTRAL_ADMIN_TOKEN. */
export function adminServer(values: { url?: string; 'admin-token'?: string }, env: CliIo['env']): AdminServer {
  const url = values.url ?? env.CENTRAL_URL;
  const token = values['admin-token'] ?? env.CENTRAL_ADMIN_TOKEN;
  if (!url || !token) throw new CliError('give the server with --url (or CENTRAL_URL) and the admin token with --admin-token (or CENTRAL_ADMIN_TOKEN)');
  return { url: url.replace(/\/+$/, ''), token };
}

export async function adminRequest(server: AdminServer, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(server.url + path, {
    method,
    headers: { authorization: `Bearer ${server.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return readAnswer(res);
}

/** The answer's JSON; a refusal becomes an error naming the status, the server's code and its sentence. */
export async function readAnswer(res: Response): Promise<unknown> {
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  if (!res.ok) {
    const e = (json as { error?: { code?: string; message?: string } } | null)?.error;
    throw new Error(`the server answered ${res.status}${e?.code ? ` ${e.code}` : ''}: ${e?.message ?? text.slice(0, 300)}`);
  }
  return json;
}

export function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if (!(allowed as readonly string[]).includes(value)) throw new CliError(`${what} must be one of ${allowed.join(', ')}`);
  return value as T;
}

export function printJson(io: CliIo, json: unknown): number {
  io.out(JSON.stringify(json, null, 2));
  return 0;
}

/** Reports a failure on stderr under the tool's name and answers its exit code. */
export function failed(io: CliIo, tool: string, err: unknown): number {
  io.err(`${tool}: ${err instanceof Error ? err.message : String(err)}`);
  return err instanceof CliError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? 2 : 1;
}
