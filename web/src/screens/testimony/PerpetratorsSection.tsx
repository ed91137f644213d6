import { useTranslation } from 'react-i18next';
import { PERPETRATOR_KINDS, type PerpetratorKind } from '../../api/types';
import { SelectField, TextField } from '../../components/Form';
import { newPerpetrator, type Perpetrator } from './draft';

interface Props { items: Perpetrator[]; setItems: (p: Perpetrator[]) => void; focusNew: (id: string) => void; errors: Record<string, string> }

export function PerpetratorsSection({ items, setItems, focusNew, errors }: Props) {
  const { t } = useTranslation();
  const update = (key: string, p: Partial<Perpetrator>) => setItems(items.map((x) => (x.key === key ? { ...x, ...p } : x)));
  return (
    <fieldset className="card form-section">
      <legend>{t('testimony.perpetrators')}</legend>
      <p className="small muted">{t('testimony.perpetratorsHint')}</p>
      {items.map((pp, i) => (
        <fieldset key={pp.key} className="row-set">
          <legend>{t('testimony.perpetratorN', { n: i + 1 })}</legend>
          <div className="form-grid">
            <SelectField id={`${pp.key}-first`} label={t('testimony.perpetratorKind')} value={pp.kind} onChange={(v) => update(pp.key, { kind: v as PerpetratorKind })}
              options={PERPETRATOR_KINDS.map((k) => ({ value: k, label: t(`perpetrator.${k}`) }))} />
            <TextField label={t('testimony.perpetratorName')} required value={pp.name} onChange={(v) => update(pp.key, { name: v })} error={errors[`${pp.key}.name`]} />
            <TextField label={t('testimony.perpetratorNotes')} value={pp.notes} onChange={(v) => update(pp.key, { notes: v })} />
          </div>
          <button type="button" className="secondary danger" onClick={() => setItems(items.filter((x) => x.key !== pp.key))}>{t('testimony.removePerpetrator', { n: i + 1 })}</button>
        </fieldset>
      ))}
      <button type="button" onClick={() => { const p = newPerpetrator(); setItems([...items, p]); focusNew(`${p.key}-first`); }}>{t('testimony.addPerpetrator')}</button>
    </fieldset>
  );
}
