import { randomInt } from 'node:crypto';
import { passwordProblems } from '../../shared/domain/password-policy';

/** No 0/o, 1/l/i: a password read off a screen or a phone is typed right. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const GROUPS = 3;
const GROUP_LENGTH = 4;

/**
 * A one-time password IT hands to an operator: three groups of four characters (`kt4m-9vhq-x2pe`, about 59 bits),
 * drawn until it satisfies the password policy like any other. It exists in the admin route's answer only.
 */
export function generateOneTimePassword(login: string): string {
  for (;;) {
    const groups = Array.from({ length: GROUPS }, () => Array.from({ length: GROUP_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''));
    const password = groups.join('-');
    if (passwordProblems(password, { login }).length === 0) return password;
  }
}
