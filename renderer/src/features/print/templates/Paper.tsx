import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentData } from '../../../../../shared/api/paperwork';
import { useFormat } from '../../../i18n/format';

/**
 * Text from outside (an applicant, an operator's name, a center): isolated from the direction around it and
 * wrapped anywhere, so markup stays text, a right-to-left override cannot flip the sheet and a 10,000-character
 * name runs on over the lines (and pages) it needs instead of off the paper.
 */
export function PaperText({ value }: { value: string }) {
  return <bdi className="paper-text">{value}</bdi>;
}

export type DocumentHeader = Pick<DocumentData, 'center' | 'date' | 'preparedAt' | 'operator'>;

/** What every template gets besides its data. */
export interface PageContext {
  header: DocumentHeader;
  /** Training mode: every sheet says it is a specimen. */
  training: boolean;
}

interface Props extends PageContext {
  title: string;
  /** How many times this sheet was printed before: a reprint says «КОПІЯ» on the page. */
  previousPrints: number;
  size?: 'a4' | 'label';
  testId: string;
  applicationId?: string;
  children: ReactNode;
}

/** The copy and training marks: on the paper itself, so they survive any printer and any PDF viewer. */
export function PaperMarks({ previousPrints, training }: { previousPrints: number; training: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {training && (
        <p className="paper__training" data-testid="training-mark">
          {t('print.trainingMark')}
        </p>
      )}
      {previousPrints > 0 && (
        <p className="paper__copy" data-testid="copy-mark">
          <strong>{t('print.copyMark')}</strong> <span>{t('print.reprintNumber', { count: previousPrints })}</span>
        </p>
      )}
    </>
  );
}

/** One sheet: who issued it (the center), when (Kyiv), who prepared it, then the document itself. */
export function Paper({ header, training, title, previousPrints, size = 'a4', testId, applicationId, children }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <article className={`paper paper--${size}`} data-testid={testId} data-application-id={applicationId} data-copy={previousPrints > 0}>
      <PaperMarks previousPrints={previousPrints} training={training} />
      <header className="paper__head">
        <div className="paper__issuer">
          <p className="paper__ministry">{t('print.ministry')}</p>
          <p className="paper__center">
            <PaperText value={header.center.name} />
          </p>
          {header.center.address && (
            <p className="paper__small">
              <PaperText value={header.center.address} />
            </p>
          )}
        </div>
        <dl className="paper__meta">
          <div>
            <dt>{t('print.date')}</dt>
            <dd>{fmt.calendarDate(header.date)}</dd>
          </div>
          <div>
            <dt>{t('print.preparedAt')}</dt>
            <dd>{fmt.dateTime(header.preparedAt)}</dd>
          </div>
          <div>
            <dt>{t('print.operator')}</dt>
            <dd>
              <PaperText value={header.operator.displayName} />
            </dd>
          </div>
        </dl>
      </header>
      <h2 className="paper__title">{title}</h2>
      {children}
    </article>
  );
}

/** Label/value rows of a document. */
export function PaperFields({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="paper-fields">
      {rows.map(([label, value]) => (
        <div key={label} className="paper-fields__row">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A line to sign on, with whose signature it is under it. */
export function SignatureLine({ role, name }: { role: string; name?: string }) {
  const { t } = useTranslation();
  return (
    <div className="signature">
      <div className="signature__line" aria-hidden="true" />
      <p className="signature__caption">
        {role}
        {name !== undefined && (
          <>
            {' — '}
            <PaperText value={name} />
          </>
        )}
      </p>
      <p className="signature__hint">{t('print.signatureHint')}</p>
    </div>
  );
}
