/**
 * Test support: half a year of a few service centers, replayed against a real central server with its clock pinned
 * and moved by the replay. Applications are filed through intake (back-dated), workstations ("desks", plain HTTP
 * clients) pull, take into work, decide and record card facts through real pushes with their own client times, one
 * center is offline for three days, production, cancellations and a force-majeure period come in between. Every
 * step is also written down here as it should end up in the central history, so a test can count the report's
 * figures on its own (report-expectation.ts) and compare the histories.
 */
import { randomUUID } from 'node:crypto';
import type { DeliveryMethod, Service } from '../../../shared/domain/application';
import type { Status } from '../../../shared/domain/status';
import { isoToDayNumber, kyivDayNumber, kyivStartOfDay, weekday, type DayNumber } from '../../../shared/domain/kyiv-time';
import type { PushOp } from '../../../shared/sync/push';
import { Rng } from '../../../shared/training/rng';
import { ALL_TICKED, EXPLANATION, call, pushBody, sampleIntake } from '../../test-fixtures';
import type { TempCentral } from '../../testing';

const MIN = 60_000;
const HOUR = 3_600_000;
export const SIM_FROM = isoToDayNumber('2026-05-01');
export const SIM_TO = isoToDayNumber('2026-10-31');

export interface Step {
  status: Status;
  at: number;
  operatorId: string | null;
}

/** One application as the replay made it: what the central history must say, step by step. */
export interface Life {
  id: string;
  centerId: string;
  service: Service;
  delivery: DeliveryMethod;
  submittedAt: number;
  steps: Step[];
  reasonCode: string | null;
  /** The working day (offset from filing) it gets decided, and how. */
  plan: { decideAfter: number; fate: 'approve' | 'refuse' | 'cancel_early' | 'cancel_late' | 'release_first' };
}

export interface SimCenter {
  id: string;
  operators: string[];
  supervisor: string;
  desks: Desk[];
}

const isWorkingDay = (d: DayNumber) => weekday(d) !== 0 && weekday(d) !== 6;
const at = (day: DayNumber, hour: number, minute = 0) => kyivStartOfDay(day) + hour * HOUR + minute * MIN;
const iso = (t: number) => new Date(t).toISOString();

/** A workstation as a plain HTTP client: its cursor, its waiting ops in seq order, and what it last pulled. */
export class Desk {
  private seq = 0;
  private cursor: string | undefined;
  readonly waiting: PushOp[] = [];
  /** Applications with ops that have not reached the server yet. */
  readonly holding = new Set<string>();

  constructor(
    private readonly server: TempCentral,
    readonly id: string,
    readonly centerId: string,
    private readonly token: string,
  ) {}

  /** Pulls until the feed has no more (twice: the second pull marks received what the first one brought). */
  async pull(): Promise<void> {
    for (let round = 0; round < 2; round++) {
      for (;;) {
        const q = this.cursor ? `&cursor=${encodeURIComponent(this.cursor)}` : '';
        const res = await call(this.server, 'GET', `/v1/centers/${this.centerId}/changes?limit=500${q}`, { token: this.token });
        if (res.status !== 200) throw new Error(`pull answered ${res.status}: ${res.text}`);
        const page = res.json as { cursor: string; hasMore: boolean };
        this.cursor = page.cursor;
        if (!page.hasMore) break;
      }
    }
  }

  op(type: PushOp['type'], applicationId: string | null, operatorId: string, clientTime: number, args: Record<string, unknown> = {}): void {
    if (applicationId) this.holding.add(applicationId);
    this.waiting.push({
      opId: randomUUID(), seq: ++this.seq, scope: applicationId ? 'application' : 'center', applicationId, type, args,
      baseVersion: null, clientTime: iso(clientTime), operatorId,
    });
  }

  /** Pushes everything waiting; every op must be applied. */
  async push(): Promise<void> {
    while (this.waiting.length) {
      const ops = this.waiting.splice(0, 500);
      const res = await call(this.server, 'POST', `/v1/centers/${this.centerId}/push`, { token: this.token, body: pushBody(this.id, ops) });
      if (res.status !== 200) throw new Error(`push answered ${res.status}: ${res.text}`);
      const refused = (res.json as { results: { result: string; code: string | null }[] }).results.filter((r) => r.result !== 'applied');
      if (refused.length) throw new Error(`ops not applied: ${JSON.stringify(refused.slice(0, 3))}`);
    }
    this.holding.clear();
  }
}

const REASONS = ['not_in_register', 'driving_ban', 'data_mismatch', 'incomplete_data', 'duplicate'] as const;
/** This reason is retired from the catalogue in August: its earlier refusals still count. */
export const RETIRED_REASON = 'duplicate';
export const RETIRED_ON = isoToDayNumber('2026-08-03');
/** Center B's workstation is cut off for three working days; what it does then reaches the server on the fourth. */
export const OFFLINE = [isoToDayNumber('2026-07-14'), isoToDayNumber('2026-07-15'), isoToDayNumber('2026-07-16')];
/** A three-hour air alarm at center A. */
export const ALARM = { day: isoToDayNumber('2026-06-10'), startsAt: at(isoToDayNumber('2026-06-10'), 9), endsAt: at(isoToDayNumber('2026-06-10'), 12) };

