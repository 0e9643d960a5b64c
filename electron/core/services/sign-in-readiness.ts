import type { SignInReadiness } from '../../../shared/api/auth';
import type { Db } from '../store/database';
import { REFERENCE_VERSION_KEY } from '../sync/reference-apply';
import type { SessionService } from './auth';

/**
 * What the sign-in screen shows before anyone can sign in: operators arrive with the central server's reference
 * data at the end of the first sync, so until then it says how far that sync has got (enrolled, applications
 * pulled, reference data applied). Once operators are here the applications are not counted.
 */
export function signInReadiness(db: Db, session: SessionService, enrolled: boolean): SignInReadiness {
  const operators = session.operatorCount();
  const referenceLoaded = db.prepare('SELECT 1 FROM meta WHERE key = ?').get(REFERENCE_VERSION_KEY) !== undefined;
  const applications = operators > 0 ? null : (db.prepare('SELECT count(*) FROM applications').pluck().get() as number);
  return { operatorsReady: operators > 0, operators, enrolled, applications, referenceLoaded };
}
