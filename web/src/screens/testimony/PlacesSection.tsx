import { useTranslation } from 'react-i18next';
import type { Facility } from '../../api/types';
import { DateField, FacilitySelect, TextField } from '../../components/Form';
import { newPlace, type Place } from './draft';

interface Props { places: Place[]; setPlaces: (p: Place[]) => void; facilities: Facility[]; focusNew: (id: string) => void; errors: Record<string, string> }

export function PlacesSection({ places, setPlaces, facilities, focusNew, errors }: Props) {
  const { t } = useTranslation();
  const update = (key: string, p: Partial<Place>) => setPlaces(places.map((x) => (x.key === key ? { ...x, ...p } : x)));
  return (
    <fieldset className="card form-section">
      <legend>{t('testimony.places')}</legend>
      <p className="small muted">{t('testimony.placesHint')}</p>
      {places.map((pl, i) => (
        <fieldset key={pl.key} className="row-set">
          <legend>{t('testimony.placeN', { n: i + 1 })}</legend>
          <div className="form-grid">
            <FacilitySelect id={`${pl.key}-first`} label={t('testimony.facility')} required facilities={facilities} value={pl.facilityId} onChange={(v) => update(pl.key, { facilityId: v })} error={errors[`${pl.key}.facilityId`]} />
            <DateField label={t('testimony.from')} value={pl.from} onChange={(v) => update(pl.key, { from: v })} error={errors[`${pl.key}.from`]} />
            <DateField label={t('testimony.to')} value={pl.to} onChange={(v) => update(pl.key, { to: v })} error={errors[`${pl.key}.to`]} />
          </div>
          <TextField label={t('testimony.placeNotes')} value={pl.notes} onChange={(v) => update(pl.key, { notes: v })} />
          <button type="button" className="secondary danger" onClick={() => setPlaces(places.filter((x) => x.key !== pl.key))}>{t('testimony.removePlace', { n: i + 1 })}</button>
        </fieldset>
      ))}
      <button type="button" onClick={() => { const p = newPlace(); setPlaces([...places, p]); focusNew(`${p.key}-first`); }}>{t('testimony.addPlace')}</button>
    </fieldset>
  );
}
