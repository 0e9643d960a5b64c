import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/**
 * The training central server a worker's browser host started, as a process the test can pause (SIGSTOP) and
 * resume (SIGCONT): a real server that stops answering mid-cycle, with requests already accepted by the kernel
 * waiting for it. Found by the loopback port in its URL (Linux's /proc), because the host does not publish its pid.
 */
export interface PausableCentral {
  pid: number;
  pause(): void;
  resume(): void;
}

export function trainingCentralProcess(centralUrl: string): PausableCentral {
  const port = Number(new URL(centralUrl).port);
  const pid = pidListeningOn(port);
  let paused = false;
  return {
    pid,
    pause() {
      process.kill(pid, 'SIGSTOP');
      paused = true;
    },
    resume() {
      if (paused) process.kill(pid, 'SIGCONT');
      paused = false;
    },
  };
}

/** The process holding the listening socket on 127.0.0.1:`port`: its inode from /proc/net/tcp, then the fd that names it. */
function pidListeningOn(port: number): number {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let lines: string[];
    try {
      lines = readFileSync(table, 'utf8').split('\n').slice(1);
    } catch {
      continue;
    }
    for (const line of lines) {
      const f = line.trim().split(/\s+/);
      // local_address is HEXIP:HEXPORT; state 0A is LISTEN; the inode is the tenth column.
      if (f.length > 9 && f[1]!.endsWith(`:${hexPort}`) && f[3] === '0A') inodes.add(f[9]!);
    }
  }
  if (inodes.size === 0) throw new Error(`nothing listens on port ${port}`);
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // another user's process, or gone
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode && inodes.has(inode)) return Number(pid);
    }
  }
  throw new Error(`no process of this user holds the socket listening on port ${port}`);
}
