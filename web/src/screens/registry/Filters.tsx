import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { registry } from '../../api/registry';
import { PERSON_STATUSES } from '../../api/types';
import { isValidPartialDate } from '../../lib/partialDate';
import { useApi } from '../../lib/useApi';

interface Props { params: URLSearchParams; setFilter: (name: string, value: string) => void; clear: () => void }

/** A text field that writes to the URL after the person stops typing (and only valid values). */
function useDebounced(name: string, params: URLSearchParams, setFilter: Props['setFilter'], valid: (v: string) => boolean = () => true) {
  const urlValue = params.get(name) ?? '';
  const [value, setValue] = useState(urlValue);
  useEffect(() => setValue(urlValue), [urlValue]);
  useEffect(() => {
    if (value === urlValue || !valid(value)) return;
    const h = setTimeout(() => setFilter(name, value.trim()), 350);
    return () => clearTimeout(h);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  return [value, setValue] as const;
}

export function Filters({ params, setFilter, clear }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useDebounced('q', params, setFilter);
  const [from, setFrom] = useDebounced('from', params, setFilter, isValidPartialDate);
  const [to, setTo] = useDebounced('to', params, setFilter, isValidPartialDate);
  const facilities = useApi((s) => registry.facilities({ sort: 'name', limit: 200 }, s), []);
  const sources = useApi((s) => registry.sources({ limit: 200 }, s), []);
  const fromBad = !isValidPartialDate(from), toBad = !isValidPartialDate(to);

  return (
    <form className="filters" role="search" aria-label={t('registry.filters')} onSubmit={(e) => { e.preventDefault(); setFilter('q', q.trim()); }}>
      <div className="field field-wide">
        <label htmlFor="f-q">{t('registry.search')}</label>
        <input id="f-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} aria-describedby="f-q-hint" autoComplete="off" />
        <small id="f-q-hint">{t('registry.searchHint')}</small>
      </div>
      <div className="field">
        <label htmlFor="f-status">{t('registry.status')}</label>
        <select id="f-status" value={params.get('status') ?? ''} onChange={(e) => setFilter('status', e.target.value)}>
          <option value="">{t('common.any')}</option>
          {PERSON_STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-fac">{t('registry.facility')}</label>
        <select id="f-fac" value={params.get('facility') ?? ''} onChange={(e) => setFilter('facility', e.target.value)}>
          <option value="">{t('common.any')}</option>
          {facilities.data?.items.map((f) => <option key={f.id} value={f.id}>{f.name}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-src">{t('registry.source')}</label>
        <select id="f-src" value={params.get('source') ?? ''} onChange={(e) => setFilter('source', e.target.value)}>
          <option value="">{t('common.any')}</option>
          {sources.data?.items.map((s) => <option key={s.id} value={s.id}>{s.title}</option>)}
        </select>
      </div>
      <fieldset className="period">
        <legend>{t('registry.period')}</legend>
        <span className="period-inputs">
          <label htmlFor="f-from">{t('registry.from')}</label>
          <input id="f-from" value={from} onChange={(e) => setFrom(e.target.value)} placeholder="2022-03" aria-invalid={fromBad} aria-describedby="f-period-hint" inputMode="numeric" size={9} />
          <label htmlFor="f-to">{t('registry.to')}</label>
          <input id="f-to" value={to} onChange={(e) => setTo(e.target.value)} placeholder="2023" aria-invalid={toBad} aria-describedby="f-period-hint" inputMode="numeric" size={9} />
        </span>
        <small id="f-period-hint" className={fromBad || toBad ? 'hint-error' : undefined}>{t('common.dateHint')}</small>
      </fieldset>
      <div className="filter-actions">
        <button type="submit">{t('registry.searchButton')}</button>
        <button type="button" className="secondary" onClick={clear}>{t('registry.clear')}</button>
      </div>
    </form>
  );
}
