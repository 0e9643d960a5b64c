import { useSyncExternalStore } from 'react';
import { PRINT_DOCUMENTS, type PrintDocument } from '../../../shared/domain/facts';
import { ReportDrillSchema, type ReportDrill } from '../../../shared/reports/drill';
import { ReportPeriodSchema, type ReportPeriod } from '../../../shared/reports/period';

/** What a print route prints: applications by id, a shipment batch, or a Kyiv day (the daily register). */
export interface PrintTarget {
  document: PrintDocument;
  ids?: string[];
  batchId?: string;
  date?: string;
}

export type Route =
  | { name: 'queue'; drill?: ReportDrill }
  | { name: 'reports'; period?: ReportPeriod }
  | { name: 'reportPrint'; period: ReportPeriod }
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

/** Short names of a drill-down's fields in the address (`#/?figure=approved&from=…&to=…&service=exchange`). */
const DRILL_PARAMS = { figure: 'figure', from: 'from', to: 'to', service: 'service', delivery: 'delivery', reasonCode: 'reason', operatorId: 'operator', lateDays: 'late', step: 'step' } as const;

function parseDrill(query: string): Route {
  const params = new URLSearchParams(query);
  const raw: Record<string, unknown> = {};
  for (const [field, name] of Object.entries(DRILL_PARAMS)) {
    const v = params.get(name);
    if (v !== null) raw[field] = field === 'lateDays' ? Number(v) : v;
  }
  const drill = ReportDrillSchema.safeParse(raw);
  return drill.success ? { name: 'queue', drill: drill.data } : { name: 'queue' };
}

/**
 * `#/` is the queue (with `?figure=…` the applications a report figure counted), `#/reports?from=&to=` the
 * reports and `#/reports/print?from=&to=` their print preview, `#/applications/<id>` an application, `#/force-majeure`, `#/cards-arrived`, `#/uncollected`,
 * `#/shipping`, `#/shipping/<batch>`, `#/review` and `#/sync` the screens of those names, and
 * `#/print/<document>?ids=a,b` (or `?batch=<id>`, `?date=YYYY-MM-DD`) a document's print preview.
 */
export function parseRoute(hash: string): Route {
  const m = /^#\/([^?#]*?)\/?(?:\?([^#]*))?$/.exec(hash);
  if (!m) return { name: 'queue' };
  const parts = m[1]!.split('/');
  const query = m[2] ?? '';
  if (parts.length === 1 && parts[0] === '' && query) return parseDrill(query);
  if (parts[0] === 'reports' && parts.length <= 2) {
    const period = ReportPeriodSchema.safeParse(Object.fromEntries(new URLSearchParams(query)));
    if (parts.length === 2) return parts[1] === 'print' && period.success ? { name: 'reportPrint', period: period.data } : { name: 'queue' };
    return period.success ? { name: 'reports', period: period.data } : { name: 'reports' };
  }
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
    case 'queue': {
      if (!route.drill) return '#/';
      const params = new URLSearchParams();
      for (const [field, name] of Object.entries(DRILL_PARAMS)) {
        const v = route.drill[field as keyof ReportDrill];
        if (v !== undefined) params.set(name, String(v));
      }
      return `#/?${params.toString()}`;
    }
    case 'reports':
      return route.period ? `#/reports?from=${route.period.from}&to=${route.period.to}` : '#/reports';
    case 'reportPrint':
      return `#/reports/print?from=${route.period.from}&to=${route.period.to}`;
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
