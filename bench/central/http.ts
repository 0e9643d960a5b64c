/** The central bench's HTTP client: keep-alive connections, bearer tokens, and a workstation's pull until the end. */
import { Agent, request } from 'node:http';

const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

export function call(base: URL, method: string, path: string, token: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { authorization: `Bearer ${token}` };
    if (body) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    const req = request({ host: base.hostname, port: base.port, method, path, agent, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export interface PulledPage {
  records: number;
  ms: number;
}

/**
 * Pulls a center's changes after `cursor` (from the beginning when null) until the feed has no more, parsing each
 * page as a workstation does. Calls `page` per page; returns the last cursor, or the failing status.
 */
export async function pullAll(
  base: URL,
  center: string,
  token: string,
  cursor: string | null,
  limit: number,
  page: (p: PulledPage) => void = () => {},
): Promise<{ cursor: string | null; records: number; failed: number | null }> {
  let records = 0;
  for (;;) {
    const t = performance.now();
    const r = await call(base, 'GET', `/v1/centers/${center}/changes?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, token);
    if (r.status !== 200) return { cursor, records, failed: r.status };
    const body = JSON.parse(r.text) as { changes: unknown[]; cursor: string; hasMore: boolean };
    page({ records: body.changes.length, ms: performance.now() - t });
    records += body.changes.length;
    cursor = body.cursor;
    if (!body.hasMore) return { cursor, records, failed: null };
  }
}
