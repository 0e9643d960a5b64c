import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ApplicationRecord } from '../../../../shared/domain/application';
import { DOCUMENT_STATUSES, type PrintDocument } from '../../../../shared/domain/facts';
import { api } from '../../api/client';
import { queryKeys } from '../../api/queries';
import { useLetterShortcuts } from '../../app/keyboard';
import { ErrorNotice } from '../../components/ErrorNotice';
import { UserText } from '../../components/UserText';
import { useFormat } from '../../i18n/format';
import { Section } from '../application/Section';
import { PER_APPLICATION_DOCUMENTS, PrintChooser } from './PrintChooser';
import { printPreviewHash } from './print-job';

/** The document that fits the application's status best (what `p` suggests). */
export function suggestedDocument(status: ApplicationRecord['status']): PrintDocument {
  return PER_APPLICATION_DOCUMENTS.find((d) => DOCUMENT_STATUSES[d].includes(status) && d !== 'production_order') ?? 'production_order';
}

/** Paperwork of one application: the documents that fit its status, «Друкувати…» (p), and what was printed. */
export function PaperworkSection({ record }: { record: ApplicationRecord }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [choosing, setChoosing] = useState(false);
  const history = useQuery({ queryKey: queryKeys.prints(record.id), queryFn: () => api.call('prints.history', { applicationId: record.id }) });
  const fitting = PER_APPLICATION_DOCUMENTS.filter((d) => DOCUMENT_STATUSES[d].includes(record.status));
  useLetterShortcuts({ p: () => setChoosing(true) });

  return (
    <Section title={t('paperwork.title')} testId="paperwork-section">
      {fitting.length > 0 ? (
        <ul className="plain-list">
          {fitting.map((d) => (
            <li key={d}>
              <a href={printPreviewHash({ document: d, ids: [record.id] })} data-testid={`print-link-${d}`}>
                {t(`print.documents.${d}`)}
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('paperwork.nothingFits')}</p>
      )}
      <button type="button" className="button" data-testid="print-menu" onClick={() => setChoosing(true)}>
        {t('selection.print')} <kbd aria-hidden="true">p</kbd>
      </button>
      <h3 className="card__subtitle">{t('paperwork.history')}</h3>
      {history.isError && <ErrorNotice error={history.error} onRetry={() => void history.refetch()} />}
      {history.data && history.data.prints.length === 0 && <p className="muted">{t('paperwork.neverPrinted')}</p>}
      {history.data && history.data.prints.length > 0 && (
        <table className="history-table work-table" data-testid="print-history">
          <thead>
            <tr>
              <th scope="col">{t('application.historyTime')}</th>
              <th scope="col">{t('paperwork.document')}</th>
              <th scope="col">{t('paperwork.how')}</th>
              <th scope="col">{t('application.historyOperator')}</th>
            </tr>
          </thead>
          <tbody>
            {history.data.prints.map((p, i) => (
              <tr key={i} data-testid="print-history-row" data-document={p.document} data-reprint={p.reprint}>
                <td className="nowrap">{fmt.dateTime(p.at)}</td>
                <td>
                  {t(`print.documents.${p.document}`)}
                  {p.reprint && <span className="history-table__detail">{t('paperwork.copyNumber', { count: p.copy })}</span>}
                </td>
                <td>{t(`paperwork.method.${p.how}`)}</td>
                <td>
                  <UserText value={p.operatorName ?? p.operatorId} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {choosing && <PrintChooser ids={[record.id]} suggested={suggestedDocument(record.status)} onClose={() => setChoosing(false)} />}
    </Section>
  );
}
