import { useTranslation } from 'react-i18next';
import { fmtBytes } from '../../lib/format';

export function Attachments({ files, setFiles }: { files: File[]; setFiles: (f: File[]) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="card form-section">
      <legend>{t('testimony.attachments')}</legend>
      <div className="field">
        <label htmlFor="t-files">{t('testimony.addFiles')}</label>
        <input id="t-files" type="file" multiple aria-describedby="t-files-h" onChange={(e) => { setFiles([...files, ...Array.from(e.target.files ?? [])]); e.target.value = ''; }} />
        <small id="t-files-h">{t('testimony.attachmentsHint')}</small>
      </div>
      {files.length > 0 && (
        <ul className="plain-list">
          {files.map((f, i) => (
            <li key={`${f.name}-${i}`}>
              {f.name} <span className="muted">({fmtBytes(f.size)})</span>{' '}
              <button type="button" className="link-button" onClick={() => setFiles(files.filter((_, j) => j !== i))} aria-label={t('testimony.removeFile', { name: f.name })}>{t('common.remove')}</button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