/**
 * Replays the half-year day by day. `clock` is the server's pinned clock, moved before each thing happens.
 * Returns every application's life.
 */
export async function replayHalfYear(server: TempCentral, centers: SimCenter[], clock: { now: number }, seed = 20260501): Promise<Life[]> {
  const rng = new Rng(seed);
  const lives: Life[] = [];
  const last = (l: Life) => l.steps[l.steps.length - 1]!;
  const status = (l: Life) => last(l).status;
  const step = (l: Life, s: Status, time: number, operatorId: string | null) => {
    // The central rule: never before the step it follows, never after the server's now.
    l.steps.push({ status: s, at: Math.max(last(l).at, Math.min(time, clock.now)), operatorId });
  };
  let n = 0;
  
  for (let day = SIM_FROM; day <= SIM_TO; day++) {
    const working = isWorkingDay(day);
    if (day === RETIRED_ON) await server.store.write((tx) => tx.updateTable('refusal_reasons').set({ active: 0 }).where('code', '=', RETIRED_REASON).execute());
    // Filing: the cabinet files around the clock, fewer at weekends: in the morning before anything else happens,
    // and in the evening after the workstations synced (the server's clock only moves forward).
    const file = async (fromHour: number, toHour: number) => {
      for (const c of centers) {
        const count = working ? rng.int(0, 2) : rng.chance(0.2) ? 1 : 0;
        for (let i = 0; i < count; i++) lives.push(await fileOne(server, c.id, at(day, rng.int(fromHour, toHour), rng.int(0, 59)), ++n, rng, clock));
      }
    };
    await file(0, 11);
    if (!working) {
      await file(18, 22);
      continue;
    }

    // The force-majeure period is recorded by center A's supervisor at the end of the alarm.
    if (day === ALARM.day) {
      const a = centers[0]!;
      clock.now = ALARM.endsAt + 10 * MIN;
      a.desks[0]!.op('force_majeure.record', null, a.supervisor, clock.now, {
        periodId: randomUUID(), kind: 'air_alarm', startsAt: iso(ALARM.startsAt), endsAt: iso(ALARM.endsAt), note: 'Повітряна тривога',
      });
      await a.desks[0]!.push();
    }

    // Production makes the cards of approvals three working days old at noon; some applications are cancelled by
    // the citizen. Only what the server has: an offline desk's decisions are not there yet.
    clock.now = at(day, 12);
    const held = (id: string) => centers.some((c) => c.desks.some((d) => d.holding.has(id)));
    for (const l of lives) {
      if (held(l.id)) continue;
      if (status(l) === 'approved' && countWorkingDays(last(l).at, day) >= 3) {
        await server.admin.event({ kind: 'produced', applicationId: l.id, newLicenceNumber: `ВХА${String(100000 + Number(l.id.slice(3)))}` });
        step(l, 'produced', clock.now, null);
      }
      const early = l.plan.fate === 'cancel_early' && ['submitted', 'received'].includes(status(l)) && countWorkingDays(l.submittedAt, day) >= 2;
      const late = l.plan.fate === 'cancel_late' && status(l) === 'approved';
      if (early || late) {
        await server.admin.event({ kind: 'cancelled', applicationId: l.id, reason: 'Заяву відкликано заявником' });
        step(l, 'cancelled', clock.now, null);
      }
    }

    // Each desk pulls after lunch, works through its share of the center's queue in the afternoon (client times of
    // that day) and pushes at the end of the day; center B's desk is offline for three days and pushes on the fourth.
    const offline = (c: SimCenter) => c.id === centers[1]!.id && OFFLINE.includes(day);
    for (const [i, c] of centers.entries()) {
      if (offline(c)) continue;
      for (const desk of c.desks) {
        clock.now = at(day, 13, i);
        await desk.pull();
      }
      for (const l of lives) if (l.centerId === c.id && status(l) === 'submitted' && l.submittedAt < clock.now) step(l, 'received', clock.now, null);
    }
    for (const [i, c] of centers.entries()) {
      for (const [k, desk] of c.desks.entries()) {
        clock.now = at(day, 17, 30 + i);
        const share = lives.filter((l) => l.centerId === c.id && Number(l.id.slice(3)) % c.desks.length === k);
        work(desk, c, share, day, rng, step, status, offline(c));
        if (!offline(c)) await desk.push();
      }
    }
    await file(18, 22);
  }
  return lives;
}

