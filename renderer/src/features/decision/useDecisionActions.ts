import { useCallback, useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { DecisionResult } from '../../../../shared/api/decisions';
import type { ManualChecks } from '../../../../shared/domain/decisions';
import { api } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { queueBlocks } from '../queue/queue-block-store';
import { decisionDrafts } from './decision-drafts';

export type DecisionKind = 'claim' | 'release' | 'approve' | 'refuse';

export interface DecisionActions {
  /** The action in flight, if any (buttons wait for it). */
  busy: DecisionKind | null;
  /** The last action's failure, shown as a sentence until the next action or `clearError`. */
  error: unknown;
  clearError(): void;
  claim(): Promise<DecisionResult | null>;
  release(): Promise<DecisionResult | null>;
  /** With `takeIntoWork`, the claim is taken in the same action (the fast path). */
  approve(manualChecks: ManualChecks, takeIntoWork?: boolean): Promise<DecisionResult | null>;
  refuse(reasonCode: string, explanation: string, takeIntoWork?: boolean): Promise<DecisionResult | null>;
}

/**
 * The four decisions on one application. Each resolves with the core's result, or null after a failure (kept in
 * `error`); either way the application, its workflow, the queue and the counts are refreshed, because a refusal
 * such as "claimed by another" means the screen was out of date.
 */
export function useDecisionActions(id: string): DecisionActions {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<DecisionKind | null>(null);
  const [error, setError] = useState<unknown>(null);

  const run = useCallback(
    async (kind: DecisionKind, call: () => Promise<DecisionResult>): Promise<DecisionResult | null> => {
      setBusy(kind);
      setError(null);
      try {
        const result = await call();
        queryClient.setQueryData(queryKeys.application(id), result.application);
        if (kind === 'approve' || kind === 'refuse') decisionDrafts.forget(id);
        return result;
      } catch (err) {
        setError(err);
        return null;
      } finally {
        setBusy(null);
        queueBlocks.invalidate();
        void queryClient.invalidateQueries({ queryKey: queryKeys.workflow(id) });
        void queryClient.invalidateQueries({ queryKey: queryKeys.countsAll });
      }
    },
    [id, queryClient],
  );

  const clearError = useCallback(() => setError(null), []);
  const claim = useCallback(() => run('claim', () => api.call('application.claim', { id })), [id, run]);
  const release = useCallback(() => run('release', () => api.call('application.release', { id })), [id, run]);
  const approve = useCallback(
    (manualChecks: ManualChecks, takeIntoWork = false) => run('approve', () => api.call('application.approve', { id, manualChecks, takeIntoWork })),
    [id, run],
  );
  const refuse = useCallback(
    (reasonCode: string, explanation: string, takeIntoWork = false) =>
      run('refuse', () => api.call('application.refuse', { id, reasonCode, explanation, takeIntoWork })),
    [id, run],
  );

  return useMemo(() => ({ busy, error, clearError, claim, release, approve, refuse }), [busy, error, clearError, claim, release, approve, refuse]);
}
