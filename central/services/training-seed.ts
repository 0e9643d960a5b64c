import { ApplicationRecordSchema, type ApplicationRecord } from '../../shared/domain/application';
import { TRAINING_CENTER_ID, generateApplications, generateTrainingSet, trainingEnrolmentCode } from '../../shared/training';
import type { CentralStore } from '../store/store';
import type { Actor, ApplicationStore, ClaimRow, NewApplication } from './applications';
import type { MetaStore } from './meta';
import type { WorkstationService } from './workstations';

export interface TrainingSeedOptions {
  seed: number;
  size: number;
  now: number;
  includeHostile?: boolean;
}

/** The code a training console enrols with (at the training center); reusable, and it exists only in a training store. */
export const TRAINING_ENROLMENT_CODE = trainingEnrolmentCode(TRAINING_CENTER_ID);
/** Seeded claims and decisions were made "before" any real workstation: they are named after this one. */
export const TRAINING_SEED_WORKSTATION = 'training-seed';

/**
 * The training operators of electron/core/training-operators.ts: the same ids, logins and precomputed scrypt hashes
 * (copied, not imported: the central server never imports the core). Passwords are in the README.
 */
export const TRAINING_OPERATORS = [
  { id: 'op-admin-1', login: 'admin', display_name: 'Олена Коваленко', role: 'administrator', disabled: 0,
    password_hash: 'scrypt$16384$8$1$x8W-Q100Bmj8Z1Z63Gk90A$MawlvEPqnSO41r18j1VZwKtTqXjUf01CStkXsMOzKOA' },
  { id: 'op-admin-2', login: 'admin2', display_name: 'Андрій Мельник', role: 'administrator', disabled: 0,
    password_hash: 'scrypt$16384$8$1$-G9dXz0H3EmYBsScpHtLug$SVBfWiYClOnEa1RvX_JWcdvmEJ42285z5uiNXdFaMWY' },
  { id: 'op-supervisor-1', login: 'supervisor', display_name: 'Ірина Бондар', role: 'supervisor', disabled: 0,
    password_hash: 'scrypt$16384$8$1$Unk4gkgGbGTYj75dtR1Vmw$T91YDfvQyEQp0yvyDVkS9I8c5dc5h6gDPRvFrmaK9UM' },
  { id: 'op-admin-3', login: 'disabled', display_name: 'Петро Гнатюк', role: 'administrator', disabled: 1,
    password_hash: 'scrypt$16384$8$1$uXyWaldO_JG_sCJODiVoYg$SmbnX2iyGao-84UUWa-zubbolJHwy9dgUV_vvawDRZw' },
] as const;

/**
 * The other training centers' staff: the same logins, roles and passwords as the training center's (README), their
 * own ids and names, so a trainer can run a workstation of any training center.
 */
const GIVEN = ['Оксана', 'Тарас', 'Наталія', 'Богдан', 'Людмила', 'Василь', 'Світлана', 'Микола', 'Галина', 'Олег', 'Тетяна', 'Сергій', 'Ольга', 'Дмитро'];
const SURNAMES = ['Шевчук', 'Ткаченко', 'Кравець', 'Олійник', 'Лисенко', 'Савченко', 'Руденко', 'Мороз', 'Павленко', 'Кузьменко', 'Литвин', 'Гончар', 'Романенко', 'Марченко'];

/** The training operators of one training center: the training center's own for it, and a team of the same shape elsewhere. */
export function trainingOperatorsOf(centerId: string, centerIndex: number) {
  if (centerId === TRAINING_CENTER_ID) return TRAINING_OPERATORS.map((op) => ({ ...op }));
  const number = /(\d+)$/.exec(centerId)?.[1] ?? centerId;
  return TRAINING_OPERATORS.map((op, i) => {
    const k = centerIndex * TRAINING_OPERATORS.length + i;
    return { ...op, id: `op-${number}-${op.id.slice(3)}`, display_name: `${GIVEN[k % GIVEN.length]} ${SURNAMES[(k * 5 + centerIndex) % SURNAMES.length]}` };
  });
}

const BATCH = 2000;

