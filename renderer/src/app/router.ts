import { useSyncExternalStore } from 'react';

export type Route = { name: 'queue' } | { name: 'application'; id: string } | { name: 'forceMajeure' };

/** `#/` is the queue, `#/applications/<id>` an application, `#/force-majeure` the center's force-majeure periods. */
export function parseRoute(hash: string): Route {
  if (/^#\/force-majeure\/?$/.test(hash)) return { name: 'forceMajeure' };
  const m = /^#\/applications\/([^/?#]+)\/?$/.exec(hash);
  if (m) {
    try {
      return { name: 'application', id: decodeURIComponent(m[1]!) };
    } catch {
      return { name: 'queue' };
    }
  }
  return { name: 'queue' };
}

export function routeHash(route: Route): string {
  if (route.name === 'application') return `#/applications/${encodeURIComponent(route.id)}`;
  return route.name === 'forceMajeure' ? '#/force-majeure' : '#/';
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
