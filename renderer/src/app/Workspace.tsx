import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Operator } from '../../../shared/api/auth';
import { QueueScreen } from '../features/queue/QueueScreen';
import { routeHash, useRoute, type Route } from './router';
import { ScreenErrorBoundary } from './ScreenErrorBoundary';

// The sign-in and queue screens come with the first script; every other screen is its own chunk, loaded when
// first opened (the print preview also brings the templates and the barcode library). A test holds the entry
// chunk to this (tests/e2e/bundle.spec.ts).
const ApplicationScreen = lazy(() => import('../features/application/ApplicationScreen').then((m) => ({ default: m.ApplicationScreen })));
const ForceMajeureScreen = lazy(() => import('../features/force-majeure/ForceMajeureScreen').then((m) => ({ default: m.ForceMajeureScreen })));
const ArrivalsScreen = lazy(() => import('../features/handover/ArrivalsScreen').then((m) => ({ default: m.ArrivalsScreen })));
const UncollectedScreen = lazy(() => import('../features/handover/UncollectedScreen').then((m) => ({ default: m.UncollectedScreen })));
const ReviewScreen = lazy(() => import('../features/review/ReviewScreen').then((m) => ({ default: m.ReviewScreen })));
const BatchScreen = lazy(() => import('../features/shipping/BatchScreen').then((m) => ({ default: m.BatchScreen })));
const ShippingScreen = lazy(() => import('../features/shipping/ShippingScreen').then((m) => ({ default: m.ShippingScreen })));
const SyncScreen = lazy(() => import('../features/sync/SyncScreen').then((m) => ({ default: m.SyncScreen })));
const ReportsScreen = lazy(() => import('../features/reports/ReportsScreen').then((m) => ({ default: m.ReportsScreen })));
const ReportPrintScreen = lazy(() => import('../features/reports/ReportPrintScreen').then((m) => ({ default: m.ReportPrintScreen })));
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
      return <PrintScreen target={route.target} />;
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
    case 'reports':
      return <ReportsScreen period={route.period} />;
    case 'reportPrint':
      return <ReportPrintScreen period={route.period} />;
    case 'queue':
      return <QueueScreen drill={route.drill} />;
  }
}

/** The screens a signed-in operator works in, chosen by the address; each keeps a fault to itself. */
export function Workspace({ operator }: { operator: Operator }) {
  const route = useRoute();
  return (
    <ScreenErrorBoundary key={routeHash(route)}>
      <Suspense fallback={<Loading />}>{screenFor(route, operator)}</Suspense>
    </ScreenErrorBoundary>
  );
}
