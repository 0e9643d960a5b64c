import { useSyncExternalStore } from 'react';

export type Route = { name: 'queue' } | { name: 'application'; id: string };

/** `#/` is the queue, `#/applications/<id>` an application; anything else falls back to the queue. */
export function parseRoute(hash: string): Route {
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
  return route.name === 'application' ? `#/applications/${encodeURIComponent(route.id)}` : '#/';
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
