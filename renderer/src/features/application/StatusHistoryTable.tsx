import { useTranslation } from 'react-i18next';
import type { StatusChange } from '../../../../shared/domain/application';
import { UserText } from '../../components/UserText';
import { useFormat } from '../../i18n/format';
import { Section } from './Section';

/** Every status change with its Kyiv time, operator and note, oldest first. */
export function StatusHistoryTable({ history }: { history: readonly StatusChange[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Section title={t('application.historySection')} className="card--wide">

        <table className="history-table" data-testid="status-history">
          <thead>
            <tr>
              <th scope="col">{t('application.historyTime')}</th>
              <th scope="col">{t('application.historyStatus')}</th>
              <th scope="col">{t('application.historyOperator')}</th>
              <th scope="col">{t('application.historyNote')}</th>
            </tr>
          </thead>
          <tbody>
            {history.map((change, i) => (
              <tr key={i}>
                <td className="nowrap">{fmt.dateTime(change.at)}</td>
                <td>{t(`status.${change.status}`)}</td>
                <td>{change.operatorId ? <UserText value={change.operatorId} block /> : <span className="muted">{t('application.historySystem')}</span>}</td>
                <td>{change.note ? <UserText value={change.note} block /> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
    </Section>
  );
}
