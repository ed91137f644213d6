import { useTranslation } from 'react-i18next';
import type { ReviewPair } from '../../api/pending';

/** Match weight as the sum of per-comparison log₂ Bayes factors: bars right of zero argue for a match, left against. */
export function WeightExplain({ pair }: { pair: ReviewPair }) {
  const { t } = useTranslation();
  const comps = pair.comparisons.filter((c) => c.weight != null);
  const max = Math.max(1, ...comps.map((c) => Math.abs(c.weight!)));
  const total = pair.weight ?? comps.reduce((s, c) => s + (c.weight ?? 0), 0);
  return (
    <section className="card" aria-labelledby="h-weight">
      <h2 id="h-weight">{t('linkage.weight')}</h2>
      <p data-testid="match-weight">
        {t('linkage.total', { weight: total.toFixed(2) })}
        {pair.probability != null && <> · {t('linkage.probability', { p: (pair.probability * 100).toFixed(1) })}</>}
      </p>
      <p className="small muted">{t('linkage.weightHint')}</p>
      {pair.prior != null && <p className="small">{t('linkage.prior', { weight: pair.prior.toFixed(2) })}</p>}
      {pair.reason && <p className="small">{t('linkage.reason')}: {pair.reason}</p>}
      {comps.length > 0 && (
        <ul className="weights">
          {comps.map((c, i) => {
            const w = c.weight!;
            const len = (Math.abs(w) / max) * 50;
            return (
              <li key={`${c.field}-${i}`}>
                <span className="w-label">{t(`importField.${c.field}`, { defaultValue: c.field })}{c.level && <span className="muted small"> · {c.level}</span>}</span>
                <svg viewBox="0 0 100 10" preserveAspectRatio="none" className="w-svg" aria-hidden="true" focusable="false">
                  <line x1="50" x2="50" y1="0" y2="10" className="w-zero" />
                  <rect x={w >= 0 ? 50 : 50 - len} width={len} y="2" height="6" className={w >= 0 ? 'w-for' : 'w-against'} />
                </svg>
                <span className="w-value">{w > 0 ? '+' : ''}{w.toFixed(2)}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
