import { randomBytes, scrypt, type ScryptOptions } from 'node:crypto';

/**
 * Password hashes the central server writes and accepts, in the console's format (electron/core/services/passwords.ts):
 * `scrypt$N$r$p$salt$hash`, salt and hash in base64url, the parameters stored with each hash so they can grow.
 * Operators sign in offline, so the workstation verifies these hashes itself; the server never checks a password.
 * Written here with the asynchronous scrypt, so hashing a one-time password never stalls the server's other requests.
 */
export const SCRYPT_PARAMS = { N: 16_384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
/** The weakest and strongest parameters a hash from a workstation may carry (the console verifies up to 2^20). */
const MIN_N = 1 << 14;
const MAX_N = 1 << 20;

function scryptAsync(password: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, length, options, (err, key) => (err ? reject(err) : resolve(key))));
}

export async function hashPassword(password: string): Promise<string> {
  const { N, r, p } = SCRYPT_PARAMS;
  const salt = randomBytes(SALT_LENGTH);
  const key = await scryptAsync(password.normalize('NFC'), salt, KEY_LENGTH, { N, r, p, maxmem: 128 * N * r * p + 64 * 1024 * 1024 });
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/**
 * Why a hash pushed by a workstation cannot be stored, or null when it is in the format with parameters at least as
 * slow as the console's own and no slower than it can verify.
 */
export function passwordHashProblem(hash: string): string | null {
  const parts = hash.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return 'The password hash is not in the console\'s scrypt$N$r$p$salt$hash form.';
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (!Number.isInteger(N) || N < MIN_N || N > MAX_N || (N & (N - 1)) !== 0) return `The scrypt cost N must be a power of two from ${MIN_N} to ${MAX_N}.`;
  if (!Number.isInteger(r) || r < 8 || r > 32 || !Number.isInteger(p) || p < 1 || p > 16) return 'The scrypt parameters r and p are out of range (r 8 to 32, p 1 to 16).';
  const base64url = /^[A-Za-z0-9_-]+$/;
  if (!base64url.test(parts[4]!) || !base64url.test(parts[5]!)) return 'The salt and the hash must be base64url.';
  if (Buffer.from(parts[4]!, 'base64url').length < SALT_LENGTH) return `The salt must have at least ${SALT_LENGTH} bytes.`;
  if (Buffer.from(parts[5]!, 'base64url').length < KEY_LENGTH) return `The hash must have at least ${KEY_LENGTH} bytes.`;
  return null;
}
