import { statfsSync } from 'node:fs';
import { arch, platform, release } from 'node:os';
import type { FleetReport } from '../../../shared/sync/fleet';
import type { Logger } from '../log';
import type { SqlRunner } from '../store/sql';
import type { CentralConnection } from './connection';

export interface FleetFacts {
  version: string;
  channel: 'stable' | 'beta';
}

/**
 * The report each successful sync ends with, for IT's fleet view: version, channel, OS, free disk, outbox size,
 * quarantined ops and this workstation's clock (the server derives the offset), plus the last failed cycle's code.
 * Best effort: a server without the route, or a failure here, never fails the sync.
 */
export class FleetReporter {
  private lastFailure: { code: string; at: string } | null = null;

  constructor(
    private readonly o: { sql: SqlRunner; dataDir: string; facts: FleetFacts; log: Logger },
  ) {}

  noteFailure(code: string, at: number): void {
    this.lastFailure = { code, at: new Date(at).toISOString() };
  }

  build(workstationId: string, now: number): FleetReport {
    const db = this.o.sql.db;
    const count = (sql: string) => db.prepare(sql).pluck().get() as number;
    let freeDiskBytes: number | null;
    try {
      const s = statfsSync(this.o.dataDir);
      freeDiskBytes = s.bavail * s.bsize;
    } catch {
      freeDiskBytes = null;
    }
    return {
      workstation: workstationId,
      version: this.o.facts.version,
      channel: this.o.facts.channel,
      os: `${platform()} ${release()} ${arch()}`.slice(0, 100),
      freeDiskBytes,
      outboxSize: count("SELECT count(*) FROM outbox WHERE state = 'pending'"),
      quarantinedOps: count("SELECT count(*) FROM outbox WHERE state = 'quarantined'"),
      clientTime: new Date(now).toISOString(),
      lastError: this.lastFailure,
    };
  }

  async send(conn: CentralConnection, now: number): Promise<void> {
    try {
      await conn.client.fleetReport(conn.centerId, this.build(conn.workstationId, now));
      this.lastFailure = null;
    } catch (err) {
      // Codes only: the report itself carries no personal data, and neither does this line.
      this.o.log.warn({ event: 'fleet.report_failed', code: (err as { code?: unknown }).code ?? 'unknown' }, 'fleet report not sent');
    }
  }
}
