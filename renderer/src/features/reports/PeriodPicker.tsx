import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PERIOD_PRESETS, presetPeriod, ReportPeriodSchema, type PeriodPreset, type ReportPeriod } from '../../../../shared/reports/period';
import { parseUaDate, uaDate } from './report-format';

/** Presets, or two dates typed as dd.mm.yyyy; a bad date or a reversed range is said beside the fields. */
export function PeriodPicker({ period, now, onChange }: { period: ReportPeriod; now: number; onChange: (p: ReportPeriod) => void }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState(uaDate(period.from));
  const [to, setTo] = useState(uaDate(period.to));
  const [problem, setProblem] = useState<string | null>(null);
  const choose = (p: ReportPeriod) => {
    setFrom(uaDate(p.from));
    setTo(uaDate(p.to));
    setProblem(null);
    onChange(p);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const f = parseUaDate(from);
    const tt = parseUaDate(to);
    if (!f || !tt) return setProblem(t('reports.badDate'));
    const parsed = ReportPeriodSchema.safeParse({ from: f, to: tt });
    if (!parsed.success) return setProblem(t('reports.badRange'));
    setProblem(null);
    onChange(parsed.data);
  };
  const isPreset = (p: PeriodPreset) => {
    const x = presetPeriod(p, now);
    return x.from === period.from && x.to === period.to;
  };
  return (
    <section className="report-period" aria-labelledby="report-period-title">
      <h2 id="report-period-title" className="sr-only">{t('reports.period')}</h2>
      <div className="report-period__presets" role="group" aria-label={t('reports.period')}>
        {PERIOD_PRESETS.map((p) => (
          <button key={p} type="button" className="button button--small" aria-pressed={isPreset(p)} data-testid={`report-preset-${p}`} onClick={() => choose(presetPeriod(p, now))}>
            {t(`reports.presets.${p}`)}
          </button>
        ))}
      </div>
      <form className="report-period__custom" onSubmit={submit} noValidate>
        <label>
          {t('reports.from')}
          <input type="text" inputMode="numeric" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="report-from" aria-invalid={problem !== null} />
        </label>
        <label>
          {t('reports.to')}
          <input type="text" inputMode="numeric" value={to} onChange={(e) => setTo(e.target.value)} data-testid="report-to" aria-invalid={problem !== null} />
        </label>
        <button type="submit" className="button" data-testid="report-show">{t('reports.show')}</button>
        {problem && <p className="form-error" role="alert" data-testid="report-period-error">{problem}</p>}
      </form>
    </section>
  );
}
