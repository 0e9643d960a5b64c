import { ApplicationRecordSchema, type ApplicationRecord } from '../../shared/domain/application';
import { TRAINING_CENTER_ID, generateApplications, generateTrainingSet } from '../../shared/training';
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

/** The code a training console enrols with; reusable, and it exists only in a training store. */
export const TRAINING_ENROLMENT_CODE = 'TRAINING-ENROL';
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

const BATCH = 2000;

/**
 * Fills a training store: centers, training operators, the training enrolment code and the deterministic training
 * applications of the training center. Runs once per store; a store seeded with other options refuses to start, so
 * a trainee never mixes two training worlds.
 */
export async function seedTraining(
  s: { store: CentralStore; meta: MetaStore; apps: ApplicationStore; workstations: WorkstationService },
  options: TrainingSeedOptions,
): Promise<{ seeded: number }> {
  const { store, meta, apps, workstations } = s;
  const key = JSON.stringify({ seed: options.seed, size: options.size, includeHostile: options.includeHostile === true });
  const previous = await meta.get(store.db, 'training');
  if (previous !== undefined) {
    const { now: _now, ...was } = JSON.parse(previous) as Record<string, unknown>;
    if (JSON.stringify(was) !== key) throw new Error(`this central store holds another training set (${JSON.stringify(was)}); use a new --db store`);
    return { seeded: 0 };
  }
  const { centers } = generateTrainingSet({ seed: options.seed, size: 0, now: options.now });
  await store.write(async (tx) => {
    for (const c of centers) await tx.insertInto('centers').values(c).onConflict((oc) => oc.column('id').doUpdateSet({ name: c.name, address: c.address })).execute();
    await tx
      .insertInto('operators')
      .values(TRAINING_OPERATORS.map((op) => ({ ...op, center_id: TRAINING_CENTER_ID, source: 'training' as const })))
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    await workstations.issueCode(tx, TRAINING_CENTER_ID, { code: TRAINING_ENROLMENT_CODE, reusable: true, neverExpires: true });
    await meta.bumpReferenceVersion(tx);
  });

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