/** Files one application through intake at `submittedAt` (the server's clock a minute later) and plans its life. */
async function fileOne(server: TempCentral, centerId: string, submittedAt: number, k: number, rng: Rng, clock: { now: number }): Promise<Life> {
  clock.now = submittedAt + MIN;
  const delivery: DeliveryMethod = rng.chance(0.45) ? 'ukrposhta' : 'pickup';
  const service: Service = rng.chance(0.75) ? 'exchange' : 'renewal';
  const id = `hy-${String(k).padStart(5, '0')}`;
  const base = sampleIntake(k);
  await server.admin.intake({
    ...base, id, number: `HY-${k}`, centerId, service, submittedAt: iso(submittedAt),
    delivery: delivery === 'pickup' ? { method: 'pickup', centerId } : { method: 'ukrposhta', address: base.applicant.address, recipientPhone: base.applicant.phone },
  });
  const fate = rng.weighted([['approve', 80], ['refuse', 10], ['cancel_early', 3], ['cancel_late', 2], ['release_first', 5]] as const);
  return {
    id, centerId, service, delivery, submittedAt, steps: [{ status: 'submitted', at: submittedAt, operatorId: null }], reasonCode: null,
    plan: { decideAfter: rng.weighted([[1, 30], [3, 30], [7, 20], [10, 10], [12, 6], [16, 4]] as const), fate },
  };
}

type StepFn = (l: Life, s: Status, time: number, operatorId: string | null) => void;

/** One desk's afternoon: decisions due today, cards that arrived, cards handed over or shipped. Ops only; pushed later. */
function work(desk: Desk, c: SimCenter, own: Life[], day: DayNumber, rng: Rng, step: StepFn, status: (l: Life) => Status, offline: boolean): void {
  let minute = 0;
  const next = () => at(day, 14, (minute += rng.int(1, 3)));
  for (const l of own) {
    const s = status(l);
    const operator = c.operators[Number(l.id.slice(3)) % c.operators.length]!;
    if (s === 'received' && ['approve', 'refuse', 'release_first'].includes(l.plan.fate) && countWorkingDays(l.submittedAt, day) >= l.plan.decideAfter) {
      // Now and then a workstation clock that ran an hour behind: the step keeps its place after "received".
      const behind = Number(l.id.slice(3)) % 41 === 0 ? -36 * HOUR : 0;
      const claimAt = next() + behind;
      desk.op('claim', l.id, operator, claimAt);
      step(l, 'in_review', claimAt, operator);
      if (l.plan.fate === 'release_first') {
        // Taken, put back, and taken again by a colleague who approves: the decision counts from the last claim.
        const releasedAt = next();
        desk.op('release', l.id, operator, releasedAt, { releasedClaimOf: null });
        step(l, 'received', releasedAt, operator);
        const other = c.operators.find((o) => o !== operator)!;
        const again = next();
        desk.op('claim', l.id, other, again);
        step(l, 'in_review', again, other);
        const approvedAt = next() + 30 * MIN;
        desk.op('approve', l.id, other, approvedAt, { manualChecks: ALL_TICKED });
        step(l, 'approved', approvedAt, other);
        continue;
      }
      // Now and then a clock that ran ahead: the decision is placed at the server's time of arrival.
      const ahead = !offline && Number(l.id.slice(3)) % 37 === 0;
      const decidedAt = ahead ? at(day + 1, 9) : next() + rng.int(5, 90) * MIN;
      if (l.plan.fate === 'refuse') {
        const reason = REASONS[Number(l.id.slice(3)) % REASONS.length]!;
        l.reasonCode = reason === RETIRED_REASON && day >= RETIRED_ON ? 'data_mismatch' : reason;
        desk.op('refuse', l.id, operator, decidedAt, { reasonCode: l.reasonCode, explanation: EXPLANATION });
        step(l, 'refused', decidedAt, operator);
      } else {
        desk.op('approve', l.id, operator, decidedAt, { manualChecks: ALL_TICKED });
        step(l, 'approved', decidedAt, operator);
      }
      continue;
    }
    if (s === 'produced') {
      const arrived = next();
      const after = l.delivery === 'pickup' ? 'ready_for_pickup' : 'awaiting_shipment';
      desk.op('card_arrived', l.id, operator, arrived, { statusSeen: 'produced', statusAfter: after, flag: null, scannedBy: 'number', delivery: l.delivery });
      step(l, after, arrived, operator);
      continue;
    }
    if ((s === 'ready_for_pickup' || s === 'awaiting_shipment') && rng.chance(l.delivery === 'pickup' ? 0.3 : 0.6)) {
      const out = next();
      if (s === 'ready_for_pickup') {
        desk.op('handed_over', l.id, operator, out, { statusSeen: s, statusAfter: 'issued', flag: null, identityDocumentChecked: true, identityDocumentType: 'id_card' });
        step(l, 'issued', out, operator);
      } else {
        desk.op('shipped', l.id, operator, out, { statusSeen: s, statusAfter: 'shipped', flag: null, batchId: `b-${day}`, tracking: `05001${String(Number(l.id.slice(3))).padStart(8, '0')}`, trackingKind: 'domestic' });
        step(l, 'shipped', out, operator);
      }
    }
  }
}

function countWorkingDays(from: number, day: DayNumber): number {
  let k = 0;
  for (let d = kyivDayNumber(from) + 1; d <= day; d++) if (isWorkingDay(d)) k++;
  return k;
}
