import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Facility } from '../../api/types';
import { DateField, FacilitySelect, TextField } from '../../components/Form';
import { langOf } from '../../lib/format';
import { newFellow, type Fellow } from './draft';
import { PersonSearch } from './PersonSearch';

interface Props { items: Fellow[]; setItems: (f: Fellow[]) => void; facilities: Facility[]; focusNew: (id: string) => void; errors: Record<string, string> }

export function FellowsSection({ items, setItems, facilities, focusNew, errors }: Props) {
  const { t } = useTranslation();
  const update = (key: string, p: Partial<Fellow>) => setItems(items.map((x) => (x.key === key ? { ...x, ...p } : x)));
  const add = (f: Fellow) => { setItems([...items, f]); focusNew(`${f.key}-first`); };
  return (
    <fieldset className="card form-section">
      <legend>{t('testimony.fellows')}</legend>
      <p className="small muted">{t('testimony.fellowsHint')}</p>
      {items.map((f, i) => (
        <fieldset key={f.key} className="row-set">
          <legend>{t('testimony.fellowN', { n: i + 1 })}: <span lang={langOf(f.name)}>{f.name || '…'}</span></legend>
          {f.personId
            ? <p className="small">{t('testimony.fellowExisting')} <Link to={`/persons/${f.personId}`} target="_blank" rel="noopener">{t('testimony.openRecord')}</Link></p>
            : null}
          <div className="form-grid">
            {f.personId
              ? <FacilitySelect id={`${f.key}-first`} label={t('testimony.seenAt')} facilities={facilities} value={f.facilityId} onChange={(v) => update(f.key, { facilityId: v })} />
              : <TextField id={`${f.key}-first`} label={t('testimony.fellowName')} required value={f.name} onChange={(v) => update(f.key, { name: v })} error={errors[`${f.key}.name`]} />}
            {!f.personId && <FacilitySelect label={t('testimony.seenAt')} facilities={facilities} value={f.facilityId} onChange={(v) => update(f.key, { facilityId: v })} />}
            <DateField label={t('testimony.seenFrom')} value={f.from} onChange={(v) => update(f.key, { from: v })} error={errors[`${f.key}.from`]} />
            <DateField label={t('testimony.seenTo')} value={f.to} onChange={(v) => update(f.key, { to: v })} error={errors[`${f.key}.to`]} />
          </div>
          <button type="button" className="secondary danger" onClick={() => setItems(items.filter((x) => x.key !== f.key))}>{t('testimony.removeFellow', { n: i + 1 })}</button>
        </fieldset>
      ))}
      <PersonSearch onPick={(p) => add(newFellow(p.id, p.displayName))} onAddNew={(name) => add(newFellow(null, name))} />
    </fieldset>
  );
}
