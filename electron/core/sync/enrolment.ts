import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * The workstation's token from the central server, kept in its own file in the data folder (owner-only), apart
 * from the database so that a copy of the database or a diagnostics bundle never carries it; never logged.
 */
const StoredEnrolmentSchema = z.object({
  token: z.string().min(20).max(200),
  centralUrl: z.string(),
  centerId: z.string(),
  workstationId: z.string(),
  enrolledAt: z.string(),
});
export type StoredEnrolment = z.infer<typeof StoredEnrolmentSchema>;

export const ENROLMENT_FILE = 'central-token.json';

export class EnrolmentStore {
  private cached: StoredEnrolment | null | undefined;

  constructor(private readonly dataDir: string) {}

  private get file(): string {
    return join(this.dataDir, ENROLMENT_FILE);
  }

  /** The enrolment for this central server, center and workstation; one for another binding does not count. */
  read(binding: { centralUrl: string; centerId: string; workstationId: string }): StoredEnrolment | null {
    if (this.cached === undefined) this.cached = this.load();
    const e = this.cached;
    if (!e || e.centralUrl !== binding.centralUrl || e.centerId !== binding.centerId || e.workstationId !== binding.workstationId) return null;
    return e;
  }

  save(enrolment: StoredEnrolment): void {
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(enrolment), { mode: 0o600 });
    // Rename is atomic: a crash leaves the old token or the new one, never half a file.
    renameSync(tmp, this.file);
    try {
      chmodSync(this.file, 0o600);
    } catch {
      // Windows has no POSIX modes; the profile folder's ACL protects the file there.
    }
    this.cached = enrolment;
  }

  clear(): void {
    rmSync(this.file, { force: true });
    this.cached = null;
  }

  private load(): StoredEnrolment | null {
    if (!existsSync(this.file)) return null;
    try {
      return StoredEnrolmentSchema.parse(JSON.parse(readFileSync(this.file, 'utf8')));
    } catch {
      // A damaged token file is as good as none: the workstation enrols again.
      return null;
    }
  }
}
