import { useTranslation } from 'react-i18next';
import type { DocumentData } from '../../../../../shared/api/paperwork';
import { useFormat } from '../../../i18n/format';
import { Paper, PaperText, SignatureLine, type PageContext } from './Paper';

type Data = Extract<DocumentData, { document: 'daily_register' }>;

/** The register of licences handed over at this workstation on one Kyiv day. */
export function DailyRegister({ data, ...page }: PageContext & { data: Data }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Paper {...page} title={t('print.dailyRegisterTitle', { day: fmt.calendarDate(data.day) })} previousPrints={data.previousPrints} testId="paper-daily_register">
      {data.rows.length === 0 ? (
        <p className="paper__statement">{t('print.registerEmpty')}</p>
      ) : (
        <table className="paper-table">
          <thead>
            <tr>
              <th scope="col">№</th>
              <th scope="col">{t('print.applicationNumber')}</th>
              <th scope="col">{t('print.citizen')}</th>
              <th scope="col">{t('print.newLicence')}</th>
              <th scope="col">{t('print.identityDocument')}</th>
              <th scope="col">{t('print.issuedAt')}</th>
              <th scope="col">{t('print.operator')}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row, i) => (
              <tr key={`${row.applicationId}-${row.issuedAt}`} data-testid="register-row">
                <td>{i + 1}</td>
                <td className="nowrap">{row.number}</td>
                <td>
                  <PaperText value={row.applicantName} />
                </td>
                <td className="nowrap">{row.newLicenceNumber ?? '—'}</td>
                <td>
                  <PaperText value={`${t(`identityDocument.${row.identityDocument.type}`)} ${row.identityDocument.number}`} />
                </td>
                <td className="nowrap">{fmt.dateTime(row.issuedAt)}</td>
                <td>
                  <PaperText value={row.operatorName ?? '—'} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="paper__statement">{t('print.registerTotal', { count: data.rows.length })}</p>
      <div className="paper__signatures">
        <SignatureLine role={t('print.administrator')} name={page.header.operator.displayName} />
      </div>
    </Paper>
  );
}
