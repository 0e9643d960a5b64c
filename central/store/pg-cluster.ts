/**
 * A throwaway PostgreSQL cluster for tests and the bench: `initdb` into a temporary folder, `pg_ctl start` on a free
 * loopback port, `pg_ctl stop` and the folder removed at the end. Never depends on a server started by hand.
 * initdb and postgres refuse to run as root, so under uid 0 (CI) they run as the `postgres` user (Debian's package
 * creates it) through runuser, over a folder that user owns.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** PG_BIN, else Debian's /usr/lib/postgresql/N/bin, newest first (15 and later). */
function binDirs(): string[] {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v) && Number(v) >= 15).sort((a, b) => Number(b) - Number(a)) : [];
  return [process.env.PG_BIN, ...versions.map((v) => join(root, v, 'bin'))].filter((d): d is string => !!d);
}

/** The folder holding initdb and pg_ctl, or null when PostgreSQL is not installed. */
/** One client on `url` for the length of `fn`, closed whatever `fn` does. */
export async function withPgClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function postgresBinDir(): string | null {
  return binDirs().find((d) => existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl'))) ?? null;
}

export interface PgCluster {
  port: number;
  dataDir: string;
  /** postgres://… for a database on this cluster (the maintenance database `postgres` unless named). */
  url(database?: string): string;
  /** Creates a fresh empty database and returns its URL. */
  createDatabase(name?: string): Promise<string>;
  /**
   * `pg_ctl restart -m fast`: every session is ended, the server goes away and comes back on the same port. Runs
   * without blocking this process, so a central server in it keeps answering meanwhile.
   */
  restart(): Promise<void>;
  /** `pg_ctl stop -m fast` without removing the cluster: the database is down until `startServer`. */
  stopServer(): Promise<void>;
  startServer(): Promise<void>;
  stop(): void;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

let databases = 0;

/**
 * `settings` adds to (or overrides) the cluster's configuration, e.g. larger buffers for the bench; durability
 * (fsync, synchronous_commit) is what production runs with, whatever is asked.
 */
export async function startPgCluster(settings: Record<string, string> = {}): Promise<PgCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin; set PG_BIN)');
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? 'postgres' : userInfo().username;
  const dir = mkdtempSync(join(tmpdir(), 'sc-pg-'));
  const dataDir = join(dir, 'data');
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', user]).toString().trim());
    const gid = Number(execFileSync('id', ['-g', user]).toString().trim());
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  const command = (tool: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', user, '--', join(bin, tool), ...args]] : [join(bin, tool), args];
  const run = (tool: string, args: string[]) => {
    const r = spawnSync(...command(tool, args), { encoding: 'utf8', cwd: dir });
    if (r.status !== 0) throw new Error(`${tool} failed (${r.status}): ${r.stderr || r.stdout}`);
  };
  const runAsync = (tool: string, args: string[]) =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(...command(tool, args), { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${tool} failed (${code}): ${output}`))));
    });
  run('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
  const port = await freePort();
  // Durability as in production (fsync, synchronous_commit on); small buffers, sockets only in the cluster's folder.
  const conf = [
    `port = ${port}`,
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${dir}'`,
    'max_connections = 200',
    'shared_buffers = 64MB',
    ...Object.entries(settings).map(([k, v]) => `${k} = ${v}`),
    'synchronous_commit = on',
    'fsync = on',
  ].join('\n');
  writeFileSync(join(dataDir, 'postgresql.auto.conf'), `${conf}\n`, { flag: 'a' });
  const start = () => run('pg_ctl', ['-D', dataDir, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
  start();
  let stopped = false;
  let running = true;
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    dataDir,
    url,
    async createDatabase(name) {
      const db = name ?? `central_${process.pid}_${++databases}`;
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${db}"`);
      } finally {
        await client.end();
      }
      return url(db);
    },
    restart: () => runAsync('pg_ctl', ['-D', dataDir, '-w', '-t', '60', '-m', 'fast', 'restart', '-l', join(dir, 'log')]),
    async stopServer() {
      await runAsync('pg_ctl', ['-D', dataDir, '-w', '-t', '60', '-m', 'fast', 'stop']);
      running = false;
    },
    async startServer() {
      await runAsync('pg_ctl', ['-D', dataDir, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
      running = true;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        if (running) run('pg_ctl', ['-D', dataDir, '-w', '-t', '60', '-m', 'fast', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
