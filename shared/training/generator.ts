/**
 * The deterministic training set: the same options always give the same records, in Node and in the browser.
 * Each record draws from its own generator seeded by (seed, center, index); submission times come from one sorted
 * stream so that application numbers follow submission order.
 */
import { Faker, base, uk } from '@faker-js/faker';
import { type ApplicationRecord, type AutoChecks, type Delivery, GROUNDS_BY_SERVICE, type Ground, type Service } from '../domain/application';
import { kyivDayNumber } from '../domain/kyiv-time';
import { EARLIEST_BIRTH, makeAddress, makeApplicant, makePhone } from './applicant';
import { HOSTILE_NAMES, TRAINING_CENTER_ID, type TrainingCenter, trainingCenters } from './centers';
import {
  CATEGORY_SETS,
  CITIES,
  type City,
  LICENCE_SERIES_LETTERS,
  REFUSAL_EXPLANATIONS,
  REFUSAL_WEIGHTS,
  type RefusalReasonCode,
} from './data';
import { addYears, isoOfDay } from './days';
import { sha256Hex, trainingPhotoSvg, trainingSignatureSvg } from './images';
import { type Fate, simulateHistory } from './lifecycle';
import { Rng, combineSeeds, hashString, sfcRandomizer } from './rng';

export interface TrainingSetOptions {
  seed: number;
  size: number;
  /** "Now" of the training world, UTC ms: every time in the set is before it. */
  now: number;
  centerId?: string;
  /** Put hostile text into the applicants of the first six records. */
  includeHostile?: boolean;
}

export interface TrainingSet {
  centers: TrainingCenter[];
  centerId: string;
  applications: ApplicationRecord[];
}

const MIN = 60_000;
const DAY = 86_400_000;
const RECENT_DAYS = 25;
const OLDEST_DAYS = 60;
/** Share of applications filed before the recent window (mostly finished by now). */
const OLD_SHARE = 0.12;

const BLANK_FEE = 25_400;
const ADMIN_FEE = 2_600;
const DELIVERY_FEE = 29_400;

const SERVICE_WEIGHTS: readonly (readonly [Service, number])[] = [['exchange', 80], ['renewal', 20]];
/** Relative frequency of each ground within its service: expiry dominates exchanges, loss renewals. */
const GROUND_FREQUENCY: Record<Ground, number> = { expiry: 55, data_change: 20, damage: 10, by_wish: 15, loss: 70, theft: 15, destruction: 15 };
const groundWeights = (service: Service) => GROUNDS_BY_SERVICE[service].map((g) => [g, GROUND_FREQUENCY[g]] as const);
const GROUND_WEIGHTS: Record<Service, readonly (readonly [Ground, number])[]> = {
  exchange: groundWeights('exchange'),
  renewal: groundWeights('renewal'),
};
const FAILING_CHECK: readonly (readonly [keyof AutoChecks, number])[] = [
  ['paymentConfirmed', 30], ['identityMatches', 30], ['licenceInRegister', 25], ['noDrivingBan', 15],
];
const REASON_FOR_CHECK: Record<keyof AutoChecks, RefusalReasonCode> = {
  paymentConfirmed: 'payment_not_confirmed',
  identityMatches: 'data_mismatch',
  licenceInRegister: 'not_in_register',
  noDrivingBan: 'driving_ban',
};
/** Refusals that the automatic checks do not catch. */
const MANUAL_REASONS = REFUSAL_WEIGHTS.filter(([code]) => !Object.values(REASON_FOR_CHECK).includes(code) || code === 'data_mismatch');
/** The training operators (electron/core/training-operators.ts); op-admin-3, now disabled, worked here earlier. */
const OPERATORS = ['op-admin-1', 'op-admin-2', 'op-admin-3', 'op-supervisor-1'] as const;
const LEAD_OPERATOR: readonly (readonly [string, number])[] = [['op-admin-1', 45], ['op-admin-2', 40], ['op-admin-3', 10], ['op-supervisor-1', 5]];
const RECEIPT_PREFIXES = ['P24A', 'MONO', 'OSCH', 'PUMB', 'DIIA'] as const;

/** Maps a position in [0, 1) of the sorted submission stream to an age in ms (old tail first, then recent days). */
function ageFor(u: number): number {
  if (u < OLD_SHARE) return (OLDEST_DAYS - (u / OLD_SHARE) * (OLDEST_DAYS - RECENT_DAYS)) * DAY;
  return Math.max(2 * MIN, RECENT_DAYS * DAY * (1 - (u - OLD_SHARE) / (1 - OLD_SHARE)));
}

