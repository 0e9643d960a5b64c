import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { can } from '../../../../shared/domain/operators';
import { api } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { UserText } from '../../components/UserText';
import { useAuthState } from '../session/session-store';

/** For IT, through a supervisor: the diagnostics bundle (versions, sync state, integrity; no personal data). */
export function DiagnosticsCard() {
  const { t } = useTranslation();
  const auth = useAuthState();
  const operator = auth.data?.operator ?? null;
  const exporting = useMutation({ mutationFn: () => api.call('diagnostics.export', {}) });
  if (!operator || !can(operator.role, 'diagnostics.export')) return null;
  const result = exporting.data;

  return (
    <section className="card card--wide" aria-labelledby="diagnostics-title" data-testid="diagnostics-card">
      <h2 id="diagnostics-title" className="card__title">
        {t('diagnostics.title')}
      </h2>
      <p className="muted">{t('diagnostics.lead')}</p>
      <button type="button" className="button" data-testid="diagnostics-export" disabled={exporting.isPending} onClick={() => exporting.mutate()}>
        {t('diagnostics.export')}
      </button>
      {exporting.isError && <ErrorNotice error={exporting.error} />}
      {result && (
        <p role="status" data-testid="diagnostics-result">
          {t('diagnostics.written', { entries: result.entries, kilobytes: Math.max(1, Math.round(result.bytes / 1024)) })}{' '}
          <UserText value={result.file} />
          {!result.integrityOk && <span className="warning-text"> {t('diagnostics.integrityFailed')}</span>}
          {result.auditOk === false && <span className="warning-text"> {t('diagnostics.auditBroken')}</span>}
        </p>
      )}
    </section>
  );
}
