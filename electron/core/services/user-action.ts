import { crashPoint } from '../crash-point';
import type { SqlRunner } from '../store/sql';

/**
 * One user action = one `BEGIN IMMEDIATE` transaction holding the state change, its outbox op and its audit
 * entry (DESIGN.md, "Data"). The crash points bracket the commit so a test can kill the process on either side.
 */
export function commitUserAction<T>(sql: SqlRunner, action: () => T): T {
  const result = sql.write(() => {
    const value = action();
    crashPoint('before_commit');
    return value;
  });
  crashPoint('after_commit');
  return result;
}
