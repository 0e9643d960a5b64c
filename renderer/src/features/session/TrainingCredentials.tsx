import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../shared/domain/operators';

/** The training operators the README publishes; their passwords work only in training mode. */
const TRAINING_CREDENTIALS: readonly { login: string; password: string; role: Role }[] = [
  { login: 'admin', password: 'admin-training-1', role: 'administrator' },
  { login: 'admin2', password: 'admin-training-2', role: 'administrator' },
  { login: 'supervisor', password: 'supervisor-training-1', role: 'supervisor' },
];

export function TrainingCredentials() {
  const { t } = useTranslation();
  return (
    <section className="training-credentials" aria-labelledby="training-credentials-title" data-testid="training-credentials">
      <h2 id="training-credentials-title">{t('session.trainingTitle')}</h2>
      <p>{t('session.trainingNote')}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('session.login')}</th>
            <th scope="col">{t('session.password')}</th>
            <th scope="col">{t('session.role')}</th>
          </tr>
        </thead>
        <tbody>
          {TRAINING_CREDENTIALS.map((c) => (
            <tr key={c.login}>
              <td>
                <code>{c.login}</code>
              </td>
              <td>
                <code>{c.password}</code>
              </td>
              <td>{t(`roles.${c.role}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
