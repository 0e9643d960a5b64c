import type { FleetList, FleetQuery, FleetReport, FleetWorkstation } from '../../shared/sync/fleet';
import type { CentralContext } from './context';

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
  constructor(private readonly s: CentralContext) {}

  /** Stores a report; the clock offset is the workstation's clock minus this server's at arrival. */
  async record(centerId: string, report: FleetReport): Promise<{ clockOffsetMs: number; serverTime: string }> {
    const now = this.s.now();
    const clockOffsetMs = Date.parse(report.clientTime) - now;
    const row = {
      workstation_id: report.workstation, center_id: centerId, app_version: report.version, channel: report.channel, os: report.os,
      free_disk_bytes: report.freeDiskBytes, outbox_size: report.outboxSize, quarantined_ops: report.quarantinedOps, clock_offset_ms: clockOffsetMs,
      reported_at: now, last_success_at: now, last_error_code: report.lastError?.code ?? null, last_error_at: report.lastError?.at ?? null,
    };
    await this.s.store.write((tx) =>
      tx
        .insertInto('fleet_reports')
        .values(row)
        .onConflict((oc) =>
          oc.column('workstation_id').doUpdateSet((eb) => ({
            center_id: eb.ref('excluded.center_id'), app_version: eb.ref('excluded.app_version'), channel: eb.ref('excluded.channel'),
            os: eb.ref('excluded.os'), free_disk_bytes: eb.ref('excluded.free_disk_bytes'), outbox_size: eb.ref('excluded.outbox_size'),
            quarantined_ops: eb.ref('excluded.quarantined_ops'), clock_offset_ms: eb.ref('excluded.clock_offset_ms'),
            reported_at: eb.ref('excluded.reported_at'), last_success_at: eb.ref('excluded.last_success_at'),
            // A report without an error keeps the last one on record.
            last_error_code: eb.fn.coalesce('excluded.last_error_code', 'fleet_reports.last_error_code'),
            last_error_at: eb.fn.coalesce('excluded.last_error_at', 'fleet_reports.last_error_at'),
          })),
        )
        .execute(),
    );
    return { clockOffsetMs, serverTime: new Date(now).toISOString() };
  }

  async list(query: FleetQuery): Promise<FleetList> {
    const now = this.s.now();
    let q = this.s.store.db
      .selectFrom('workstations as w')
      .leftJoin('fleet_reports as f', 'f.workstation_id', 'w.id')
      .select([
        'w.id as workstation_id', 'w.center_id', 'f.app_version', 'f.channel', 'f.os', 'f.free_disk_bytes', 'f.outbox_size', 'f.quarantined_ops',
        'f.clock_offset_ms', 'f.reported_at', 'f.last_success_at', 'f.last_error_code', 'f.last_error_at',
      ])
      .where('w.revoked', '=', 0);
    if (query.center) q = q.where('w.center_id', '=', query.center);
    if (query.version) q = q.where('f.app_version', '=', query.version);
    if (query.staleHours) {
      const staleBefore = now - query.staleHours * 3600_000;
      q = q.where((eb) => eb.or([eb('f.last_success_at', 'is', null), eb('f.last_success_at', '<', staleBefore)]));
    }
    const rows: Row[] = await q.orderBy('w.center_id').orderBy('w.id').execute();
    return { serverTime: new Date(now).toISOString(), workstations: rows.map(toWorkstation) };
  }

  /** The values the page's filters offer. */
  async choices(): Promise<{ centers: string[]; versions: string[] }> {
    const db = this.s.store.db;
    const [centers, versions] = await Promise.all([
      db.selectFrom('workstations').select('center_id').distinct().where('revoked', '=', 0).orderBy('center_id').execute(),
      db.selectFrom('fleet_reports').select('app_version').distinct().orderBy('app_version').execute(),
    ]);
    return { centers: centers.map((r) => r.center_id), versions: versions.map((r) => r.app_version) };
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
