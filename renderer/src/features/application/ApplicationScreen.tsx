import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useApplication } from '../../api/queries';
import { hasCommandModifier, isTypingTarget, shortcutLetter } from '../../app/keyboard';
import { isModalOpen } from '../../app/modal-layer';
import { navigate } from '../../app/router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { UserText } from '../../components/UserText';
import { useFormat } from '../../i18n/format';
import { useApplicationWorkflow, WorkflowPanel } from '../decision/WorkflowPanel';
import { HandoverPanel } from '../handover/HandoverPanel';
import { PaperworkSection } from '../print/PaperworkSection';
import { queueNeighbour } from '../queue/queue-neighbours';
import { ApplicantSection, fullName } from './ApplicantSection';
import { DeliverySection } from './DeliverySection';
import { ImagesSection } from './ImagesSection';
import { LicenceSection } from './LicenceSection';
import { PaymentSection } from './PaymentSection';
import { StatusHistoryTable } from './StatusHistoryTable';
import { DeadlineSection, RefusalSection, SummarySection } from './SummarySections';

function backToQueue(): void {
  navigate({ name: 'queue' });
}

async function goToNeighbour(id: string, step: 1 | -1): Promise<void> {
  const next = await queueNeighbour(id, step);
  if (next) navigate({ name: 'application', id: next }, { replace: true });
}

/**
 * One application with every field and the decision panel. Esc goes back to the queue; j/k move through the
 * queue's order; the decision keys are the panel's.
 */
export function ApplicationScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const application = useApplication(id);
  const workflow = useApplicationWorkflow(id);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const detail = application.data;

  useEffect(() => {
    headingRef.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [id]);

  useEffect(() => {
    const number = detail?.record.number;
    document.title = `${number ? t('application.title', { number }) : t('application.titleLoading')} — ${t('app.productName')}`;
  }, [detail, t]);

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (isModalOpen() || e.defaultPrevented || hasCommandModifier(e) || e.shiftKey) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        backToQueue();
        return;
      }
      // Typing, or scrolling a long text box with the arrows, is not navigation.
      if (isTypingTarget(e.target)) return;
      if (e.key.startsWith('Arrow') && e.target instanceof HTMLElement && e.target.classList.contains('user-text--long')) return;
      const letter = shortcutLetter(e);
      if (letter === 'j' || e.key === 'ArrowDown') {
        e.preventDefault();
        void goToNeighbour(id, 1);
      } else if (letter === 'k' || e.key === 'ArrowUp') {
        e.preventDefault();
        void goToNeighbour(id, -1);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [id]);

  return (
    <main id="main" className="application-screen" data-testid="application-screen" data-id={id}>
      <div className="application-toolbar">
        <button type="button" className="button" onClick={backToQueue}>
          <span aria-hidden="true">← </span>
          {t('application.back')} <kbd aria-hidden="true">{t('help.keys.escape')}</kbd>
        </button>
        <button type="button" className="button button--small" onClick={() => void goToNeighbour(id, -1)}>
          {t('application.previous')} <kbd aria-hidden="true">{t('help.keys.k')}</kbd>
        </button>
        <button type="button" className="button button--small" onClick={() => void goToNeighbour(id, 1)}>
          {t('application.next')} <kbd aria-hidden="true">{t('help.keys.j')}</kbd>
        </button>
      </div>
      <h1 ref={headingRef} tabIndex={-1} className="application-title">
        {detail ? (
          <>
            {t('application.heading')} <UserText value={detail.record.number} />
          </>
        ) : (
          t('application.titleLoading')
        )}
      </h1>
      {application.isError && <ErrorNotice error={application.error} onRetry={() => void application.refetch()} />}
      {application.isPending && <p className="muted">{t('app.loading')}</p>}
      {detail && (
        <>
          {detail.purgedAt ? (
            // The record holds placeholders now: say what happened instead of showing them.
            <p className="notice notice--purged" role="note" data-testid="application-purged">
              {t('application.purged', { date: fmt.date(detail.purgedAt) })}
            </p>
          ) : (
            <p className="applicant-name" data-testid="applicant-name">
              <UserText value={fullName(detail.record)} block />
            </p>
          )}
          <div className="application-grid">
            <WorkflowPanel id={id} number={detail.record.number} />
            <HandoverPanel detail={detail} />
            <SummarySection detail={detail} />
            <DeadlineSection detail={detail} />
            <RefusalSection detail={detail} />
            {!detail.purgedAt && (
              <>
                <ApplicantSection record={detail.record} />
                <LicenceSection record={detail.record} />
                <PaymentSection record={detail.record} />
                <DeliverySection detail={detail} />
                <ImagesSection id={id} />
                <PaperworkSection record={detail.record} />
              </>
            )}
            <StatusHistoryTable history={detail.record.history} steps={workflow.data?.steps ?? null} refusalCode={detail.record.refusal?.reasonCode ?? null} />
          </div>
        </>
      )}
    </main>
  );
}
