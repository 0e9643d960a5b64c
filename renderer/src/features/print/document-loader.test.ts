import { describe, expect, it } from 'vitest';
import type { DocumentData, DocumentDataInput } from '../../../../shared/api/paperwork';
import { CHUNK, documentApplicationIds, loadDocumentData, type LoadProgress } from './document-loader';

const header = { center: { id: 'c', name: 'ЦНАП', address: '' }, date: '2026-11-27', preparedAt: '2026-11-27T08:00:00.000Z', operator: { id: 'o', displayName: 'О' } };

/** Stands in for the core's `paperwork.documentData`: a receipt item per id asked for. */
function fakeCore(calls: DocumentDataInput[]) {
  return async (input: DocumentDataInput): Promise<DocumentData> => {
    calls.push(input);
    return {
      document: 'handover_receipt',
      ...header,
      items: (input.applicationIds ?? []).map((id) => ({
        applicationId: id, number: id, previousPrints: 0,
        applicant: { surname: 's', givenName: 'g', patronymic: '', fullName: 's g', birthDate: '1990-01-01' },
        identityDocument: { type: 'id_card', number: '1', issuedBy: 'x', issuedOn: '2020-01-01' },
        newLicenceNumber: null, categories: [], previousLicenceNumber: 'ААА000000',
      })),
    };
  };
}

describe('loading a document for many applications', () => {
  it('asks in chunks, keeps the order of the selection and reports progress to the end', async () => {
    const calls: DocumentDataInput[] = [];
    const ids = Array.from({ length: CHUNK * 2 + 7 }, (_, i) => `app-${i}`);
    const progress: LoadProgress[] = [];
    const data = await loadDocumentData({ document: 'handover_receipt', ids }, fakeCore(calls), (p) => progress.push(p));
    expect(calls.map((c) => c.applicationIds!.length)).toEqual([CHUNK, CHUNK, 7]);
    expect(documentApplicationIds(data)).toEqual(ids);
    expect(progress[0]).toEqual({ done: 0, total: ids.length });
    expect(progress.at(-1)).toEqual({ done: ids.length, total: ids.length });
  });

  it('stops between chunks once the preview is left', async () => {
    const calls: DocumentDataInput[] = [];
    const abort = new AbortController();
    const ids = Array.from({ length: CHUNK * 3 }, (_, i) => `app-${i}`);
    const loading = loadDocumentData({ document: 'handover_receipt', ids }, fakeCore(calls), (p) => p.done > 0 && abort.abort(), abort.signal);
    await expect(loading).rejects.toThrow();
    expect(calls).toHaveLength(1);
  });
});
