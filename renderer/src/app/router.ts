import { useSyncExternalStore } from 'react';
import { PRINT_DOCUMENTS, type PrintDocument } from '../../../shared/domain/facts';

/** What a print route prints: applications by id, a shipment batch, or a Kyiv day (the daily register). */
export interface PrintTarget {
  document: PrintDocument;
  ids?: string[];
  batchId?: string;
  date?: string;
}

export type Route =
  | { name: 'queue' }
  | { name: 'application'; id: string }
  | { name: 'forceMajeure' }
  | { name: 'print'; target: PrintTarget }
  | { name: 'arrivals' }
  | { name: 'uncollected' }
  | { name: 'shipping' }
  | { name: 'batch'; id: string }
  | { name: 'review' }
  | { name: 'sync' };

/** Screens with a fixed address and no parameters. */
const FIXED: Record<string, Route> = {
  'force-majeure': { name: 'forceMajeure' },
  'cards-arrived': { name: 'arrivals' },
  uncollected: { name: 'uncollected' },
  shipping: { name: 'shipping' },
  review: { name: 'review' },
  sync: { name: 'sync' },
};
const FIXED_PATH = Object.fromEntries(Object.entries(FIXED).map(([path, route]) => [route.name, path])) as Record<string, string>;

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

function parsePrint(document: string, query: string): Route {
  if (!(PRINT_DOCUMENTS as readonly string[]).includes(document)) return { name: 'queue' };
  const params = new URLSearchParams(query);
  const target: PrintTarget = { document: document as PrintDocument };
  const ids = params.get('ids');
  if (ids) target.ids = ids.split(',').filter(Boolean);
  const batch = params.get('batch');
  if (batch) target.batchId = batch;
  const date = params.get('date');
  if (date && /^\d{4}-\d{2}-\d{2}$/.test(date)) target.date = date;
  return { name: 'print', target };
}

/**
 * `#/` is the queue, `#/applications/<id>` an application, `#/force-majeure`, `#/cards-arrived`, `#/uncollected`,
 * `#/shipping`, `#/shipping/<batch>`, `#/review` and `#/sync` the screens of those names, and
 * `#/print/<document>?ids=a,b` (or `?batch=<id>`, `?date=YYYY-MM-DD`) a document's print preview.
 */
export function parseRoute(hash: string): Route {
  const m = /^#\/([^?#]*?)\/?(?:\?([^#]*))?$/.exec(hash);
  if (!m) return { name: 'queue' };
  const parts = m[1]!.split('/');
  const query = m[2] ?? '';
  if (parts.length === 1 && FIXED[parts[0]!]) return FIXED[parts[0]!]!;
  if (parts.length === 2 && parts[0] === 'print') return parsePrint(parts[1]!, query);
  if (parts.length === 2 && (parts[0] === 'applications' || parts[0] === 'shipping')) {
    const id = decode(parts[1]!);
    if (id) return parts[0] === 'applications' ? { name: 'application', id } : { name: 'batch', id };
  }
  return { name: 'queue' };
}

export function routeHash(route: Route): string {
  switch (route.name) {
    case 'queue':
      return '#/';
    case 'application':
      return `#/applications/${encodeURIComponent(route.id)}`;
    case 'batch':
      return `#/shipping/${encodeURIComponent(route.id)}`;
    case 'print': {
      const { document, ids, batchId, date } = route.target;
      const params = new URLSearchParams();
      if (ids?.length) params.set('ids', ids.join(','));
      if (batchId) params.set('batch', batchId);
      if (date) params.set('date', date);
      const query = params.toString().replace(/%2C/g, ',');
      return `#/print/${document}${query ? `?${query}` : ''}`;
    }
    default:
      return `#/${FIXED_PATH[route.name]}`;
  }
}

export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const hash = routeHash(route);
  if (options.replace) window.history.replaceState(window.history.state, '', hash);
  if (options.replace || window.location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else window.location.hash = hash;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

let lastHash = '';
let lastRoute: Route = { name: 'queue' };

function snapshot(): Route {
  const hash = window.location.hash;
  if (hash !== lastHash) {
    lastHash = hash;
    lastRoute = parseRoute(hash);
  }
  return lastRoute;
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, snapshot);
}
