import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { registry } from '../../api/registry';
import { PageTitle } from '../../components/PageTitle';
import { ErrorBox, Loading } from '../../components/Status';
import { fmtTimestamp } from '../../lib/format';
import { useApi } from '../../lib/useApi';
import { AllegationsSection } from './AllegationsSection';
import { Attachments } from './Attachments';
import { clearDraft, emptyDraft, emptyIdentity, isEmpty, loadDraft, saveDraft, type Draft, type Identity } from './draft';
import { FellowsSection } from './FellowsSection';
import { PerpetratorsSection } from './PerpetratorsSection';
import { PlacesSection } from './PlacesSection';
import { Done, StepList } from './SubmitPanel';
import { submitTestimony, type Step, type SubmitResult } from './submit';
import { validateDraft } from './validate';
import { WitnessSection } from './WitnessSection';

async function loadLists(signal: AbortSignal) {
  const [types, facilities] = await Promise.all([registry.allegationTypes(signal), registry.facilities({ sort: 'name', limit: 500 }, signal)]);
  return { types: types.items, facilities: facilities.items };
}

export default function Testimony() {
  const { t } = useTranslation();
  const lists = useApi(loadLists, []);
  const [restored] = useState(loadDraft);
  const [draft, setDraft] = useState<Draft>(restored?.draft ?? emptyDraft());
  const [identity, setIdentityState] = useState<Identity>(emptyIdentity());
  const [files, setFiles] = useState<File[]>([]);
  const [savedAt, setSavedAt] = useState<string | null>(restored?.savedAt ?? null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [steps, setSteps] = useState<Step[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [result, setResult] = useState<SubmitResult | null>(null);
  const [busy, setBusy] = useState(false);
  const focusId = useRef<string | null>(null);

  const set = (p: Partial<Draft>) => setDraft((d) => ({ ...d, ...p }));
  const setIdentity = (p: Partial<Identity>) => setIdentityState((i) => ({ ...i, ...p }));
  const focusNew = (id: string) => { focusId.current = id; };
  useEffect(() => {
    if (focusId.current) { document.getElementById(focusId.current)?.focus(); focusId.current = null; }
  });
  useEffect(() => {
    if (result || isEmpty(draft)) return;
    const h = setTimeout(() => setSavedAt(saveDraft(draft)), 600);
    return () => clearTimeout(h);
  }, [draft, result]);

  const submit = async () => {
    const errs = validateDraft(draft, identity, t);
    setErrors(errs);
    if (Object.keys(errs).length) {
      setTimeout(() => (document.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus(), 0);
      return;
    }
    setBusy(true); setFailure(null); setSteps([]);
    try {
      const r = await submitTestimony(draft, identity, files, (s) => setSteps((prev) => [...prev.filter((x) => x.key !== s.key), s]));
      clearDraft(); setResult(r);
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };
  const reset = () => { clearDraft(); setDraft(emptyDraft()); setIdentityState(emptyIdentity()); setFiles([]); setSavedAt(null); setResult(null); setSteps([]); setErrors({}); };
  const onKey = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 's') { e.preventDefault(); setSavedAt(saveDraft(draft)); }
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') { e.preventDefault(); void submit(); }
  };

  if (lists.error) return <><PageTitle title={t('testimony.title')}>{t('testimony.title')}</PageTitle><ErrorBox error={lists.error} onRetry={lists.reload} /></>;
  if (!lists.data) return <Loading />;
  return (
    <>
      <PageTitle title={t('testimony.title')} sub={<p className="small">{t('testimony.intro')}</p>}>{t('testimony.title')}</PageTitle>
      {result ? <><StepList steps={steps} /><Done result={result} onNew={reset} /></> : (
        <form className="testimony-form" onSubmit={(e) => { e.preventDefault(); void submit(); }} onKeyDown={onKey} noValidate aria-describedby="t-keys">
          <p id="t-keys" className="small muted">{t('testimony.keys')}</p>
          <p className="draft-status small" data-testid="draft-status">
            {savedAt ? t('testimony.draftSaved', { time: fmtTimestamp(savedAt) }) : t('testimony.draftNone')}{' '}
            {savedAt && <button type="button" className="link-button" onClick={reset}>{t('testimony.discardDraft')}</button>}
          </p>
          <WitnessSection draft={draft} set={set} identity={identity} setIdentity={setIdentity} errors={errors} />
          <PlacesSection places={draft.places} setPlaces={(places) => set({ places })} facilities={lists.data.facilities} focusNew={focusNew} errors={errors} />
          <FellowsSection items={draft.fellows} setItems={(fellows) => set({ fellows })} facilities={lists.data.facilities} focusNew={focusNew} errors={errors} />
          <PerpetratorsSection items={draft.perpetrators} setItems={(perpetrators) => set({ perpetrators })} focusNew={focusNew} errors={errors} />
          <AllegationsSection draft={draft} setItems={(allegations) => set({ allegations })} types={lists.data.types} facilities={lists.data.facilities} focusNew={focusNew} errors={errors} />
          <Attachments files={files} setFiles={setFiles} />
          {Object.keys(errors).length > 0 && <p className="hint-error" role="alert">{t('form.fixErrors', { count: Object.keys(errors).length })}</p>}
          <StepList steps={steps} />
          {failure != null && <ErrorBox error={failure} />}
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy}>{busy ? t('testimony.saving') : t('testimony.submit')}</button>
          </div>
        </form>
      )}
    </>
  );
}
