/**
 * Small deterministic pseudo-random tools for the training generator. Everything is derived from integer seeds,
 * never from Math.random or the clock, so a seed always yields the same data in Node and in the browser.
 */
import type { Randomizer } from '@faker-js/faker';

/** 32-bit string hash (FNV-1a), used to derive per-item seeds from ids. */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** splitmix32 finaliser: spreads nearby integers over the whole 32-bit range. */
export function mix32(value: number): number {
  let z = (value + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A seed from several integers (the generator seed and a record index, say). */
export function combineSeeds(...parts: number[]): number {
  let h = 0x2545f491;
  for (const p of parts) {
    h = mix32(h ^ mix32(Math.floor(p) >>> 0));
    h = mix32(h ^ Math.floor(p / 0x1_0000_0000));
  }
  return h;
}

/** sfc32: a fast 32-bit generator with good statistical quality; cheap to reseed (unlike Mersenne Twister). */
export class Rng {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  constructor(seed = 0) {
    this.reseed(seed);
  }

  reseed(seed: number): void {
    this.a = mix32(seed);
    this.b = mix32(this.a ^ 0x6a09e667);
    this.c = mix32(this.b ^ 0xbb67ae85);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4_294_967_296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A float in [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks from `[value, weight]` pairs in proportion to the weights. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [value, w] of items) {
      r -= w;
      if (r < 0) return value;
    }
    return items[items.length - 1]![0];
  }

  /** `count` decimal digits as a string. */
  digits(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += String(Math.floor(this.next() * 10));
    return out;
  }
}

/** A faker randomizer backed by {@link Rng}, so `faker.seed()` per record costs microseconds, not tens of them. */
export function sfcRandomizer(): Randomizer {
  const rng = new Rng(0);
  return {
    next: () => rng.next(),
    seed: (seed: number | number[]) => rng.reseed(Array.isArray(seed) ? combineSeeds(...seed) : combineSeeds(seed)),
  };
}
