import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { UserText } from '../../components/UserText';
import { useFormat } from '../../i18n/format';

const ENROLMENT_KEY = ['sync', 'enrolment'] as const;

/**
 * How this workstation is tied to the central server: enrolled (with a token that can be replaced), or waiting for
 * the one-time code IT received from the central server's administrator.
 */
export function EnrolmentCard({ onlyUntilEnrolled = false }: { onlyUntilEnrolled?: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const client = useQueryClient();
  const codeId = useId();
  const [code, setCode] = useState('');
  const enrolment = useQuery({ queryKey: ENROLMENT_KEY, queryFn: () => api.call('sync.enrolment', {}) });
  const enrol = useMutation({
    mutationFn: (value: string) => api.call('sync.enrol', { code: value }),
    onSuccess: (value) => {
      client.setQueryData(ENROLMENT_KEY, value);
      setCode('');
    },
  });
  const rotate = useMutation({ mutationFn: () => api.call('sync.rotateToken', {}) });
  const e = enrolment.data;
  const vars = e ? { workstation: e.workstationId, center: e.centerId, url: e.centralUrl ?? '—', at: e.enrolledAt ? fmt.dateTime(e.enrolledAt) : '—' } : {};

  if (onlyUntilEnrolled && (!e || e.mode !== 'production' || e.enrolled)) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (code.trim()) enrol.mutate(code.trim());
  };

  return (
    <section className="card card--wide" aria-labelledby="enrolment-title" data-testid="enrolment">
      <h2 id="enrolment-title" className="card__title">
        {t('sync.enrolTitle')}
      </h2>
      {enrolment.isError && <ErrorNotice error={enrolment.error} onRetry={() => void enrolment.refetch()} />}
      {e?.mode === 'training' && <p>{t('sync.enrolTraining')}</p>}
      {e && e.mode === 'production' && e.enrolled && (
        <>
          <p data-testid="enrolment-state" data-enrolled="true">
            <UserText value={t('sync.enrolled', vars)} />
          </p>
          <button type="button" className="button" disabled={rotate.isPending} onClick={() => rotate.mutate()}>
            {t('sync.rotateToken')}
          </button>
          {rotate.isSuccess && <p role="status">{t('sync.rotated')}</p>}
          {rotate.isError && <ErrorNotice error={rotate.error} />}
        </>
      )}
      {e && e.mode === 'production' && !e.enrolled && (
        <form onSubmit={submit} data-testid="enrolment-form">
          <p data-testid="enrolment-state" data-enrolled="false">
            <UserText value={t('sync.notEnrolled', vars)} />
          </p>
          <label htmlFor={codeId}>{t('sync.enrolCode')}</label>{' '}
          <input id={codeId} data-testid="enrolment-code" value={code} autoComplete="off" onChange={(ev) => setCode(ev.target.value)} />{' '}
          <button type="submit" className="button" data-testid="enrolment-submit" disabled={enrol.isPending || !code.trim()}>
            {t('sync.enrolSubmit')}
          </button>
          {enrol.isError && <ErrorNotice error={enrol.error} />}
        </form>
      )}
    </section>
  );
}
