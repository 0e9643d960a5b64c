import type { ApiFacade, SessionInfo } from '../../shared/api/contract';
import type { ApplicationReader } from './services/applications';
import type { QueueQueries } from './services/queue-query';

export interface FacadeDeps {
  queries: QueueQueries;
  reader: ApplicationReader;
  now: () => number;
  session: Omit<SessionInfo, 'now'>;
}

/** The service facade: the contract's methods, each a thin call into a service. */
export function createFacade(deps: FacadeDeps): ApiFacade {
  const { queries, reader, now } = deps;
  return {
    'session.info': () => ({ ...deps.session, now: new Date(now()).toISOString() }),
    'queue.page': (input) => queries.page(input.filter, input.sort, input.offset, input.limit, now()),
    'queue.counts': (input) => queries.counts(input.filter, now()),
    'application.get': (input) => reader.detail(input.id, now()),
    'application.images': (input) => reader.images(input.id),
  };
}
