const SESSION_KEY = 'console.session';

let memoryCredential: string | null = null;

/**
 * The page's own session credential, which `auth.signIn` gave it. It lives in this tab's sessionStorage: a new
 * browser or a new tab has none and starts at the sign-in screen; closing the tab forgets it.
 */
export function sessionCredential(): string | null {
  try {
    return sessionStorage.getItem(SESSION_KEY) ?? memoryCredential;
  } catch {
    return memoryCredential;
  }
}

export function keepSessionCredential(credential: string | null): void {
  memoryCredential = credential;
  try {
    if (credential === null) sessionStorage.removeItem(SESSION_KEY);
    else sessionStorage.setItem(SESSION_KEY, credential);
  } catch {
    // Storage refused (a locked-down browser): the credential lives in memory until the page closes.
  }
}
