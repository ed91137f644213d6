import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { registry } from '../../api/registry';
import type { PersonSummary } from '../../api/types';
import { StatusBadge } from '../../components/Status';
import { fmtPartial, langOf } from '../../lib/format';

/** Search the registry by any spelling; pick a person, or add the typed name as someone new. */
export function PersonSearch({ onPick, onAddNew }: { onPick: (p: PersonSummary) => void; onAddNew: (name: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<PersonSummary[] | null>(null);
  useEffect(() => {
    const text = q.trim();
    if (text.length < 2) { setHits(null); return; }
    const ctl = new AbortController();
    const h = setTimeout(() => { registry.persons({ q: text, limit: 8 }, ctl.signal).then((r) => setHits(r.items), () => {}); }, 300);
    return () => { clearTimeout(h); ctl.abort(); };
  }, [q]);
  return (
    <div className="person-search">
      <div className="field">
        <label htmlFor={`${id}-q`}>{t('testimony.fellowSearch')}</label>
        <input id={`${id}-q`} type="search" value={q} autoComplete="off" aria-describedby={`${id}-n`} onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); (document.querySelector(`[data-hits="${id}"] button`) as HTMLButtonElement | null)?.focus(); } }} />
        <small id={`${id}-n`} aria-live="polite">{hits ? t('testimony.fellowHits', { count: hits.length }) : t('testimony.fellowSearchHint')}</small>
      </div>
      {hits && (
        <ul className="hits" data-hits={id}>
          {hits.map((p) => (
            <li key={p.id}>
              <button type="button" className="hit" onClick={() => { onPick(p); setQ(''); }}>
                <span lang={langOf(p.displayName)}>{p.displayName}</span>{p.displayNameLatin && p.displayNameLatin !== p.displayName && <span className="muted"> · {p.displayNameLatin}</span>}
                {' '}<StatusBadge status={p.status} />{p.birth && <span className="muted"> · {fmtPartial(p.birth)}</span>}
              </button>
            </li>
          ))}
          <li><button type="button" className="hit add-new" onClick={() => { onAddNew(q.trim()); setQ(''); }}>{t('testimony.addNewPerson', { name: q.trim() })}</button></li>
        </ul>
      )}
    </div>
  );
}
