import type { TFunction } from 'i18next';
import { isValidPartialDate, spanOf } from '../../lib/partialDate';
import type { Draft, Identity } from './draft';

/** Client-side checks before anything is sent; keys are field ids the form shows errors under. */
export function validateDraft(d: Draft, identity: Identity, t: TFunction): Record<string, string> {
  const e: Record<string, string> = {};
  if (!identity.realName.trim() && (identity.birth.trim() || identity.contact.trim())) e['identity.realName'] = t('testimony.identityNeedsName');
  if (identity.birth.trim() && !isValidPartialDate(identity.birth)) e['identity.birth'] = t('form.badDate');
  const date = (key: string, v: string) => { if (v.trim() && !isValidPartialDate(v)) e[key] = t('form.badDate'); };
  /** `to` may not end before `from` starts (the server checks the same). */
  const order = (key: string, from: string, to: string) => {
    const a = spanOf(from), b = spanOf(to);
    if (a && b && b.latest < a.earliest && !e[key]) e[key] = t('form.endsBeforeStart');
  };
  if (!d.pseudonym.trim()) e.pseudonym = t('form.required');
  date('interviewed', d.interviewed);
  for (const p of d.places) {
    if (!p.facilityId) e[`${p.key}.facilityId`] = t('form.required');
    date(`${p.key}.from`, p.from); date(`${p.key}.to`, p.to); order(`${p.key}.to`, p.from, p.to);
  }
  for (const f of d.fellows) {
    if (!f.personId && !f.name.trim()) e[`${f.key}.name`] = t('form.required');
    date(`${f.key}.from`, f.from); date(`${f.key}.to`, f.to); order(`${f.key}.to`, f.from, f.to);
  }
  for (const p of d.perpetrators) if (!p.name.trim()) e[`${p.key}.name`] = t('form.required');
  for (const a of d.allegations) {
    if (!a.typeCode) e[`${a.key}.typeCode`] = t('form.required');
    date(`${a.key}.when`, a.when);
    if (!a.victims.length) e[`${a.key}.victims`] = t('testimony.needVictim');
  }
  return e;
}
