import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { imports, type ImportPreview } from '../../api/pending';
import { PageTitle } from '../../components/PageTitle';
import { ErrorBox } from '../../components/Status';
import { fmtNumber } from '../../lib/format';
import { commitImport, type CommitProgress, type CommitResult } from './commit';
import { MappingStep } from './MappingStep';
import { ProblemsStep } from './ProblemsStep';
import { UploadStep, type UploadForm } from './UploadStep';

type Stage = 'upload' | 'mapping' | 'problems' | 'commit' | 'done';

export default function ImportWizard() {
  const { t } = useTranslation();
  const [form, setForm] = useState<UploadForm>({ file: null, kind: '', sourceTitle: '', reliability: 'C', obtained: '' });
  const [stage, setStage] = useState<Stage>('upload');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<CommitProgress | null>(null);
  const [result, setResult] = useState<CommitResult | null>(null);
  const abort = useRef(new AbortController());
  useEffect(() => () => abort.current.abort(), []);
  const stageRef = useRef<HTMLDivElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) { first.current = false; return; }
    stageRef.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [stage]);

  const formData = (withMapping: boolean, skipInvalid = false) => {
    const fd = new FormData();
    if (skipInvalid) fd.set('skipInvalid', 'true');
    const kind = form.kind || preview?.kind || '';
    if (kind) fd.set('as', kind);
    fd.set('sourceTitle', form.sourceTitle || form.file!.name);
    fd.set('reliability', form.reliability);
    if (form.obtained) fd.set('obtained', form.obtained);
    if (withMapping) {
      const columns: Record<string, string | null> = {};
      for (const c of preview?.columns ?? []) columns[c.name] = mapping[c.name] || null;
      const as = (['persons', 'custody', 'allegations'] as const).find((k) => k === kind) ?? 'persons';
      fd.set('mapping', JSON.stringify({ version: 1, as, columns }));
    }
    fd.set('file', form.file!, form.file!.name);
    return fd;
  };
  const run = async (fn: () => Promise<void>) => {
    setBusy(true); setError(null);
    try { await fn(); } catch (e) { setError(e); } finally { setBusy(false); }
  };
  const doPreview = () => run(async () => {
    const p = await imports.preview(formData(false));
    setPreview(p);
    setMapping(Object.fromEntries(p.columns.map((c) => [c.name, c.suggested ?? ''])));
    // Lists get a column mapping; documents and Telegram exports go straight to the check.
    setStage(!p.kind || ['persons', 'custody', 'allegations'].includes(p.kind) ? 'mapping' : 'problems');
  });
  const doCheck = () => run(async () => { setPreview(await imports.preview(formData(true))); setStage('problems'); });
  const doCommit = () => run(async () => {
    setStage('commit');
    const r = await commitImport(formData(true, (preview?.stats.rejected ?? 0) > 0), setProgress, abort.current.signal);
    setResult(r); setStage('done');
  });

  return (
    <>
      <PageTitle title={t('import.title')}>{t('import.title')}</PageTitle>
      <ol className="wizard-steps" aria-label={t('import.steps')}>
        {(['upload', 'mapping', 'problems', 'commit'] as const).map((s, i) => (
          <li key={s} aria-current={stage === s || (stage === 'done' && s === 'commit') ? 'step' : undefined} className={stage === s || (stage === 'done' && s === 'commit') ? 'current' : undefined}>{i + 1}. {t(`import.stage.${s}`)}</li>
        ))}
      </ol>
      {error != null && <ErrorBox error={error} />}
      <div ref={stageRef} className="wizard-stage">
        {stage === 'upload' && <UploadStep form={form} set={(p) => setForm((f) => ({ ...f, ...p }))} onPreview={doPreview} busy={busy} />}
        {stage === 'mapping' && preview && <MappingStep preview={preview} kind={form.kind} mapping={mapping} setMapping={setMapping} onCheck={doCheck} busy={busy} />}
        {stage === 'problems' && preview && <ProblemsStep preview={preview} onCommit={doCommit} busy={busy} />}
        {(stage === 'commit' || stage === 'done') && (
          <section className="card form-section" aria-labelledby="imp-h4">
            <h2 id="imp-h4" tabIndex={-1}>{t('import.step4')}</h2>
            {progress && (
              <p>
                <label htmlFor="imp-progress">{t(`import.phase.${progress.phase}`)}</label>{' '}
                <progress id="imp-progress" max={progress.total || 1} value={progress.phase === 'done' ? progress.total || 1 : progress.done} />{' '}
                {progress.phase !== 'done' && progress.phase !== 'upload' && progress.total > 0 && <span className="muted">{progress.done} / {progress.total}</span>}
              </p>
            )}
            {result && (
              <div className="success-box" role="status" data-testid="import-done">
                <p><strong>{t('import.finished')}</strong></p>
                <p>{t('import.result', { imported: fmtNumber(result.imported), unchanged: fmtNumber(result.unchanged), rejected: fmtNumber(result.rejected) })}</p>
                {result.sources.filter((s) => s.id).map((s) => <p key={s.id}><Link to={`/persons?source=${s.id}`}>{t('import.openSource', { title: s.title })}</Link></p>)}
                <button type="button" onClick={() => { setStage('upload'); setPreview(null); setResult(null); setProgress(null); }}>{t('import.another')}</button>
              </div>
            )}
          </section>
        )}
        {stage !== 'upload' && stage !== 'done' && !busy && (
          <button type="button" className="secondary" onClick={() => setStage(stage === 'problems' ? 'mapping' : 'upload')}>{t('common.back')}</button>
        )}
      </div>
    </>
  );
}
