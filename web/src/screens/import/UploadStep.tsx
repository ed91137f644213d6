import { useTranslation } from 'react-i18next';
import { RELIABILITY } from '../../api/types';
import { DateField, SelectField, TextField } from '../../components/Form';
import { LIST_KINDS } from './fields';

export interface UploadForm { file: File | null; kind: string; sourceTitle: string; reliability: string; obtained: string }

export function UploadStep({ form, set, onPreview, busy }: { form: UploadForm; set: (p: Partial<UploadForm>) => void; onPreview: () => void; busy: boolean }) {
  const { t } = useTranslation();
  return (
    <form className="card form-section" onSubmit={(e) => { e.preventDefault(); onPreview(); }}>
      <h2 tabIndex={-1}>{t('import.step1')}</h2>
      <div className="field">
        <label htmlFor="imp-file">{t('import.file')}<span className="req" aria-hidden="true"> *</span></label>
        <input id="imp-file" type="file" required accept=".csv,.tsv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-describedby="imp-file-h"
          onChange={(e) => { const f = e.target.files?.[0] ?? null; set({ file: f, sourceTitle: form.sourceTitle || (f?.name ?? '') }); }} />
        <small id="imp-file-h">{t('import.fileHint')}</small>
      </div>
      <div className="form-grid">
        <SelectField label={t('import.kind')} value={form.kind} onChange={(v) => set({ kind: v })} options={[{ value: '', label: t('import.kindAuto') }, ...LIST_KINDS.map((k) => ({ value: k, label: t(`import.kinds.${k}`) }))]} />
        <TextField label={t('import.sourceTitle')} required value={form.sourceTitle} onChange={(v) => set({ sourceTitle: v })} />
        <SelectField label={t('testimony.reliability')} value={form.reliability} onChange={(v) => set({ reliability: v })} options={RELIABILITY.map((r) => ({ value: r, label: `${r} — ${t(`reliability.${r}`)}` }))} />
        <DateField label={t('import.obtained')} value={form.obtained} onChange={(v) => set({ obtained: v })} />
      </div>
      <button type="submit" className="primary" disabled={!form.file || busy}>{busy ? t('import.reading') : t('import.preview')}</button>
    </form>
  );
}
