import type { ReportResult } from './result';

/** A refusal reason of the catalogue as either store keeps it. */
export interface CatalogueReason {
  code: string;
  titleUk: string;
  titleEn: string;
  active: boolean;
}

/**
 * The refusals table of a report: every reason in use today, and a retired or unknown one whenever it was used in
 * the period (an unknown code stands as its own title), each with its count and share of `total`.
 */
export function refusalsByReason(catalogue: readonly CatalogueReason[], used: readonly [string, number][], total: number): ReportResult['refusals']['byReason'] {
  const counts = new Map(used.filter(([, n]) => n > 0));
  const known = new Set(catalogue.map((c) => c.code));
  const out = catalogue.filter((c) => c.active || counts.has(c.code)).map((c) => ({ ...c }));
  for (const code of [...counts.keys()].filter((c) => !known.has(c)).sort()) out.push({ code, titleUk: code, titleEn: code, active: false });
  return out.map((r) => {
    const count = counts.get(r.code) ?? 0;
    return { ...r, count, share: total ? count / total : 0 };
  });
}
