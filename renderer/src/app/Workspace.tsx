import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Operator } from '../../../shared/api/auth';
import { ApplicationScreen } from '../features/application/ApplicationScreen';
import { ForceMajeureScreen } from '../features/force-majeure/ForceMajeureScreen';
import { ArrivalsScreen } from '../features/handover/ArrivalsScreen';
import { UncollectedScreen } from '../features/handover/UncollectedScreen';
import { QueueScreen } from '../features/queue/QueueScreen';
import { ReviewScreen } from '../features/review/ReviewScreen';
import { BatchScreen } from '../features/shipping/BatchScreen';
import { ShippingScreen } from '../features/shipping/ShippingScreen';
import { SyncScreen } from '../features/sync/SyncScreen';
import { routeHash, useRoute, type Route } from './router';
import { ScreenErrorBoundary } from './ScreenErrorBoundary';

// The print preview (templates and the barcode library) loads when first opened, not with the queue.
const PrintScreen = lazy(() => import('../features/print/PrintScreen').then((m) => ({ default: m.PrintScreen })));

function Loading() {
  const { t } = useTranslation();
  return (
    <main id="main" className="screen-message">
      <p className="muted">{t('app.loading')}</p>
    </main>
  );
}

function screenFor(route: Route, operator: Operator): ReactNode {
  switch (route.name) {
    case 'application':
      return <ApplicationScreen id={route.id} />;
    case 'forceMajeure':
      return <ForceMajeureScreen operator={operator} />;
    case 'print':
      return (
        <Suspense fallback={<Loading />}>
          <PrintScreen target={route.target} />
        </Suspense>
      );
    case 'arrivals':
      return <ArrivalsScreen />;
    case 'uncollected':
      return <UncollectedScreen />;
    case 'shipping':
      return <ShippingScreen />;
    case 'batch':
      return <BatchScreen id={route.id} />;
    case 'review':
      return <ReviewScreen operator={operator} />;
    case 'sync':
      return <SyncScreen />;
    case 'queue':
      return <QueueScreen />;
  }
}

/** The screens a signed-in operator works in, chosen by the address; each keeps a fault to itself. */
export function Workspace({ operator }: { operator: Operator }) {
  const route = useRoute();
  return <ScreenErrorBoundary key={routeHash(route)}>{screenFor(route, operator)}</ScreenErrorBoundary>;
}
