import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Facility } from '../api/types';
import { isValidPartialDate } from '../lib/partialDate';

interface Base { label: string; hint?: ReactNode; required?: boolean; restricted?: boolean; error?: string | null; id?: string }

function FieldShell({ label, hint, required, restricted, error, id, children, hintId, errId }: Base & { children: ReactNode; id: string; hintId: string; errId: string }) {
  const { t } = useTranslation();
  return (
    <div className={`field${restricted ? ' restricted' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && <span className="req" aria-hidden="true"> *</span>}
        {restricted && <span className="badge restricted-badge"> {t('form.restricted')}</span>}
      </label>
      {children}
      {hint && <small id={hintId}>{hint}</small>}
      {error && <small id={errId} className="hint-error">{error}</small>}
    </div>
  );
}

export function TextField(p: Base & { value: string; onChange: (v: string) => void; multiline?: boolean; autoFocus?: boolean; inputMode?: 'numeric' | 'text'; placeholder?: string; autoComplete?: string }) {
  const gen = useId();
  const id = p.id ?? gen;
  const describedBy = [p.hint ? `${id}-h` : '', p.error ? `${id}-e` : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, value: p.value, required: p.required, 'aria-invalid': p.error ? true : undefined, 'aria-describedby': describedBy, autoFocus: p.autoFocus, placeholder: p.placeholder };
  return (
    <FieldShell {...p} id={id} hintId={`${id}-h`} errId={`${id}-e`}>
      {p.multiline
        ? <textarea {...common} rows={4} onChange={(e) => p.onChange(e.target.value)} />
        : <input {...common} type="text" inputMode={p.inputMode} autoComplete={p.autoComplete ?? 'off'} onChange={(e) => p.onChange(e.target.value)} />}
    </FieldShell>
  );
}

export function DateField(p: Base & { value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  const bad = p.value.trim() !== '' && !isValidPartialDate(p.value);
  return <TextField {...p} inputMode="numeric" placeholder="2023-03" hint={p.hint ?? t('common.dateHint')} error={p.error ?? (bad ? t('form.badDate') : null)} />;
}

export function SelectField(p: Base & { value: string; onChange: (v: string) => void; options: { value: string; label: string; group?: string }[]; empty?: string }) {
  const gen = useId();
  const id = p.id ?? gen;
  const groups = [...new Set(p.options.map((o) => o.group ?? ''))];
  const opt = (o: { value: string; label: string }) => <option key={o.value} value={o.value}>{o.label}</option>;
  return (
    <FieldShell {...p} id={id} hintId={`${id}-h`} errId={`${id}-e`}>
      <select id={id} value={p.value} required={p.required} aria-invalid={p.error ? true : undefined} aria-describedby={p.error ? `${id}-e` : p.hint ? `${id}-h` : undefined} onChange={(e) => p.onChange(e.target.value)}>
        {p.empty !== undefined && <option value="">{p.empty}</option>}
        {groups.length > 1 || groups[0] ? groups.map((g) => <optgroup key={g} label={g}>{p.options.filter((o) => (o.group ?? '') === g).map(opt)}</optgroup>) : p.options.map(opt)}
      </select>
    </FieldShell>
  );
}

export function FacilitySelect(p: Base & { value: string; onChange: (v: string) => void; facilities: Facility[] }) {
  const { t } = useTranslation();
  return <SelectField {...p} empty={t('form.chooseFacility')} options={p.facilities.map((f) => ({ value: f.id, label: f.settlement ? `${f.name} — ${f.settlement}` : f.name }))} />;
}
