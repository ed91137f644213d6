import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../api/pending';
import { langOf } from '../../lib/format';
import { FIELDS_BY_KIND } from './fields';

interface Props { preview: ImportPreview; kind: string; mapping: Record<string, string>; setMapping: (m: Record<string, string>) => void; onCheck: () => void; busy: boolean }

/** Each column of the file, what it looks like, and the field it feeds (suggested by the server, changeable). */
export function MappingStep({ preview, kind, mapping, setMapping, onCheck, busy }: Props) {
  const { t } = useTranslation();
  const fields = preview.fields.length ? preview.fields : FIELDS_BY_KIND[kind || preview.kind || 'persons'] ?? FIELDS_BY_KIND.persons;
  const used = Object.values(mapping).filter(Boolean);
  return (
    <section className="card form-section" aria-labelledby="imp-h2">
      <h2 id="imp-h2" tabIndex={-1}>{t('import.step2')}</h2>
      <p className="small">{t('import.mappingHint', { kind: t(`import.kinds.${preview.kind ?? kind ?? 'persons'}`, { defaultValue: preview.kind ?? kind }) })}</p>
      <div className="table-wrap">
        <table className="data-table mapping-table">
          <thead><tr><th scope="col">{t('import.column')}</th><th scope="col">{t('import.samples')}</th><th scope="col">{t('import.field')}</th></tr></thead>
          <tbody>
            {preview.columns.map((c, i) => {
              const value = mapping[c.name] ?? '';
              const dup = value && used.filter((u) => u === value).length > 1;
              return (
                <tr key={c.name} className={value ? 'mapped' : 'unmapped'}>
                  <th scope="row"><code>{c.name}</code></th>
                  <td className="samples">{c.samples.filter(Boolean).slice(0, 3).map((s, j) => <span key={j} lang={langOf(s)}>{s}</span>)}</td>
                  <td>
                    <label className="sr-only" htmlFor={`map-${i}`}>{t('import.fieldFor', { column: c.name })}</label>
                    <select id={`map-${i}`} value={value} aria-invalid={dup ? true : undefined} onChange={(e) => setMapping({ ...mapping, [c.name]: e.target.value })}>
                      <option value="">{t('import.ignore')}</option>
                      {fields.map((f) => <option key={f} value={f}>{t(`importField.${f}`, { defaultValue: f })}</option>)}
                    </select>
                    {c.suggested && c.suggested === value && <span className="badge recognised">{t('import.recognised')}</span>}
                    {dup && <small className="hint-error">{t('import.duplicate')}</small>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <button type="button" className="primary" onClick={onCheck} disabled={busy}>{busy ? t('import.checking') : t('import.dryRun')}</button>
    </section>
  );
}
