import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { AppError } from '../../../shared/api/errors';
import type { Logger } from '../log';

/**
 * How to start the reference central server as a child process. The core stays host-agnostic: the browser host
 * passes a program (node with tsx and central/main.ts); the Electron shell forks the bundled out/central/index.js
 * in a utility process (electron/main/central-process.ts), because the packaged binary has its RunAsNode fuse off
 * and cannot be run as plain Node.
 */
export type CentralLauncher = CentralProgram | { fork(args: string[]): CentralChild };

export interface CentralProgram {
  command: string;
  args: string[];
  env?: Record<string, string>;
}

/** A started child as the launcher needs it, whatever started it. */
export interface CentralChild {
  readonly pid: number | undefined;
  readonly stdout: Readable;
  readonly stderr: Readable;
  /** Called once when the child has gone (code, or the signal that ended it). */
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  onError(listener: (err: Error) => void): void;
  /** Asks it to stop (SIGTERM, or the utility process's kill); `force` ends it at once. */
  kill(force: boolean): void;
  readonly exited: boolean;
}

export interface LaunchedCentral {
  url: string;
  pid: number;
  /** The whole ready line (central/main.ts adds the center and enrolment codes). */
  ready: Record<string, unknown>;
  stop(): Promise<void>;
}

/** central/main.ts ends its start-up output with `CENTRAL_READY {"url": ...}` once it listens. */
const READY_LINE = /^CENTRAL_READY (\{.*\})\s*$/m;
const LOOPBACK_URL = /^http:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):\d{1,5}$/;

/**
 * Starts the central server and waits for its ready line, with a timeout and a clear error that carries the tail
 * of its stderr. The child is killed when the core closes; it also gets a pipe on stdin that closes when this
 * process dies, so a server that watches stdin can go with a killed console.
 */
export function launchCentral(launcher: CentralLauncher, extraArgs: string[], options: { timeoutMs?: number; log?: Logger } = {}): Promise<LaunchedCentral> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const child = 'fork' in launcher ? launcher.fork(extraArgs) : spawnProgram(launcher, extraArgs);
  let stderrTail = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-2000);
  });

  return new Promise<LaunchedCentral>((resolve, reject) => {
    let stdout = '';
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill(true);
      const tail = stderrTail.trim().split('\n').slice(-5).join(' | ').slice(0, 600);
      reject(new AppError('central_unavailable', `The training central server could not start: ${why}${tail ? ` (${tail})` : ''}.`));
    };
    const timer = setTimeout(() => fail(`it printed no address within ${Math.round(timeoutMs / 1000)} s`), timeoutMs);
    child.onError((err) => fail(err.message));
    child.onExit((code, signal) => fail(`it exited (${signal ?? `code ${code}`}) before it was ready`));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (settled) return;
      stdout = (stdout + chunk).slice(-8000);
      const match = READY_LINE.exec(stdout);
      if (!match) return;
      let ready: Record<string, unknown> = {};
      try {
        ready = JSON.parse(match[1]!) as Record<string, unknown>;
      } catch {
        // handled below: no address
      }
      const url = ready.url;
      // Only a loopback address: the console never follows a child's word to another host.
      if (typeof url !== 'string' || !LOOPBACK_URL.test(url)) return fail('its ready line named no loopback address');
      settled = true;
      clearTimeout(timer);
      options.log?.info({ pid: child.pid, url }, 'training central server started');
      resolve({ url, pid: child.pid!, ready, stop: () => stopChild(child) });
    });
  });
}

/** A program as a child process, with a pipe on stdin that closes when this process dies. */
function spawnProgram(program: CentralProgram, extraArgs: string[]): CentralChild {
  const child = spawn(program.command, [...program.args, ...extraArgs], {
    env: { ...process.env, ...program.env },
    stdio: ['pipe', 'pipe', 'pipe'],
    windowsHide: true,
  });
  child.stdin!.on('error', () => undefined);
  return {
    get pid() {
      return child.pid;
    },
    stdout: child.stdout!,
    stderr: child.stderr!,
    onExit: (listener) => void child.once('exit', (code, signal) => listener(code, signal)),
    onError: (listener) => void child.on('error', listener),
    kill(force) {
      if (!force) child.stdin?.end();
      child.kill(force ? 'SIGKILL' : 'SIGTERM');
    },
    get exited() {
      return child.exitCode !== null || child.signalCode !== null;
    },
  };
}

/** Asks the child to stop, then ends it if it has not gone within a few seconds. */
function stopChild(child: CentralChild): Promise<void> {
  if (child.exited) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill(true), 3_000);
    child.onExit(() => {
      clearTimeout(kill);
      resolve();
    });
    child.kill(false);
  });
}
