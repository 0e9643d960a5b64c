import type { DocumentData, DocumentDataInput } from '../../../../shared/api/paperwork';
import type { PrintTarget } from '../../app/router';

/** Applications per `paperwork.documentData` call: small enough to show progress, large enough to be quick. */
export const CHUNK = 50;

export type DocumentDataCall = (input: DocumentDataInput) => Promise<DocumentData>;

export interface LoadProgress {
  done: number;
  total: number;
}

/** The application ids a printed document covers (what `prints.record` is told). */
export function documentApplicationIds(data: DocumentData): string[] {
  if (data.document === 'batch_list') return data.parcels.map((p) => p.applicationId);
  if (data.document === 'daily_register') return [...new Set(data.rows.map((r) => r.applicationId))];
  return data.items.map((i) => i.applicationId);
}

/** How many sheets of paper the document is at least (a long table may run onto more). */
export function sheetCount(data: DocumentData): number {
  return data.document === 'batch_list' || data.document === 'daily_register' ? 1 : data.items.length;
}

/**
 * Loads a document's data: one call for a batch or a day, in chunks for many applications (reporting progress),
 * merged into one document with the header of the first answer. Stops between chunks once `signal` aborts.
 */
export async function loadDocumentData(
  target: PrintTarget,
  call: DocumentDataCall,
  onProgress: (p: LoadProgress) => void = () => {},
  signal?: AbortSignal,
): Promise<DocumentData> {
  const ids = target.ids ?? [];
  if (ids.length === 0) {
    onProgress({ done: 0, total: 1 });
    const data = await call({ document: target.document, batchId: target.batchId, date: target.date });
    onProgress({ done: 1, total: 1 });
    return data;
  }
  let merged: DocumentData | null = null;
  onProgress({ done: 0, total: ids.length });
  for (let from = 0; from < ids.length; from += CHUNK) {
    if (signal?.aborted) throw new DOMException('The document is no longer wanted.', 'AbortError');
    const part = await call({ document: target.document, applicationIds: ids.slice(from, from + CHUNK), batchId: target.batchId });
    if (!merged) merged = part;
    else if ('items' in merged && 'items' in part) (merged.items as unknown[]).push(...part.items);
    onProgress({ done: Math.min(ids.length, from + CHUNK), total: ids.length });
  }
  return merged!;
}
