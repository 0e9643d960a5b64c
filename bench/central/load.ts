/**
 * A load generator process of the central bench (forked by bench/central/run.ts, so the server process is measured
 * alone): the simulated workstations of some centers, each on a fixed period pushing a batch of decisions (a claim and
 * an approval per application) and then pulling the changes after its cursor until there are no more, as the
 * console's sync cycle does; optionally intake filing new applications, and a new workstation of the pulled center
 * pulling everything from scratch halfway through. Only HTTP: what it knows of the store comes from country.ts.
 */
import { randomUUID } from 'node:crypto';
import { applicationId, centerId, openSerials, operatorId, PULLED_CENTER, workstationId, workstationToken, WORKSTATIONS_PER_CENTER } from './country';
import { call, pullAll } from './http';
import { intakeBody } from './intake-body';
import { NEW_WORKSTATION } from './seed';

export interface LoadConfig {
  url: string;
  adminToken: string;
  /** Per center: the feed position its workstations start from (they had synced up to there before the bench). */
  cursors: string[];
  centers: number[];
  durationMs: number;
  /** Decision ops a second each workstation offers. */
  opsPerSecond: number;
  /** Applications a push carries (two ops each). */
  appsPerPush: number;
  /** Per center: the serial range whose open applications this phase decides. */
  openFrom: number[];
  openTo: number[];
  pullLimit: number;
  intakePerSecond: number;
  /** A unique prefix for the ids intake files. */
  intakePrefix: string;
  /** Pull the pulled center from scratch halfway through, as a workstation joining under load. */
  joiningPull: boolean;
}

export interface LoadStats {
  pushes: number;
  /** Per-op results of the pushes (applied, duplicate, conflict, rejected). */
  results: Record<string, number>;
  pushMs: number[];
  pulls: number;
  pulledChanges: number;
  pullMs: number[];
  intake: number;
  intakeMs: number[];
  /** Whole-request answers other than 200/201, by status. */
  failures: Record<string, number>;
  joiningPull: { applications: number; ms: number } | null;
  cpuMs: number;
  elapsedMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export async function runLoad(config: LoadConfig): Promise<LoadStats> {
  const base = new URL(config.url);
  const stats: LoadStats = { pushes: 0, results: {}, pushMs: [], pulls: 0, pulledChanges: 0, pullMs: [], intake: 0, intakeMs: [], failures: {}, joiningPull: null, cpuMs: 0, elapsedMs: 0 };
  const fail = (status: number) => void (stats.failures[status] = (stats.failures[status] ?? 0) + 1);
  const cpu = process.cpuUsage();
  const start = performance.now();
  const end = start + config.durationMs;
  const period = ((config.appsPerPush * 2) / config.opsPerSecond) * 1000;

  const timedPull = async (center: string, token: string, cursor: string | null) => {
    const r = await pullAll(base, center, token, cursor, config.pullLimit, (p) => {
      stats.pullMs.push(p.ms);
      stats.pulls++;
      stats.pulledChanges += p.records;
    });
    if (r.failed !== null) fail(r.failed);
    return r.cursor;
  };

  const workstation = async (c: number, w: number) => {
    const center = centerId(c);
    const token = workstationToken(c, w);
    const serials = openSerials(w, config.openFrom[c]!, config.openTo[c]!);
    let cursor: string | null = config.cursors[c]!;
    let seq = 0;
    await sleep(Math.random() * period);
    while (performance.now() < end) {
      const cycle = performance.now();
      const ops: unknown[] = [];
      for (let k = 0; k < config.appsPerPush; k++) {
        const next = serials.next();
        if (next.done) break;
        const base = { scope: 'application', applicationId: applicationId(c, next.value), clientTime: new Date().toISOString(), operatorId: operatorId(c, w) };
        ops.push({ ...base, opId: randomUUID(), seq: ++seq, type: 'claim', args: {}, baseVersion: 2 });
        ops.push({ ...base, opId: randomUUID(), seq: ++seq, type: 'approve', args: { manualChecks: { photoSignatureSuitable: true, dataConsistent: true, deliveryDetailsComplete: true } }, baseVersion: 3 });
      }
      if (ops.length) {
        const body = JSON.stringify({ workstation: workstationId(c, w), schemaVersion: 2, auditHead: 'b'.repeat(64), ops });
        const t = performance.now();
        const r = await call(base, 'POST', `/v1/centers/${center}/push`, token, body);
        if (r.status === 200) {
          stats.pushMs.push(performance.now() - t);
          stats.pushes++;
          for (const x of (JSON.parse(r.text) as { results: { result: string }[] }).results) stats.results[x.result] = (stats.results[x.result] ?? 0) + 1;
        } else fail(r.status);
      }
      cursor = await timedPull(center, token, cursor);
      await sleep(cycle + period - performance.now());
    }
  };

  const intake = async () => {
    if (config.intakePerSecond <= 0) return;
    const every = 1000 / config.intakePerSecond;
    for (let k = 0; performance.now() < end; k++) {
      const due = start + k * every;
      await sleep(due - performance.now());
      const c = config.centers[k % config.centers.length]!;
      const t = performance.now();
      const r = await call(base, 'POST', '/v1/intake/applications', config.adminToken, JSON.stringify(intakeBody(`${config.intakePrefix}-${k}`, centerId(c), k)));
      if (r.status === 201) {
        stats.intakeMs.push(performance.now() - t);
        stats.intake++;
      } else fail(r.status);
    }
  };

  const joining = async () => {
    if (!config.joiningPull) return;
    await sleep(config.durationMs / 2);
    const t = performance.now();
    const r = await pullAll(base, centerId(PULLED_CENTER), NEW_WORKSTATION.token, null, config.pullLimit);
    if (r.failed !== null) fail(r.failed);
    stats.joiningPull = { applications: r.records, ms: performance.now() - t };
  };

  const tasks: Promise<void>[] = [intake(), joining()];
  for (const c of config.centers) for (let w = 0; w < WORKSTATIONS_PER_CENTER; w++) tasks.push(workstation(c, w));
  await Promise.all(tasks);
  const used = process.cpuUsage(cpu);
  stats.cpuMs = (used.user + used.system) / 1000;
  stats.elapsedMs = performance.now() - start;
  return stats;
}

// Forked by run.ts: "ready" once loaded, then a config, then the stats back.
if (process.send) {
  process.on('message', (message: { config: LoadConfig }) => {
    void runLoad(message.config).then(
      (stats) => process.send!({ stats }, () => process.exit(0)),
      (err: unknown) => process.send!({ error: err instanceof Error ? err.stack : String(err) }, () => process.exit(1)),
    );
  });
  process.send({ ready: true });
}
