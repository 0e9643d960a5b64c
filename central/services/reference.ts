import { ReferenceDataSchema, type ReferenceData } from '../../shared/sync/reference';
import type { CentralStore, StoreDb } from '../store/store';
import type { MetaStore } from './meta';

export interface OperatorRow {
  id: string;
  role: 'administrator' | 'supervisor';
  disabled: number;
}

/** Reference data as one center's workstations receive it; all centers' force-majeure periods travel to everyone. */
export class ReferenceService {
  constructor(
    private readonly store: CentralStore,
    private readonly meta: MetaStore,
  ) {}

  async version(db: StoreDb = this.store.db): Promise<string> {
    return `r${await this.meta.referenceVersion(db)}`;
  }

  async centerExists(db: StoreDb, centerId: string): Promise<boolean> {
    return (await db.selectFrom('centers').select('id').where('id', '=', centerId).executeTakeFirst()) !== undefined;
  }

  /** Active reasons only may be chosen for a new refusal. */
  async isKnownReason(db: StoreDb, code: string): Promise<boolean> {
    return (await db.selectFrom('refusal_reasons').select('code').where('code', '=', code).where('active', '=', 1).executeTakeFirst()) !== undefined;
  }

  reason(db: StoreDb, code: string): Promise<{ code: string; title_uk: string; title_en: string } | undefined> {
    return db.selectFrom('refusal_reasons').select(['code', 'title_uk', 'title_en']).where('code', '=', code).executeTakeFirst();
  }

  /** The center's operators, for a push's pipeline: it looks each op's operator up in them once per batch. */
  operatorsQuery(db: StoreDb, centerId: string) {
    return db.selectFrom('operators').select(['id', 'role', 'disabled']).where('center_id', '=', centerId);
  }

  /**
   * The version is read before the data: a change committed in between makes the data newer than its version (the
   * next fetch sees a new version and fetches again), never older.
   */
  async forCenter(centerId: string): Promise<ReferenceData> {
    const db = this.store.db;
    const version = await this.version(db);
    const [centers, operators, reasons, days, periods, fees] = await Promise.all([
      db.selectFrom('centers').select(['id', 'name', 'address']).orderBy('id').execute(),
      db.selectFrom('operators').selectAll().where('center_id', '=', centerId).orderBy('id').execute(),
      db.selectFrom('refusal_reasons').selectAll().orderBy('sort_order').orderBy('code').execute(),
      db.selectFrom('non_working_days').select('day').orderBy('day').execute(),
      db.selectFrom('force_majeure_periods').selectAll().orderBy('center_id').orderBy('starts_at').orderBy('id').execute(),
      this.meta.get(db, 'fees'),
    ]);
    const data: ReferenceData = {
      version,
      centers,
      operators: operators.map((o) => ({
        id: o.id, login: o.login, displayName: o.display_name, role: o.role, centerId: o.center_id, passwordHash: o.password_hash, disabled: o.disabled === 1,
        mustChangePassword: o.must_change_password === 1, passwordVersion: Number(o.password_version),
      })),
      refusalReasons: reasons.map((r) => ({
        code: r.code, titleUk: r.title_uk, titleEn: r.title_en, suggestedForCheck: r.suggested_for_flag, active: r.active === 1,
      })),
      nonWorkingDays: days.map((d) => d.day),
      forceMajeurePeriods: periods.map((p) => ({ id: p.id, centerId: p.center_id, kind: p.kind, startsAt: p.starts_at, endsAt: p.ends_at, note: p.note })),
      fees: JSON.parse(fees ?? '{"blankFee":0,"adminFee":0,"deliveryFee":0}') as ReferenceData['fees'],
    };
    // Built from rows the server wrote itself; parsed on the way out all the same, so a bad row is a 500, never a bad page.
    return ReferenceDataSchema.parse(data);
  }
}
