import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { linkage, roleOf, type ReviewPair } from '../../api/pending';
import { useWorkspace } from '../../app/workspace';
import { PageTitle } from '../../components/PageTitle';
import { ErrorBox, Loading } from '../../components/Status';
import { PairView } from './PairView';
import { WeightExplain } from './WeightExplain';

type Decision = 'match' | 'non_match' | 'skip';
const KEYS: Record<string, Decision> = { a: 'match', m: 'match', r: 'non_match', n: 'non_match', s: 'skip' };
/** Who may decide pairs (the server's linkage:decide policy; the server enforces it, this only explains). */
const DECIDERS = ['administrator', 'reviewer'];

export default function LinkageReview() {
  const { t } = useTranslation();
  const [queue, setQueue] = useState<ReviewPair[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [decided, setDecided] = useState(0);
  const [last, setLast] = useState<string | null>(null);
  const [waiting, setWaiting] = useState<number | null>(null);
  const { session } = useWorkspace();
  const role = roleOf(session);
  const mayDecide = role === null || DECIDERS.includes(role);

  const fetchNext = useCallback(() => {
    setError(null);
    linkage.next().then((q) => { setQueue(q); setWaiting(q[0]?.remaining ?? q.length); }, setError);
  }, []);
  useEffect(fetchNext, [fetchNext]);
  const pair = queue?.[0];

  const decide = useCallback(async (d: Decision) => {
    if (!pair || busy || !mayDecide) return;
    setBusy(true);
    try {
      await linkage.decide(pair.id, d);
      setDecided((n) => n + 1);
      if (d !== 'skip') setWaiting((w) => (w == null ? w : Math.max(0, w - 1)));
      setLast(t(`linkage.decided.${d}`));
      const rest = queue!.slice(1);
      if (rest.length) setQueue(rest); else fetchNext();
    } catch (e) { setError(e); } finally { setBusy(false); }
  }, [pair, busy, queue, fetchNext, t, mayDecide]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement;
      if (e.ctrlKey || e.metaKey || e.altKey || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName)) return;
      const d = KEYS[e.key.toLowerCase()];
      if (d) { e.preventDefault(); void decide(d); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [decide]);

  return (
    <>
      <PageTitle title={t('linkage.title')} sub={<p className="small">{t('linkage.intro')}</p>}>{t('linkage.title')}</PageTitle>
      {error != null && <ErrorBox error={error} onRetry={fetchNext} />}
      <p className="sr-only" aria-live="polite">{last}</p>
      {!queue && !error && <Loading />}
      {queue && !pair && <><p role="status">{t('linkage.empty', { count: decided })}</p><p className="small muted">{t('linkage.emptyHint')}</p></>}
      {pair && (
        <>
          <p className="muted">{t('linkage.progress', { decided, remaining: waiting ?? queue!.length })}</p>
          <div className="linkage-grid">
            <section className="card" aria-labelledby="h-pair">
              <h2 id="h-pair">{t('linkage.pair')}</h2>
              <PairView pair={pair} />
            </section>
            <WeightExplain pair={pair} />
          </div>
          {!mayDecide && <p className="role-note" data-testid="may-not-decide">{t('linkage.mayNotDecide', { role: t(`role.${role}`, { defaultValue: role ?? '' }) })}</p>}
          <div className="decision-bar" role="group" aria-label={t('linkage.decision')}>
            <button type="button" className="primary" onClick={() => void decide('match')} disabled={busy || !mayDecide} aria-keyshortcuts="A">{t('linkage.accept')} <kbd>A</kbd></button>
            <button type="button" className="danger" onClick={() => void decide('non_match')} disabled={busy || !mayDecide} aria-keyshortcuts="R">{t('linkage.reject')} <kbd>R</kbd></button>
            <button type="button" className="secondary" onClick={() => void decide('skip')} disabled={busy || !mayDecide} aria-keyshortcuts="S">{t('linkage.skip')} <kbd>S</kbd></button>
          </div>
        </>
      )}
    </>
  );
}