/**
 * Ascending sorted uniforms, one at a time: the largest of the remaining k complements is V^(1/k) times the
 * previous one. So the stream needs no buffer, however many records are asked for.
 */
function* sortedUniforms(rng: Rng, n: number): Generator<number> {
  let w = 1;
  for (let k = n; k > 0; k--) {
    w *= Math.pow(1 - rng.next(), 1 / k);
    yield 1 - w;
  }
}

function licenceNumber(rng: Rng): string {
  let series = '';
  for (let i = 0; i < 3; i++) series += LICENCE_SERIES_LETTERS[rng.int(0, LICENCE_SERIES_LETTERS.length - 1)];
  return series + rng.digits(6);
}

const CITY_WEIGHTS = CITIES.map((c) => [c, c.weight] as const);

function applicantCity(rng: Rng, home: City): City {
  const r = rng.next();
  if (r < 0.6) return home;
  if (r < 0.7) {
    const near = CITIES.filter((c) => c.region === home.region || (home.key === 'kyiv' && c.region === 'Київська область'));
    return rng.pick(near);
  }
  return rng.weighted(CITY_WEIGHTS);
}

function chooseFate(rng: Rng, checks: AutoChecks, firstLicence: boolean): { fate: Fate; reason: RefusalReasonCode | null } {
  const failed = (Object.keys(checks) as (keyof AutoChecks)[]).find((k) => !checks[k]);
  let reason: RefusalReasonCode | null = null;
  if (failed && rng.chance(0.93)) reason = REASON_FOR_CHECK[failed];
  else if (!failed && firstLicence && rng.chance(0.15)) reason = 'first_licence_offences';
  else if (!failed && rng.chance(0.025)) reason = rng.weighted(MANUAL_REASONS.filter(([c]) => c !== 'first_licence_offences'));
  if (reason) return { fate: { kind: 'refuse', explanation: rng.pick(REFUSAL_EXPLANATIONS[reason]) }, reason };
  if (failed || rng.chance(0.022)) {
    const after = rng.weighted<'submitted' | 'received' | 'in_review' | 'approved' | 'produced'>(
      failed ? [['submitted', 1], ['received', 1], ['in_review', 2]] : [['submitted', 30], ['received', 30], ['in_review', 25], ['approved', 10], ['produced', 5]],
    );
    return { fate: { kind: 'cancel', after }, reason: null };
  }
  return { fate: { kind: 'approve' }, reason: null };
}

interface Context {
  seed: number;
  centerId: string;
  centerSalt: number;
  homeCity: City;
  centers: TrainingCenter[];
  now: number;
  includeHostile: boolean;
  rng: Rng;
  faker: Faker;
}

