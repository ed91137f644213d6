import { useTranslation } from 'react-i18next';
import type { AllegationType, Facility } from '../../api/types';
import { DateField, FacilitySelect, SelectField, TextField } from '../../components/Form';
import { newAllegation, type AllegationDraft, type Draft } from './draft';

interface Props { draft: Draft; setItems: (a: AllegationDraft[]) => void; types: AllegationType[]; facilities: Facility[]; focusNew: (id: string) => void; errors: Record<string, string> }

function toggle(list: string[], v: string, on: boolean): string[] {
  return on ? [...new Set([...list, v])] : list.filter((x) => x !== v);
}

/** Allegations coded with the controlled vocabulary; victims and perpetrators are ticked from the lists above. */
export function AllegationsSection({ draft, setItems, types, facilities, focusNew, errors }: Props) {
  const { t, i18n } = useTranslation();
  const items = draft.allegations;
  const update = (key: string, p: Partial<AllegationDraft>) => setItems(items.map((x) => (x.key === key ? { ...x, ...p } : x)));
  const uk = i18n.language === 'uk';
  const typeOptions = types.map((ty) => ({ value: ty.code, label: uk ? ty.labelUk : ty.labelEn, group: t(`allegationCategory.${ty.category}`, { defaultValue: ty.category }) }));
  const victims = [{ key: 'witness', label: `${t('testimony.theWitness')}${draft.pseudonym ? ` (${draft.pseudonym})` : ''}` }, ...draft.fellows.map((f) => ({ key: f.key, label: f.name || '…' }))];
  return (
    <fieldset className="card form-section">
      <legend>{t('testimony.allegations')}</legend>
      {items.map((a, i) => (
        <fieldset key={a.key} className="row-set">
          <legend>{t('testimony.allegationN', { n: i + 1 })}</legend>
          <div className="form-grid">
            <SelectField id={`${a.key}-first`} label={t('testimony.allegationType')} required value={a.typeCode} onChange={(v) => update(a.key, { typeCode: v })} options={typeOptions} empty={t('form.choose')} error={errors[`${a.key}.typeCode`]} />
            <DateField label={t('testimony.when')} value={a.when} onChange={(v) => update(a.key, { when: v })} error={errors[`${a.key}.when`]} />
            <FacilitySelect label={t('testimony.facility')} facilities={facilities} value={a.facilityId} onChange={(v) => update(a.key, { facilityId: v })} />
            <TextField label={t('testimony.placeText')} value={a.place} onChange={(v) => update(a.key, { place: v })} />
            <SelectField label={t('allegation.credibility')} value={String(a.credibility)} onChange={(v) => update(a.key, { credibility: Number(v) })}
              options={[1, 2, 3, 4, 5, 6].map((c) => ({ value: String(c), label: `${c} — ${t(`credibility.${c}`)}` }))} />
          </div>
          <TextField label={t('testimony.narrative')} multiline value={a.narrative} onChange={(v) => update(a.key, { narrative: v })} />
          <div className="check-groups">
            <fieldset className="checks">
              <legend>{t('testimony.victims')}</legend>
              {victims.map((v) => (
                <label key={v.key} className="check"><input type="checkbox" checked={a.victims.includes(v.key)} onChange={(e) => update(a.key, { victims: toggle(a.victims, v.key, e.target.checked) })} /> {v.label}</label>
              ))}
              {errors[`${a.key}.victims`] && <small className="hint-error">{errors[`${a.key}.victims`]}</small>}
            </fieldset>
            <fieldset className="checks">
              <legend>{t('testimony.perpetrators')}</legend>
              {draft.perpetrators.length === 0 && <p className="small muted">{t('testimony.noPerpetrators')}</p>}
              {draft.perpetrators.map((p) => (
                <label key={p.key} className="check"><input type="checkbox" checked={a.perpetrators.includes(p.key)} onChange={(e) => update(a.key, { perpetrators: toggle(a.perpetrators, p.key, e.target.checked) })} /> {p.name || '…'} ({t(`perpetrator.${p.kind}`)})</label>
              ))}
            </fieldset>
          </div>
          <button type="button" className="secondary danger" onClick={() => setItems(items.filter((x) => x.key !== a.key))}>{t('testimony.removeAllegation', { n: i + 1 })}</button>
        </fieldset>
      ))}
      <button type="button" onClick={() => { const a = newAllegation(); setItems([...items, a]); focusNew(`${a.key}-first`); }}>{t('testimony.addAllegation')}</button>
    </fieldset>
  );
}
