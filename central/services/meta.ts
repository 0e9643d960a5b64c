import { qb, type SqlRunner } from '../store/sql';
import { newEpoch } from '../store/database';

/** Small settings of the central store kept in `meta`: the epoch, the reference-data version, the fees. */
export class MetaStore {
  constructor(private readonly sql: SqlRunner) {}

  get(key: string): string | undefined {
    return this.sql.get(qb.selectFrom('meta').select('value').where('key', '=', key))?.value;
  }

  set(key: string, value: string): void {
    this.sql.run(qb.insertInto('meta').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })));
  }

  epoch(): string {
    return this.get('epoch')!;
  }

  /** A new epoch: every cursor issued before now is answered with a reset (a forced resync of all workstations). */
  renewEpoch(): string {
    const e = newEpoch();
    this.set('epoch', e);
    return e;
  }

  referenceVersion(): number {
    return Number(this.get('reference_version') ?? '1');
  }

  /** Called in the transaction that changes any reference data, so workstations see a new version. */
  bumpReferenceVersion(): number {
    const v = this.referenceVersion() + 1;
    this.set('reference_version', String(v));
    return v;
  }
}