function makeRecord(ctx: Context, index: number, u: number): ApplicationRecord {
  const { rng, faker, now } = ctx;
  rng.reseed(combineSeeds(ctx.seed, ctx.centerSalt, index));
  faker.seed(combineSeeds(ctx.seed, ctx.centerSalt, index, 0x5eed));

  const submittedAt = Math.floor((now - ageFor(u)) / 1000) * 1000;
  const today = kyivDayNumber(submittedAt);
  const service = rng.weighted(SERVICE_WEIGHTS);
  const ground = rng.weighted(GROUND_WEIGHTS[service]);
  const firstLicence = rng.chance(0.05);

  // The current licence: a first licence runs 2 years, old-format licences 10, current ones 30.
  let issuedOn: number;
  let expiresOn: number;
  if (ground === 'expiry') {
    expiresOn = today + rng.int(-120, 45);
    issuedOn = addYears(expiresOn, firstLicence ? -2 : -10);
  } else {
    issuedOn = firstLicence ? today - rng.int(30, 700) : today - rng.int(60, 16 * 365);
    expiresOn = addYears(issuedOn, firstLicence ? 2 : 30);
  }
  const city = applicantCity(rng, ctx.homeCity);
  const applicant = makeApplicant(rng, faker, {
    city,
    latestBirth: addYears(issuedOn, -18),
    earliestBirth: firstLicence ? addYears(issuedOn, -40) : EARLIEST_BIRTH,
    submittedAt,
  });
  const categories = firstLicence ? rng.weighted<readonly string[]>([[['B'], 9], [['A', 'B'], 1]]) : rng.weighted(CATEGORY_SETS);

  const mailed = !firstLicence && rng.chance(0.45);
  const delivery: Delivery = mailed
    ? {
        method: 'ukrposhta',
        address: rng.chance(0.75) ? { ...applicant.address } : makeAddress(rng, faker, applicantCity(rng, ctx.homeCity)),
        recipientPhone: rng.chance(0.9) ? applicant.phone : makePhone(rng),
      }
    : { method: 'pickup', centerId: rng.chance(0.95) ? ctx.centerId : rng.pick(ctx.centers).id };

  const checks: AutoChecks = { paymentConfirmed: true, identityMatches: true, noDrivingBan: true, licenceInRegister: true };
  if (rng.chance(0.09)) checks[rng.weighted(FAILING_CHECK)] = false;
  const { fate, reason } = chooseFate(rng, checks, firstLicence);

  const id = `app-${ctx.centerId.replace(/^sc-/, '')}-${String(index + 1).padStart(6, '0')}`;
  const hostile = ctx.includeHostile ? HOSTILE_NAMES[index] : undefined;
  if (hostile) applicant[hostile.field] = hostile.value;

  const newLicenceNumber = licenceNumber(rng);
  const history = simulateHistory(rng, {
    submittedAt,
    now,
    mailed,
    fate,
    operators: [rng.weighted(LEAD_OPERATOR), ...OPERATORS],
    newLicenceNumber,
    trackingBarcode: String(rng.int(1001, 99999)).padStart(5, '0') + rng.digits(8),
    ...(hostile ? { holdAt: (['submitted', 'received', 'in_review'] as const)[index % 3]! } : {}),
  });
  const status = history[history.length - 1]!.status;
  const produced = history.some((h) => h.status === 'produced');
  const refusal = status === 'refused' && fate.kind === 'refuse' ? { reasonCode: reason!, explanation: fate.explanation } : null;

  return {
    id,
    number: `${isoOfDay(today).slice(0, 4)}-${String(index + 1).padStart(6, '0')}`,
    version: history.length,
    centerId: ctx.centerId,
    service,
    ground,
    status,
    submittedAt: new Date(submittedAt).toISOString(),
    applicant,
    licence: {
      number: licenceNumber(rng),
      categories: [...categories],
      issuedOn: isoOfDay(issuedOn),
      expiresOn: isoOfDay(expiresOn),
      firstLicence,
    },
    newLicenceNumber: produced ? newLicenceNumber : null,
    payment: {
      confirmed: checks.paymentConfirmed,
      receipt: `${rng.pick(RECEIPT_PREFIXES)}-${rng.digits(4)}-${rng.digits(4)}-${rng.digits(4)}`,
      paidAt: new Date(Math.max(submittedAt, Math.min(submittedAt + rng.int(1, 15) * MIN, now - 1000))).toISOString(),
      blankFee: BLANK_FEE,
      adminFee: ADMIN_FEE,
      deliveryFee: mailed ? DELIVERY_FEE : 0,
    },
    autoChecks: checks,
    delivery,
    photoHash: sha256Hex(trainingPhotoSvg(id)),
    signatureHash: sha256Hex(trainingSignatureSvg(id, applicant.surname)),
    history,
    refusal,
  };
}

function context(opts: TrainingSetOptions): Context {
  if (!Number.isFinite(opts.seed) || !Number.isInteger(opts.size) || opts.size < 0 || !Number.isFinite(opts.now)) {
    throw new RangeError('generateTrainingSet: seed and now must be finite numbers and size a non-negative integer');
  }
  const centerId = opts.centerId ?? TRAINING_CENTER_ID;
  const { centers, homeCity } = trainingCenters(centerId);
  return {
    seed: opts.seed,
    centerId,
    centerSalt: hashString(centerId),
    homeCity,
    centers,
    now: opts.now,
    includeHostile: opts.includeHostile === true,
    rng: new Rng(0),
    faker: new Faker({ locale: [uk, base], randomizer: sfcRandomizer() }),
  };
}

/** The records of a training set one at a time (for 200,000-row benchmarks); the same records as generateTrainingSet. */
export function* generateApplications(opts: TrainingSetOptions): Generator<ApplicationRecord> {
  const ctx = context(opts);
  const timeRng = new Rng(combineSeeds(opts.seed, ctx.centerSalt, 0x7157));
  let index = 0;
  for (const u of sortedUniforms(timeRng, opts.size)) yield makeRecord(ctx, index++, u);
}

export function generateTrainingSet(opts: TrainingSetOptions): TrainingSet {
  const applications = [...generateApplications(opts)];
  const centerId = opts.centerId ?? TRAINING_CENTER_ID;
  return { centers: trainingCenters(centerId).centers, centerId, applications };
}

