import { useTranslation } from 'react-i18next';
import type { AutoChecks } from '../../../../shared/domain/application';
import { PassFail, Section } from './Section';

const CHECKS: readonly (keyof AutoChecks)[] = ['paymentConfirmed', 'identityMatches', 'noDrivingBan', 'licenceInRegister'];

/** The registry flags that came with the application, each with a pass/fail shape and word. */
export function AutoChecksSection({ checks }: { checks: AutoChecks }) {
  const { t } = useTranslation();
  return (
    <Section title={t('application.checksSection')} testId="auto-checks">
      <ul className="checks">
        {CHECKS.map((check) => (
          <li key={check} className="checks__item" data-check={check} data-passed={checks[check]}>
            <span className="checks__name">{t(`application.checks.${check}`)}</span>
            <PassFail ok={checks[check]} yes={t('application.checkPassed')} no={t('application.checkFailed')} />
          </li>
        ))}
      </ul>
    </Section>
  );
}
