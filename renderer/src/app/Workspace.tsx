import type { Operator } from '../../../shared/api/auth';
import { ApplicationScreen } from '../features/application/ApplicationScreen';
import { ForceMajeureScreen } from '../features/force-majeure/ForceMajeureScreen';
import { QueueScreen } from '../features/queue/QueueScreen';
import { useRoute } from './router';
import { ScreenErrorBoundary } from './ScreenErrorBoundary';

/** The screens a signed-in operator works in, chosen by the address; each keeps a fault to itself. */
export function Workspace({ operator }: { operator: Operator }) {
  const route = useRoute();
  if (route.name === 'application') {
    return (
      <ScreenErrorBoundary key={`application:${route.id}`}>
        <ApplicationScreen id={route.id} />
      </ScreenErrorBoundary>
    );
  }
  if (route.name === 'forceMajeure') {
    return (
      <ScreenErrorBoundary key="force-majeure">
        <ForceMajeureScreen operator={operator} />
      </ScreenErrorBoundary>
    );
  }
  return (
    <ScreenErrorBoundary key="queue">
      <QueueScreen />
    </ScreenErrorBoundary>
  );
}
