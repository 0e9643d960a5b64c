/**
 * The operators' password policy, one definition for the central server (a password IT chooses instead of a
 * generated one-time password), the core (the new password at the first sign-in) and the renderer (the same checks
 * while the operator types, before anything is sent).
 *
 * Operators sign in offline at a shared desk, so the policy asks for length rather than symbols: at least 10
 * characters with a letter and a digit, at least 5 different characters, not the login, not a common word or run of
 * keys. The stored form is a slow scrypt hash in either case.
 */
export const PASSWORD_POLICY = { minLength: 10, maxLength: 128, minDistinct: 5 } as const;

export const PASSWORD_RULES = ['too_short', 'too_long', 'needs_letter_and_digit', 'too_simple', 'contains_login'] as const;
export type PasswordRule = (typeof PASSWORD_RULES)[number];

/** Words and key runs a password must not contain (checked case-insensitively, Latin and Cyrillic keyboards alike). */
const COMMON_FRAGMENTS = ['password', 'passw0rd', 'пароль', 'qwerty', 'йцукен', 'asdfgh', 'фівапр', '12345', '54321', 'abcdef', 'абвгде', 'admin', 'адмін', 'welcome'];

/** Characters as a person counts them (code points of the NFC form), so a Cyrillic letter is one character. */
function characters(password: string): string[] {
  return [...password.normalize('NFC')];
}

/** Every rule the password breaks, in the policy's order; empty when it is acceptable. */
export function passwordProblems(password: string, context: { login?: string } = {}): PasswordRule[] {
  const chars = characters(password);
  const lower = password.normalize('NFC').toLowerCase();
  const problems: PasswordRule[] = [];
  if (chars.length < PASSWORD_POLICY.minLength) problems.push('too_short');
  if (chars.length > PASSWORD_POLICY.maxLength) problems.push('too_long');
  if (!/\p{L}/u.test(password) || !/\p{Nd}/u.test(password)) problems.push('needs_letter_and_digit');
  if (new Set(chars.map((c) => c.toLowerCase())).size < PASSWORD_POLICY.minDistinct || COMMON_FRAGMENTS.some((f) => lower.includes(f))) {
    problems.push('too_simple');
  }
  const login = context.login?.normalize('NFC').trim().toLowerCase();
  if (login && login.length >= 3 && lower.includes(login)) problems.push('contains_login');
  return problems;
}

/** The policy in one English sentence, for error bodies of the central server and the core's logs. */
export const PASSWORD_POLICY_SENTENCE =
  `A password needs at least ${PASSWORD_POLICY.minLength} characters (at most ${PASSWORD_POLICY.maxLength}), a letter and a digit, ` +
  `at least ${PASSWORD_POLICY.minDistinct} different characters; it must not contain the login, a common word or a run of keys (password, qwerty, 12345…).`;
