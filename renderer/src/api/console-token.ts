const TOKEN_KEY = 'console.token';

/**
 * The browser host prints a URL with `?t=<token>`. On first load the token moves to sessionStorage and leaves the
 * address bar (and so the history and any copied link) at once.
 */
export function adoptTokenFromUrl(): void {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('t');
  if (token === null) return;
  try {
    sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    memoryToken = token;
  }
  url.searchParams.delete('t');
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
}

let memoryToken = '';

export function consoleToken(): string {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? memoryToken;
  } catch {
    return memoryToken;
  }
}
