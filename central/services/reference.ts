import { ReferenceDataSchema, type ReferenceData } from '../../shared/sync/reference';
import { qb, type SqlRunner } from '../store/sql';
import type { MetaStore } from './meta';

/** Reference data as one center's workstations receive it; all centers' force-majeure periods travel to everyone. */
export class ReferenceService {
  constructor(
    private readonly sql: SqlRunner,
    private readonly meta: MetaStore,
  ) {}

  version(): string {
    return `r${this.meta.referenceVersion()}`;
  }

  centerExists(centerId: string): boolean {
    return this.sql.get(qb.selectFrom('centers').select('id').where('id', '=', centerId)) !== undefined;
  }

  /** Active reasons only may be chosen for a new refusal. */
  isKnownReason(code: string): boolean {
    return this.sql.get(qb.selectFrom('refusal_reasons').select('code').where('code', '=', code).where('active', '=', 1)) !== undefined;
  }

  reason(code: string): { code: string; title_uk: string; title_en: string } | undefined {
    return this.sql.get(qb.selectFrom('refusal_reasons').select(['code', 'title_uk', 'title_en']).where('code', '=', code));
  }

  operator(centerId: string, operatorId: string) {
    return this.sql.get(
      qb.selectFrom('operators').select(['id', 'role', 'disabled']).where('id', '=', operatorId).where('center_id', '=', centerId),
    );
  }

  forCenter(centerId: string): ReferenceData {
    const data: ReferenceData = {
      version: this.version(),
      centers: this.sql.all(qb.selectFrom('centers').select(['id', 'name', 'address']).orderBy('id')),
      operators: this.sql
        .all(qb.selectFrom('operators').selectAll().where('center_id', '=', centerId).orderBy('id'))
        .map((o) => ({
          id: o.id, login: o.login, displayName: o.display_name, role: o.role, centerId: o.center_id,
          passwordHash: o.password_hash, disabled: o.disabled === 1,
        })),
      refusalReasons: this.sql.all(qb.selectFrom('refusal_reasons').selectAll().orderBy('sort_order').orderBy('code')).map((r) => ({
        code: r.code, titleUk: r.title_uk, titleEn: r.title_en, suggestedForCheck: r.suggested_for_flag, active: r.active === 1,
      })),
      nonWorkingDays: this.sql.all(qb.selectFrom('non_working_days').select('day').orderBy('day')).map((d) => d.day),
      forceMajeurePeriods: this.sql
        .all(qb.selectFrom('force_majeure_periods').selectAll().orderBy('center_id').orderBy('starts_at').orderBy('id'))
        .map((p) => ({ id: p.id, centerId: p.center_id, kind: p.kind, startsAt: p.starts_at, endsAt: p.ends_at, note: p.note })),
      fees: JSON.parse(this.meta.get('fees') ?? '{"blankFee":0,"adminFee":0,"deliveryFee":0}') as ReferenceData['fees'],
    };
    // Built from rows the server wrote itself; parsed on the way out all the same, so a bad row is a 500, never a bad page.
    return ReferenceDataSchema.parse(data);
  }
}
