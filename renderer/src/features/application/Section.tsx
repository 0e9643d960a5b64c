import { useId, type ReactNode } from 'react';

/** A titled part of the application screen (a region named by its heading). */
export function Section({ title, children, className, testId }: { title: string; children: ReactNode; className?: string; testId?: string }) {
  const id = useId();
  return (
    <section className={className ? `card ${className}` : 'card'} aria-labelledby={id} data-testid={testId}>
      <h2 id={id} className="card__title">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** Label/value pairs. */
export function Fields({ children }: { children: ReactNode }) {
  return <dl className="fields">{children}</dl>;
}

export function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="fields__item">
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

/** A yes/no fact shown with a shape and a word, never by colour alone. */
export function PassFail({ ok, yes, no }: { ok: boolean; yes: string; no: string }) {
  return (
    <span className={ok ? 'pass-fail pass-fail--pass' : 'pass-fail pass-fail--fail'}>
      <span className="pass-fail__icon" aria-hidden="true">
        {ok ? '✓' : '✗'}
      </span>
      {ok ? yes : no}
    </span>
  );
}
