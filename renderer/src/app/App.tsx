import { useCallback, useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { queryKeys } from '../api/queries';
import { ApplicationScreen } from '../features/application/ApplicationScreen';
import { QueueScreen } from '../features/queue/QueueScreen';
import { queueBlocks } from '../features/queue/queue-block-store';
import { AppHeader } from './AppHeader';
import { hasCommandModifier, isTypingTarget } from './keyboard';
import { KeyboardHelpDialog } from './KeyboardHelpDialog';
import { useRoute } from './router';
import { ScreenErrorBoundary } from './ScreenErrorBoundary';

/** When the core says the queue changed, cached rows, counts and open applications are refreshed. */
function useQueueChangedEvents(): void {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      api.on('queue.changed', () => {
        queueBlocks.invalidate();
        void queryClient.invalidateQueries({ queryKey: queryKeys.countsAll });
        void queryClient.invalidateQueries({ queryKey: queryKeys.applicationAll });
      }),
    [queryClient],
  );
}

export function App() {
  const route = useRoute();
  const [helpOpen, setHelpOpen] = useState(false);
  const showHelp = useCallback(() => setHelpOpen(true), []);
  useQueueChangedEvents();

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key === '?' && !hasCommandModifier(e) && !isTypingTarget(e.target) && !e.defaultPrevented) {
        e.preventDefault();
        setHelpOpen(true);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <div className="app">
      <AppHeader onShowHelp={showHelp} />
      {route.name === 'application' ? (
        <ScreenErrorBoundary key={`application:${route.id}`}>
          <ApplicationScreen id={route.id} dialogOpen={helpOpen} />
        </ScreenErrorBoundary>
      ) : (
        <ScreenErrorBoundary key="queue">
          <QueueScreen dialogOpen={helpOpen} />
        </ScreenErrorBoundary>
      )}
      {helpOpen && <KeyboardHelpDialog onClose={() => setHelpOpen(false)} />}
    </div>
  );
}
