import { useCallback, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { DocumentData } from '../../../../shared/api/paperwork';
import type { FactFlagReason, PrintMethod } from '../../../../shared/domain/facts';
import { api } from '../../api/client';
import { queryKeys } from '../../api/queries';
import type { PrintTarget } from '../../app/router';
import { documentApplicationIds } from './document-loader';

/** prints.record takes at most this many applications per call. */
const RECORD_LIMIT = 2000;

export interface RecordedPrints {
  count: number;
  reprints: number;
  flagged: { number: string; flag: FactFlagReason }[];
}

/** Records a print of the whole document for every application on it (in as few calls as the contract allows). */
export function usePrintRecording(target: PrintTarget, data: DocumentData | null) {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const record = useCallback(
    async (how: PrintMethod): Promise<RecordedPrints | null> => {
      if (!data) return null;
      const ids = documentApplicationIds(data);
      if (ids.length === 0) return { count: 0, reprints: 0, flagged: [] };
      const numbers = new Map<string, string>();
      if ('items' in data) for (const i of data.items) numbers.set(i.applicationId, i.number);
      if ('parcels' in data) for (const p of data.parcels) numbers.set(p.applicationId, p.number);
      if ('rows' in data) for (const r of data.rows) numbers.set(r.applicationId, r.number);
      setBusy(true);
      setError(null);
      try {
        const result: RecordedPrints = { count: 0, reprints: 0, flagged: [] };
        for (let from = 0; from < ids.length; from += RECORD_LIMIT) {
          const { prints } = await api.call('prints.record', {
            applicationIds: ids.slice(from, from + RECORD_LIMIT),
            document: target.document,
            how,
            batchId: target.batchId,
          });
          result.count += prints.length;
          result.reprints += prints.filter((p) => p.reprint).length;
          for (const p of prints) if (p.flag) result.flagged.push({ number: numbers.get(p.applicationId) ?? p.applicationId, flag: p.flag });
        }
        void queryClient.invalidateQueries({ queryKey: queryKeys.printsAll });
        return result;
      } catch (err) {
        setError(err);
        return null;
      } finally {
        setBusy(false);
      }
    },
    [data, target.document, target.batchId, queryClient],
  );

  return { record, busy, error, clearError: useCallback(() => setError(null), []) };
}