/**
 * Fills a training store: centers, training operators, the training enrolment code and the deterministic training
 * applications of the training center. Runs once per store; a store seeded with other options refuses to start, so
 * a trainee never mixes two training worlds. The centers, their operators and codes are made sure of at every start,
 * so a store seeded before every center had them gets them too.
 */
export async function seedTraining(
  s: { store: CentralStore; meta: MetaStore; apps: ApplicationStore; workstations: WorkstationService },
  options: TrainingSeedOptions,
): Promise<{ seeded: number }> {
  const { store, meta, apps } = s;
  const key = JSON.stringify({ seed: options.seed, size: options.size, includeHostile: options.includeHostile === true });
  const previous = await meta.get(store.db, 'training');
  if (previous !== undefined) {
    const { now: _now, ...was } = JSON.parse(previous) as Record<string, unknown>;
    if (JSON.stringify(was) !== key) throw new Error(`this central store holds another training set (${JSON.stringify(was)}); use a new --db store`);
  }
  await seedTrainingCenters(s, options);
  if (previous !== undefined) return { seeded: 0 };

  let batch: NewApplication[] = [];
  let seeded = 0;
  const flush = async () => {
    const items = batch;
    batch = [];
    await store.write((tx) => apps.insert(tx, items));
    seeded += items.length;
  };
  for (const record of generateApplications({ seed: options.seed, size: options.size, now: options.now, includeHostile: options.includeHostile === true })) {
    batch.push(asSeeded(ApplicationRecordSchema.parse(record)));
    if (batch.length === BATCH) await flush();
  }
  await flush();
  await store.write((tx) => meta.set(tx, 'training', JSON.stringify({ ...JSON.parse(key), now: options.now })));
  return { seeded };
}

/** Every training center with its training operators and its own reusable enrolment code; what exists is left as it is. */
async function seedTrainingCenters(s: { store: CentralStore; meta: MetaStore; workstations: WorkstationService }, options: TrainingSeedOptions): Promise<void> {
  const { centers } = generateTrainingSet({ seed: options.seed, size: 0, now: options.now });
  await s.store.write(async (tx) => {
    const known = new Set((await tx.selectFrom('centers').select('id').execute()).map((c) => c.id));
    let added = centers.filter((c) => !known.has(c.id)).length;
    for (const c of centers) await tx.insertInto('centers').values(c).onConflict((oc) => oc.column('id').doUpdateSet({ name: c.name, address: c.address })).execute();
    for (const [i, c] of centers.entries()) {
      const inserted = await tx
        .insertInto('operators')
        .values(trainingOperatorsOf(c.id, i).map((op) => ({ ...op, center_id: c.id, source: 'training' as const })))
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      added += Number(inserted.numInsertedOrUpdatedRows ?? 0);
      await s.workstations.issueCode(tx, c.id, { code: trainingEnrolmentCode(c.id), reusable: true, neverExpires: true });
    }
    if (added > 0) await s.meta.bumpReferenceVersion(tx);
  });
}

/** Each training center's reusable enrolment code, by center id. */
export function trainingEnrolmentCodes(centerIds: readonly string[]): Record<string, string> {
  return Object.fromEntries(centerIds.map((id) => [id, trainingEnrolmentCode(id)]));
}

/** A generated record as the server would hold it had its workstations made the history: claims and deciders named. */
function asSeeded(record: ApplicationRecord): NewApplication {
  const stepOf = (status: string) => [...record.history].reverse().find((h) => h.status === status);
  const decision = stepOf('refused') ?? stepOf('approved');
  const decider: Actor | null = decision ? { workstationId: TRAINING_SEED_WORKSTATION, operatorId: decision.operatorId, opId: null } : null;
  let claim: ClaimRow | null = null;
  const review = record.status === 'in_review' ? stepOf('in_review') : undefined;
  if (review?.operatorId) {
    claim = { application_id: record.id, operator_id: review.operatorId, workstation_id: TRAINING_SEED_WORKSTATION, op_id: null, claimed_at: Date.parse(review.at) };
    record.claim = { operatorId: review.operatorId, workstationId: TRAINING_SEED_WORKSTATION, at: review.at };
  }
  return { record, source: 'training', decider, claim };
}
