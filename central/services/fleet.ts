import type { FleetList, FleetQuery, FleetReport, FleetWorkstation } from '../../shared/sync/fleet';
import type { Services } from './container';

interface Row {
  workstation_id: string;
  center_id: string;
  app_version: string | null;
  channel: 'stable' | 'beta' | null;
  os: string | null;
  free_disk_bytes: number | null;
  outbox_size: number | null;
  quarantined_ops: number | null;
  clock_offset_ms: number | null;
  reported_at: number | null;
  last_success_at: number | null;
  last_error_code: string | null;
  last_error_at: string | null;
}

/**
 * The fleet view: what each workstation reported at the end of its last successful sync. Every enrolled workstation
 * that is not revoked is listed, also one that never reported (its columns empty), so IT sees who never synced.
 */
export class FleetService {
  constructor(private readonly s: Pick<Services, 'db' | 'sql' | 'now'>) {}

  /** Stores a report; the clock offset is the workstation's clock minus this server's at arrival. */
  record(centerId: string, report: FleetReport): { clockOffsetMs: number; serverTime: string } {
    const now = this.s.now();
    const clockOffsetMs = Date.parse(report.clientTime) - now;
    this.s.sql.write(() =>
      this.s.db
        .prepare(`INSERT INTO fleet_reports (workstation_id, center_id, app_version, channel, os, free_disk_bytes, outbox_size, quarantined_ops,
            clock_offset_ms, reported_at, last_success_at, last_error_code, last_error_at)
          VALUES (@ws, @center, @version, @channel, @os, @disk, @outbox, @quarantined, @offset, @now, @now, @errorCode, @errorAt)
          ON CONFLICT (workstation_id) DO UPDATE SET center_id = excluded.center_id, app_version = excluded.app_version,
            channel = excluded.channel, os = excluded.os, free_disk_bytes = excluded.free_disk_bytes, outbox_size = excluded.outbox_size,
            quarantined_ops = excluded.quarantined_ops, clock_offset_ms = excluded.clock_offset_ms, reported_at = excluded.reported_at,
            last_success_at = excluded.last_success_at,
            last_error_code = coalesce(excluded.last_error_code, fleet_reports.last_error_code),
            last_error_at = coalesce(excluded.last_error_at, fleet_reports.last_error_at)`)
        .run({
          ws: report.workstation, center: centerId, version: report.version, channel: report.channel, os: report.os,
          disk: report.freeDiskBytes, outbox: report.outboxSize, quarantined: report.quarantinedOps, offset: clockOffsetMs, now,
          errorCode: report.lastError?.code ?? null, errorAt: report.lastError?.at ?? null,
        }),
    );
    return { clockOffsetMs, serverTime: new Date(now).toISOString() };
  }

  list(query: FleetQuery): FleetList {
    const now = this.s.now();
    const where: string[] = ['w.revoked = 0'];
    const params: Record<string, unknown> = {};
    if (query.center) {
      where.push('w.center_id = @center');
      params.center = query.center;
    }
    if (query.version) {
      where.push('f.app_version = @version');
      params.version = query.version;
    }
    if (query.staleHours) {
      where.push('(f.last_success_at IS NULL OR f.last_success_at < @staleBefore)');
      params.staleBefore = now - query.staleHours * 3600_000;
    }
    const rows = this.s.db
      .prepare(`SELECT w.id AS workstation_id, w.center_id, f.app_version, f.channel, f.os, f.free_disk_bytes, f.outbox_size, f.quarantined_ops,
          f.clock_offset_ms, f.reported_at, f.last_success_at, f.last_error_code, f.last_error_at
        FROM workstations w LEFT JOIN fleet_reports f ON f.workstation_id = w.id
        WHERE ${where.join(' AND ')} ORDER BY w.center_id, w.id`)
      .all(params) as Row[];
    return { serverTime: new Date(now).toISOString(), workstations: rows.map(toWorkstation) };
  }

  /** The values the page's filters offer. */
  choices(): { centers: string[]; versions: string[] } {
    return {
      centers: this.s.db.prepare('SELECT DISTINCT center_id FROM workstations WHERE revoked = 0 ORDER BY center_id').pluck().all() as string[],
      versions: this.s.db.prepare('SELECT DISTINCT app_version FROM fleet_reports ORDER BY app_version').pluck().all() as string[],
    };
  }
}

function toWorkstation(r: Row): FleetWorkstation {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return {
    workstationId: r.workstation_id,
    centerId: r.center_id,
    version: r.app_version,
    channel: r.channel,
    os: r.os,
    freeDiskBytes: r.free_disk_bytes,
    outboxSize: r.outbox_size,
    quarantinedOps: r.quarantined_ops,
    clockOffsetMs: r.clock_offset_ms,
    lastReportAt: iso(r.reported_at),
    lastSuccessAt: iso(r.last_success_at),
    lastError: r.last_error_code ? { code: r.last_error_code, at: r.last_error_at ?? '' } : null,
  };
}
