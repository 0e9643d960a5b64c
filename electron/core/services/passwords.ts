import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/** scrypt parameters for new hashes: node's defaults (N=2^14, r=8, p=1), about 60 ms on a workstation. */
export const DEFAULT_SCRYPT = { N: 16_384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const MAX_N = 1 << 20;

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64url; the parameters travel with the hash so they can grow. */
export function hashPassword(password: string, params: { N: number; r: number; p: number } = DEFAULT_SCRYPT): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password.normalize('NFC'), salt, KEY_LENGTH, { ...params, maxmem: maxmem(params) });
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** Constant-time check; a malformed or absurd hash simply does not match. */
export function verifyPassword(password: string, stored: string): boolean {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (!Number.isInteger(N) || N < 2 || N > MAX_N || (N & (N - 1)) !== 0 || !(r >= 1 && r <= 32) || !(p >= 1 && p <= 16)) return false;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const expected = Buffer.from(parts[5]!, 'base64url');
  if (salt.length < 8 || expected.length < 16) return false;
  const actual = scryptSync(password.normalize('NFC'), salt, expected.length, { N, r, p, maxmem: maxmem({ N, r, p }) });
  return timingSafeEqual(actual, expected);
}

function maxmem(params: { N: number; r: number; p: number }): number {
  return 128 * params.N * params.r * params.p + 64 * 1024 * 1024;
}

/** Verified when a login is unknown, so an unknown login takes as long as a wrong password. */
export const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
