/**
 * The processes of the central bench: the server (central/main.ts bundled and run by plain Node, so the figure is the
 * server's and not a TypeScript loader's), the load generators (forked), and what /proc says about each.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { LoadConfig, LoadStats } from './load';

/** BENCH_SERVER_BUNDLE runs a server bundled beforehand (another version, for a before/after in the same conditions). */
const BUNDLE = process.env.BENCH_SERVER_BUNDLE ?? join('.tmp', 'bench', 'central-main.mjs');
export const ADMIN_TOKEN = 'adm_bench_not_secret';

export async function bundleServer(): Promise<void> {
  if (process.env.BENCH_SERVER_BUNDLE) return;
  await build({
    entryPoints: ['central/main.ts'], bundle: true, platform: 'node', format: 'esm', target: 'node20',
    packages: 'external', outfile: BUNDLE, logLevel: 'warning',
  });
}

export interface ServerProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export function startServer(db: string, poolSize: number): Promise<ServerProcess> {
  // BENCH_CPU_PROF=dir writes the server's CPU profile there (node --cpu-prof), for finding where a push spends it.
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
  const child = spawn(process.execPath, [...profile, BUNDLE, '--db', db, '--port', '0', '--admin-token', ADMIN_TOKEN, '--pool-size', String(poolSize)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // As deployed: the SQLite store's per-context re-entry check is for development and tests (central/README.md).
    env: { ...process.env, NODE_ENV: 'production' },
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-4000)));
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`the central server exited (${code}): ${err}`)));
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const ready = /^CENTRAL_READY (.*)$/m.exec(out);
      if (!ready) return;
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      const { url } = JSON.parse(ready[1]!) as { url: string };
      resolve({
        url,
        pid: child.pid!,
        stop: () =>
          new Promise<void>((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

/** Resident memory of a process, MB. */
export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** CPU time (user + system) a process has used, ms (clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  const t = cpuSplitMs(pid);
  return t.user + t.system;
}

/** The same split: in the process's own code, and in the kernel on its behalf (socket writes to the database). */
export function cpuSplitMs(pid: number): { user: number; system: number } {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return { user: Number(fields[11]) * 10, system: Number(fields[12]) * 10 };
  } catch {
    return { user: 0, system: 0 };
  }
}

/** CPU time of a PostgreSQL cluster's processes (the postmaster's children: backends, writers), ms. */
export function clusterCpuMs(dataDir: string): number {
  const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let total = cpuMs(postmaster);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ');
      if (Number(fields[1]) === postmaster) total += (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** Samples a process's resident memory until stopped: the peak and the mean. */
export function sampleMemory(pid: number, everyMs = 250): { stop(): { peakMb: number; meanMb: number } } {
  const samples: number[] = [];
  const timer = setInterval(() => samples.push(rssMb(pid)), everyMs);
  return {
    stop() {
      clearInterval(timer);
      samples.push(rssMb(pid));
      return { peakMb: Math.max(...samples), meanMb: samples.reduce((a, b) => a + b, 0) / samples.length };
    },
  };
}

/**
 * Runs load generator processes, one per config: each is forked and loaded first, then all get their configs at
 * once, so they start together. Resolves with each one's figures.
 */
export async function runGenerators(configs: LoadConfig[]): Promise<LoadStats[]> {
  const children: ChildProcess[] = configs.map(() => fork(join('bench', 'central', 'load.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  const message = <T>(child: ChildProcess, key: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (m: Record<string, unknown>) => {
        if ('error' in m) reject(new Error(String(m.error)));
        else if (key in m) {
          child.off('message', onMessage);
          resolve(m[key] as T);
        }
      };
      child.on('message', onMessage);
      child.once('exit', (code) => code !== 0 && reject(new Error(`a load generator exited (${code})`)));
    });
  await Promise.all(children.map((c) => message(c, 'ready')));
  const results = children.map((c) => message<LoadStats>(c, 'stats'));
  children.forEach((c, i) => c.send({ config: configs[i] }));
  return Promise.all(results);
}

/** The figures of several generators as one. */
export function mergeStats(all: LoadStats[]): LoadStats {
  const sum = (f: (s: LoadStats) => number) => all.reduce((a, s) => a + f(s), 0);
  const tally = (f: (s: LoadStats) => Record<string, number>) => {
    const out: Record<string, number> = {};
    for (const s of all) for (const [k, v] of Object.entries(f(s))) out[k] = (out[k] ?? 0) + v;
    return out;
  };
  return {
    pushes: sum((s) => s.pushes),
    results: tally((s) => s.results),
    pushMs: all.flatMap((s) => s.pushMs),
    pulls: sum((s) => s.pulls),
    pulledChanges: sum((s) => s.pulledChanges),
    pullMs: all.flatMap((s) => s.pullMs),
    intake: sum((s) => s.intake),
    intakeMs: all.flatMap((s) => s.intakeMs),
    failures: tally((s) => s.failures),
    joiningPull: all.find((s) => s.joiningPull)?.joiningPull ?? null,
    cpuMs: sum((s) => s.cpuMs),
    elapsedMs: Math.max(...all.map((s) => s.elapsedMs)),
  };
}
