import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/api/errors';

export interface DataFolderLock {
  release(): void;
}

/**
 * One process owns a data folder at a time: the Electron app and the browser host never write the same
 * database. A lock left by a process that no longer runs (a power cut, a kill) is taken over.
 */
const heldHere = new Set<string>();

export function lockDataFolder(dir: string): DataFolderLock {
  const file = join(dir, 'console.lock');
  if (heldHere.has(file)) {
    throw new AppError('data_folder_locked', 'This data folder is already open in this console. Close it first.');
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, at: new Date().toISOString() }));
      closeSync(fd);
      heldHere.add(file);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          heldHere.delete(file);
          try {
            unlinkSync(file);
          } catch {
            // already gone: nothing to release
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = readOwner(file);
      // A lock naming this very process and not held here was left by an earlier process with the same pid.
      if (owner !== null && owner !== process.pid && isAlive(owner)) {
        throw new AppError(
          'data_folder_locked',
          `Another console process (pid ${owner}) is using this data folder. Close it first, or start with another data folder.`,
        );
      }
      try {
        unlinkSync(file);
      } catch {
        // raced with another process removing it; the next attempt decides
      }
    }
  }
  throw new AppError('data_folder_locked', 'The data folder is locked by another console process.');
}

function readOwner(file: string): number | null {
  try {
    const pid = Number((JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown }).pid);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
