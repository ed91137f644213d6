import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Step, SubmitResult } from './submit';

export function StepList({ steps }: { steps: Step[] }) {
  const { t } = useTranslation();
  if (!steps.length) return null;
  return (
    <ol className="steps" aria-label={t('testimony.progress')}>
      {steps.map((s) => (
        <li key={s.key} className={`step step-${s.state}`}>
          <span className="step-state">{t(`testimony.state.${s.state}`)}</span> {t(`testimony.step.${s.label}`, s.params)}
          {s.note && <span className="muted small"> — {s.note}</span>}
        </li>
      ))}
    </ol>
  );
}

export function Done({ result, onNew }: { result: SubmitResult; onNew: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="success-box" role="status" data-testid="testimony-done" tabIndex={-1} ref={ref}>
      <p><strong>{t('testimony.saved')}</strong></p>
      {result.witnessPseudonym && <p data-testid="witness-pseudonym">{t('testimony.registeredAs', { pseudonym: result.witnessPseudonym })}</p>}
      <p>
        {result.witnessPersonId && <Link to={`/persons/${result.witnessPersonId}`}>{t('testimony.openWitness')}</Link>}
        {result.sourceId && <> · <Link to={`/persons?source=${result.sourceId}`}>{t('testimony.openPersons')}</Link></>}
      </p>
      <button type="button" onClick={onNew}>{t('testimony.newTestimony')}</button>
    </div>
  );
}
