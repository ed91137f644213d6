import { useTranslation } from 'react-i18next';
import { PERSON_STATUSES, RELIABILITY } from '../../api/types';
import { DateField, SelectField, TextField } from '../../components/Form';
import type { Draft, Identity } from './draft';

interface Props { draft: Draft; set: (p: Partial<Draft>) => void; identity: Identity; setIdentity: (p: Partial<Identity>) => void; errors: Record<string, string> }

export function WitnessSection({ draft, set, identity, setIdentity, errors }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <fieldset className="card form-section">
        <legend>{t('testimony.witness')}</legend>
        <div className="form-grid">
          <TextField id="t-pseudonym" label={t('testimony.pseudonym')} required value={draft.pseudonym} onChange={(v) => set({ pseudonym: v })} hint={t('testimony.pseudonymHint')} error={errors.pseudonym} />
          <SelectField label={t('testimony.witnessStatus')} value={draft.witnessStatus} onChange={(v) => set({ witnessStatus: v })} options={PERSON_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
        </div>
        <div className="restricted-box" role="group" aria-labelledby="t-restricted-h">
          <p id="t-restricted-h"><strong>{t('testimony.identityTitle')}</strong></p>
          <p className="small">{t('testimony.identityNote')}</p>
          <div className="form-grid">
            <TextField label={t('testimony.realName')} restricted value={identity.realName} onChange={(v) => setIdentity({ realName: v })} autoComplete="off" error={errors['identity.realName']} />
            <DateField label={t('testimony.birth')} restricted value={identity.birth} onChange={(v) => setIdentity({ birth: v })} error={errors['identity.birth']} />
            <TextField label={t('testimony.contact')} restricted value={identity.contact} onChange={(v) => setIdentity({ contact: v })} />
          </div>
        </div>
      </fieldset>
      <fieldset className="card form-section">
        <legend>{t('testimony.interview')}</legend>
        <div className="form-grid">
          <DateField label={t('testimony.interviewed')} value={draft.interviewed} onChange={(v) => set({ interviewed: v })} error={errors.interviewed} />
          <SelectField label={t('testimony.language')} value={draft.language} onChange={(v) => set({ language: v })} options={[{ value: 'uk', label: 'Українська' }, { value: 'ru', label: 'Русский' }, { value: 'en', label: 'English' }, { value: 'other', label: t('common.other') }]} />
          <SelectField label={t('testimony.reliability')} value={draft.reliability} onChange={(v) => set({ reliability: v })} options={RELIABILITY.map((r) => ({ value: r, label: `${r} — ${t(`reliability.${r}`)}` }))} />
        </div>
        <TextField label={t('testimony.interviewNotes')} multiline value={draft.interviewNotes} onChange={(v) => set({ interviewNotes: v })} />
      </fieldset>
    </>
  );
}
