import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { evidence, type EvidenceItem } from '../../api/pending';
import { registry } from '../../api/registry';
import { SelectField, TextField } from '../../components/Form';
import { ErrorBox } from '../../components/Status';
import { fmtBytes } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { sha256Hex } from './hash';

export function Upload({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const sources = useApi((s) => registry.sources({ limit: 200 }, s), []);
  const [file, setFile] = useState<File | null>(null);
  const [sourceId, setSourceId] = useState('');
  const [description, setDescription] = useState('');
  const [progress, setProgress] = useState<{ loaded: number; total: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<{ item: EvidenceItem & { duplicate: boolean }; local: string | null } | null>(null);

  const submit = async () => {
    if (!file) return;
    setError(null); setDone(null); setProgress({ loaded: 0, total: file.size });
    const form = new FormData();
    if (sourceId) form.set('sourceId', sourceId);
    if (description.trim()) form.set('note', description.trim());
    form.set('originalName', file.name);
    form.set('file', file, file.name);
    try {
      const [item, local] = await Promise.all([evidence.upload(form, setProgress), sha256Hex(file)]);
      setDone({ item, local });
      onDone();
    } catch (e) { setError(e); setProgress(null); }
  };

  return (
    <form className="card form-section" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h2>{t('evidence.upload')}</h2>
      <div className="field">
        <label htmlFor="ev-file">{t('evidence.file')}<span className="req" aria-hidden="true"> *</span></label>
        <input id="ev-file" type="file" required onChange={(e) => setFile(e.target.files?.[0] ?? null)} aria-describedby="ev-file-h" />
        <small id="ev-file-h">{file ? `${file.name} · ${fmtBytes(file.size)}` : t('evidence.fileHint')}</small>
      </div>
      <div className="form-grid">
        <SelectField label={t('evidence.source')} value={sourceId} onChange={setSourceId} empty={t('evidence.noSource')} options={(sources.data?.items ?? []).map((s) => ({ value: s.id, label: s.title }))} />
        <TextField label={t('evidence.description')} value={description} onChange={setDescription} />
      </div>
      {progress && !done && (
        <p><label htmlFor="ev-progress">{t('evidence.uploading')}</label> <progress id="ev-progress" max={progress.total || 1} value={progress.loaded} /> {fmtBytes(progress.loaded)}</p>
      )}
      {error != null && <ErrorBox error={error} />}
      {done && (
        <div className="success-box" role="status">
          <p><strong>{t('evidence.received')}</strong> <Link to={`/evidence/${done.item.id}`}>{done.item.fileName ?? done.item.id}</Link></p>
          <dl className="kv">
            <dt>SHA-256</dt><dd><code className="hash">{done.item.sha256}</code></dd>
            <dt>{t('evidence.logIndex')}</dt><dd data-testid="log-index">{done.item.logIndex ?? '—'}</dd>
            {done.item.duplicate && <><dt>{t('evidence.duplicate')}</dt><dd>{t('evidence.duplicateText')}</dd></>}
            {done.local && <><dt>{t('evidence.localHash')}</dt><dd>{done.local === done.item.sha256 ? t('evidence.hashMatches') : t('evidence.hashDiffers')}</dd></>}
          </dl>
        </div>
      )}
      <button type="submit" className="primary" disabled={!file || (progress != null && !done && error == null)}>{t('evidence.send')}</button>
    </form>
  );
}
