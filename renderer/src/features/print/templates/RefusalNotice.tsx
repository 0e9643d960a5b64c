import { useTranslation } from 'react-i18next';
import type { DocumentData } from '../../../../../shared/api/paperwork';
import { useFormat } from '../../../i18n/format';
import { addressLines } from './address';
import { ApplicationNumberBlock } from './Barcode';
import { Paper, PaperFields, PaperText, SignatureLine, type PageContext } from './Paper';

type Data = Extract<DocumentData, { document: 'refusal_notice' }>;

/** The notice to the citizen: the reason from the catalogue (its Ukrainian title) and the administrator's explanation. */
export function RefusalNotice({ data, ...page }: PageContext & { data: Data }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const english = i18n.language.startsWith('en');
  return data.items.map((item) => (
    <Paper key={item.applicationId} {...page} title={t('print.documents.refusal_notice')} previousPrints={item.previousPrints} testId="paper-refusal_notice" applicationId={item.applicationId}>
      <div className="paper__addressee">
        <p>
          <PaperText value={item.applicant.fullName} />
        </p>
        {addressLines(item.address, t).map((line, i) => (
          <p key={i}>
            <PaperText value={line} />
          </p>
        ))}
      </div>
      <ApplicationNumberBlock number={item.number} />
      <p className="paper__statement">{t('print.refusalLead', { submitted: fmt.date(item.submittedAt) })}</p>
      <PaperFields
        rows={[
          [
            t('print.refusalReason'),
            <span key="r" data-testid="refusal-reason">
              <strong>
                <PaperText value={item.reason.titleUk} />
              </strong>
              {english && item.reason.titleEn !== item.reason.titleUk && (
                <>
                  {' '}
                  (<PaperText value={item.reason.titleEn} />)
                </>
              )}
            </span>,
          ],
          [t('print.refusalExplanation'), <PaperText key="e" value={item.explanation} />],
          [t('print.refusedAt'), item.refusedAt ? fmt.dateTime(item.refusedAt) : '—'],
          [t('print.refusedBy'), item.refusedBy ? <PaperText key="b" value={item.refusedBy} /> : '—'],
        ]}
      />
      <p className="paper__statement">{t('print.refusalNextSteps')}</p>
      <div className="paper__signatures">
        <SignatureLine role={t('print.administrator')} name={page.header.operator.displayName} />
      </div>
    </Paper>
  ));
}
