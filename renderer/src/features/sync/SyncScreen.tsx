import { useTranslation } from 'react-i18next';
import { ErrorNotice, useErrorSentence } from '../../components/ErrorNotice';
import { ScreenFrame } from '../../components/ScreenFrame';
import { ConflictList } from './ConflictList';
import { DiagnosticsCard } from './DiagnosticsCard';
import { EnrolmentCard } from './EnrolmentCard';
import { QuarantineList } from './QuarantineList';
import { useSyncNow, useSyncStatus } from './sync-status';

/**
 * What sync could not do, so nothing is silently dropped: actions the central server did not take (who won, what
 * became of ours) and ops held in quarantine after failing for a day, each with a retry.
 */
export function SyncScreen() {
  const { t } = useTranslation();
  const sentence = useErrorSentence();
  const status = useSyncStatus();
  const now = useSyncNow();
  const s = status.data;

  return (
    <ScreenFrame title={t('sync.title')} testId="sync-screen" lead={t('sync.lead')}>
      {s && (
        <p data-testid="sync-summary">
          {t('sync.summary', { pending: s.pendingOps, quarantined: s.quarantinedOps, conflicts: s.conflicts })}{' '}
          {s.lastError && <span className="warning-text">{sentence(s.lastError)}</span>}
        </p>
      )}
      <button type="button" className="button" data-testid="sync-screen-now" disabled={now.busy || s?.syncing} onClick={() => void now.syncNow()}>
        {t('sync.syncNow')}
      </button>
      {now.error !== null && <ErrorNotice error={now.error} />}
      <ConflictList />
      <QuarantineList />
      <EnrolmentCard />
      <DiagnosticsCard />
    </ScreenFrame>
  );
}
