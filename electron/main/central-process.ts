import { utilityProcess } from 'electron';
import { PassThrough, type Readable } from 'node:stream';
import type { CentralChild, CentralLauncher } from '../core/sync/launcher';

/**
 * Training mode's central server, started the way a fused binary allows: the packaged console has its RunAsNode
 * fuse off (scripts/after-pack.mjs), so `ELECTRON_RUN_AS_NODE=1 <binary> central.js` no longer works. A utility
 * process runs the bundled server with Electron's own Node, better-sqlite3's Electron build included, and Chromium
 * ends it with the console, even when the console is killed.
 */
export function utilityProcessLauncher(entry: string): CentralLauncher {
  return {
    fork(args: string[]): CentralChild {
      const child = utilityProcess.fork(entry, args, { stdio: 'pipe', serviceName: 'Training central server' });
      let exited = false;
      const exitListeners: ((code: number | null, signal: string | null) => void)[] = [];
      child.once('exit', (code) => {
        exited = true;
        for (const l of exitListeners.splice(0)) l(code, null);
      });
      return {
        get pid() {
          return child.pid;
        },
        stdout: (child.stdout as Readable | null) ?? new PassThrough(),
        stderr: (child.stderr as Readable | null) ?? new PassThrough(),
        onExit(listener) {
          if (exited) listener(null, null);
          else exitListeners.push(listener);
        },
        onError(listener) {
          child.on('error', (type, location) => listener(new Error(`${type} at ${location}`)));
        },
        // A utility process has one way to be stopped; the server's SIGTERM handler closes its database.
        kill: () => void child.kill(),
        get exited() {
          return exited;
        },
      };
    },
  };
}
