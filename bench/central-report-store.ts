/**
 * A central store with the report tables of many applications, for the central report bench: 30 centers with ten
 * administrators each, and for every application a realistic timeline (filed, received, taken into work, decided,
 * produced, arrived, handed over or shipped; some refused, cancelled or still waiting) turned into report facts and
 * counts by the server's own code (FactsBuilder, CountDelta). The applications' records are not stored: the report
 * never reads them, and writing a million records through intake would take hours here.
 */
import type { DeliveryMethod, Service, StatusChange } from '../shared/domain/application';
import { sql } from 'kysely';
import { isoToDayNumber, kyivDayNumber, kyivStartOfDay, weekday, type DayNumber } from '../shared/domain/kyiv-time';
import { REFUSAL_REASON_SEED } from '../shared/domain/refusal-reasons';
import { Rng } from '../shared/training/rng';
import { FactsBuilder } from '../central/services/reports/facts-builder';
import { CountDelta, factsRow } from '../central/services/reports/report-rows';
import { addCounts, upsertFacts } from '../central/services/reports/report-writes';
import type { ReportFactsTable } from '../central/store/schema';
import type { CentralStore } from '../central/store/store';

const MIN = 60_000;
const HOUR = 3_600_000;
export const CENTERS = Array.from({ length: 30 }, (_, i) => `sc-${String(1001 + i)}`);

export interface BulkReportStore {
  applications: number;
  firstDay: DayNumber;
  lastDay: DayNumber;
  facts: number;
  counts: number;
  ms: number;
}

/** Fills the store with the report tables of `size` applications filed from `from` to `to` (Kyiv dates). */
export async function buildCentralReportStore(store: CentralStore, size: number, from: string, to: string, onProgress?: (n: number) => void): Promise<BulkReportStore> {
  const started = performance.now();
  const firstDay = isoToDayNumber(from);
  const lastDay = isoToDayNumber(to);
  const endAt = kyivStartOfDay(lastDay + 1) - 1;
  await store.write(async (tx) => {
    await tx.insertInto('centers').values(CENTERS.map((id, i) => ({ id, name: `ТСЦ МВС № ${id.slice(3)}`, address: `Місто ${i + 1}` }))).execute();
    await tx.insertInto('operators').values(CENTERS.flatMap((center) => Array.from({ length: 10 }, (_, k) => ({
      id: `op-${center.slice(3)}-${k + 1}`, center_id: center, login: `op${k + 1}`, display_name: `Адміністратор ${k + 1} (${center})`,
      role: 'administrator' as const, password_hash: 'x', disabled: 0, source: 'central' as const,
    })))).execute();
  });
  const builder = await FactsBuilder.load(store.db);
  const rng = new Rng(1011);
  const days = lastDay - firstDay + 1;
  const reasons = REFUSAL_REASON_SEED.map(([code]) => code);
  let n = 0;
  // Day by day, a few days per transaction: the counts of a chunk fall on a few weeks, so they stay few.
  for (let day = firstDay; day <= lastDay; day += 4) {
    const delta = new CountDelta();
    const rows: ReportFactsTable[] = [];
    for (let d = day; d < Math.min(day + 4, lastDay + 1); d++) {
      const today = Math.round((size * (d - firstDay + 1)) / days) - Math.round((size * (d - firstDay)) / days);
      for (let i = 0; i < today; i++, n++) {
        const centerId = CENTERS[n % CENTERS.length]!;
        const submittedAt = kyivStartOfDay(d) + rng.int(0, 23 * 60) * MIN;
        const f = builder.facts({
          id: `b-${n}`, centerId, service: (rng.chance(0.75) ? 'exchange' : 'renewal') as Service,
          delivery: { method: (rng.chance(0.45) ? 'ukrposhta' : 'pickup') as DeliveryMethod },
          submittedAt: new Date(submittedAt).toISOString(), ...timeline(submittedAt, centerId, endAt, rng, reasons),
        });
        delta.apply(f, 1);
        rows.push(factsRow(f));
      }
    }
    await store.write(async (tx) => {
      await upsertFacts(tx, rows);
      await addCounts(tx, delta.take());
    });
    onProgress?.(n);
  }
  const counts = Number((await store.db.selectFrom('report_counts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  // What autovacuum does on its own after a bulk load: planner statistics.
  if (store.kind === 'postgres') await sql`ANALYZE`.execute(store.db);
  return { applications: n, firstDay, lastDay, facts: n, counts, ms: performance.now() - started };
}

const isWorking = (day: DayNumber) => weekday(day) !== 0 && weekday(day) !== 6;

/** `t` when it falls in working hours (09:00 to 18:00 Kyiv time, Monday to Friday), else the next working morning. */
function workTime(t: number, rng: Rng): number {
  let day = kyivDayNumber(t);
  const local = t - kyivStartOfDay(day);
  if (isWorking(day) && local >= 9 * HOUR && local < 18 * HOUR) return t;
  if (!(isWorking(day) && local < 9 * HOUR)) do day++; while (!isWorking(day));
  return kyivStartOfDay(day) + 9 * HOUR + rng.int(0, 120) * MIN;
}

/** A plausible history up to `endAt`: each step some working hours or days after the one before. */
type Timeline = { history: StatusChange[]; refusal: { reasonCode: string; explanation: string } | null };

function timeline(submittedAt: number, centerId: string, endAt: number, rng: Rng, reasons: readonly string[]): Timeline {
  const history: StatusChange[] = [{ status: 'submitted', at: new Date(submittedAt).toISOString(), operatorId: null, note: null }];
  const operator = `op-${centerId.slice(3)}-${rng.int(1, 10)}`;
  let t = submittedAt;
  let refusal: { reasonCode: string; explanation: string } | null = null;
  const step = (status: StatusChange['status'], after: number, who: string | null = operator): boolean => {
    t = workTime(t + after, rng);
    if (t > endAt) return false;
    history.push({ status, at: new Date(t).toISOString(), operatorId: who, note: null });
    return true;
  };
  const fate = rng.weighted([['approve', 86], ['refuse', 9], ['cancel', 5]] as const);
  if (!step('received', rng.int(10, 600) * MIN, null)) return { history, refusal };
  if (fate === 'cancel' && rng.chance(0.6)) {
    step('cancelled', rng.int(1, 48) * HOUR, null);
    return { history, refusal };
  }
  if (!step('in_review', rng.weighted([[2, 30], [24, 30], [96, 25], [240, 10], [400, 5]] as const) * HOUR * rng.float(0.5, 1.5))) return { history, refusal };
  if (fate === 'refuse') {
    if (step('refused', rng.int(5, 300) * MIN)) refusal = { reasonCode: reasons[rng.int(0, reasons.length - 1)]!, explanation: '' };
    return { history, refusal };
  }
  if (!step('approved', rng.int(5, 300) * MIN)) return { history, refusal };
  if (fate === 'cancel') {
    step('cancelled', rng.int(1, 48) * HOUR, null);
    return { history, refusal };
  }
  const mailed = rng.chance(0.45);
  if (!step('produced', rng.int(48, 120) * HOUR, null)) return { history, refusal };
  if (!step(mailed ? 'awaiting_shipment' : 'ready_for_pickup', rng.int(24, 96) * HOUR)) return { history, refusal };
  step(mailed ? 'shipped' : 'issued', rng.int(1, mailed ? 48 : 240) * HOUR);
  return { history, refusal };
}
