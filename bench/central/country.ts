/**
 * The country the central bench simulates: 30 service centers with 10 workstations each. Names, tokens and the
 * applications each workstation decides are computed from numbers, so the seeder (which writes them into the store)
 * and the load generators (which only speak HTTP) agree without talking to each other.
 */
import { createHash } from 'node:crypto';

export const CENTERS = 30;
export const WORKSTATIONS_PER_CENTER = 10;
/** The center whose full initial pull is measured holds 2 % of the country (20,000 of 1,000,000). */
export const PULLED_CENTER = 0;
export const PULLED_SHARE = 0.02;
/** Every second application of a center is open (received, all automatic checks passed), owned by one workstation: enough for every workstation to decide for the length of a phase at the smaller size too. */
export const OPEN_EVERY = 2;

export const centerId = (c: number) => `sc-b${String(c).padStart(2, '0')}`;
export const workstationId = (c: number, w: number) => `ws-b${c}-${w}`;
export const operatorId = (c: number, w: number) => `op-b${c}-${w}`;
export const workstationToken = (c: number, w: number) => `wst_bench_${c}_${w}_not_secret`;
export const tokenHash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
export const applicationId = (c: number, serial: number) => `bench-${c}-${serial}`;
export const applicationNumber = (c: number, serial: number) => `B${String(c).padStart(2, '0')}-${String(serial).padStart(7, '0')}`;

/** How many applications each center holds when the country holds `total`. */
export function centerSizes(total: number): number[] {
  const pulled = Math.round(total * PULLED_SHARE);
  const each = Math.floor((total - pulled) / (CENTERS - 1));
  return Array.from({ length: CENTERS }, (_, c) => (c === PULLED_CENTER ? pulled : c === CENTERS - 1 ? total - pulled - each * (CENTERS - 2) : each));
}

export const isOpen = (serial: number) => serial % OPEN_EVERY === 0;
export const openOwner = (serial: number) => (serial / OPEN_EVERY) % WORKSTATIONS_PER_CENTER;

/** The open applications workstation `w` of a center decides, from serial `from` up to (not including) `to`. */
export function* openSerials(w: number, from: number, to: number): Generator<number> {
  const first = Math.ceil(from / OPEN_EVERY) * OPEN_EVERY;
  for (let s = first; s < to; s += OPEN_EVERY) if (openOwner(s) === w) yield s;
}
