import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { exactMatch } from './exact-match';
import { PullPageSchema } from './pull';
import { generateTrainingSet } from '../training';

const NOW = Date.parse('2026-11-27T08:00:00Z');
const records = generateTrainingSet({ seed: 5, size: 400, now: NOW, includeHostile: true }).applications;
const isExactPage = exactMatch(PullPageSchema);
const pageOf = (changes: unknown[]) => ({ changes, cursor: 'c1.abc.9', hasMore: false });

/** What a parse makes of a value, as JSON text, or null when it refuses it. */
function parsed(value: unknown): string | null {
  const r = PullPageSchema.safeParse(value);
  return r.success ? JSON.stringify(r.data) : null;
}

describe('exact match of a pull page', () => {
  it('passes pages of every kind of application as they come off the wire, each the very text a parse writes', () => {
    const page = JSON.parse(JSON.stringify(pageOf(records)));
    expect(isExactPage(page)).toBe(true);
    expect(parsed(page)).toBe(JSON.stringify(page));
  });

  it('never passes what a parse refuses or would change (a random or damaged page)', () => {
    const paths = (v: unknown, at: (string | number)[] = []): (string | number)[][] =>
      v !== null && typeof v === 'object' ? [at, ...Object.entries(v).flatMap(([k, x]) => paths(x, [...at, Array.isArray(v) ? Number(k) : k]))] : [at];
    const base = pageOf(records.slice(0, 3));
    const all = paths(base).filter((p) => p.length > 0);
    let passed = 0;
    let damaged = 0;
    const damage = fc.record({
      at: fc.constantFrom(...all),
      value: fc.oneof(fc.anything(), fc.constantFrom<unknown>(undefined, '', 'x'.repeat(70), -1, 1.5, null, [], {})),
      drop: fc.boolean(),
      extra: fc.boolean(),
    });
    const input = fc.oneof(fc.anything().map((value) => ({ value })), damage.map((d) => ({ damage: d })));
    fc.assert(
      fc.property(input, (m) => {
        let value: unknown = 'value' in m ? m.value : undefined;
        if ('damage' in m) {
          const d = m.damage;
          const page = structuredClone(base) as unknown as Record<string | number, unknown>;
          let parent = page;
          for (const k of d.at.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
          const last = d.at[d.at.length - 1]!;
          if (d.drop) delete parent[last];
          else parent[last] = d.value;
          if (d.extra) parent.unexpected = 1;
          value = page;
          damaged++;
        }
        if (!isExactPage(value)) return;
        passed++;
        expect(parsed(value)).toBe(JSON.stringify(value));
      }),
      { seed: 2026, numRuns: 1500 },
    );
    expect(damaged).toBeGreaterThan(500);
    expect(passed).toBeGreaterThan(0);
  });

  it('keys out of the schema’s order or unknown keys go to the parse, which accepts them', () => {
    const [record] = JSON.parse(JSON.stringify(records.slice(0, 1))) as Record<string, unknown>[];
    const reordered = { number: record!.number, ...record };
    expect(isExactPage(pageOf([reordered]))).toBe(false);
    expect(isExactPage(pageOf([{ ...record, photo: 'inline' }]))).toBe(false);
    expect(parsed(pageOf([reordered]))).toBe(JSON.stringify(pageOf([record])));
  });

  it('refuses to compile a schema part it cannot check instead of passing it unchecked', () => {
    expect(() => exactMatch(z.object({ a: z.string().transform((s) => s.trim()) }))).toThrow(/\$\.a/);
    expect(() => exactMatch(z.object({ a: z.string().refine((s) => s !== 'x') }))).toThrow(/\$\.a/);
    expect(() => exactMatch(z.looseObject({ a: z.string() }))).toThrow(/unknown keys/);
    expect(() => exactMatch(z.object({ a: z.date() }))).toThrow(/date/);
  });
});
