/**
 * Sends a testimony. With POST /api/v1/testimonies on the server, one request; otherwise the same
 * content is composed from the registry endpoints: a testimony source, a person record for the witness
 * (pseudonym only), records for fellow detainees, custody episodes and allegations.
 * In the composed path the restricted identity fields are not sent: only the testimonies endpoint stores them encrypted.
 */
import { ApiError } from '../../api/client';
import { evidence, testimonies, witnesses } from '../../api/pending';
import { registry } from '../../api/registry';
import type { Draft, Identity } from './draft';

/** label: an i18n key under testimony.step, with params. */
export interface Step { key: string; label: string; params?: Record<string, string | number>; state: 'pending' | 'running' | 'done' | 'failed' | 'skipped'; note?: string }
export interface SubmitResult { sourceId: string | null; witnessPersonId: string | null; witnessPseudonym: string | null; via: 'testimonies' | 'composed'; notes: string[] }

const nul = (s: string) => (s.trim() ? s.trim() : null);

export function testimonyBody(d: Draft, identity: Identity) {
  return {
    witness: {
      pseudonym: d.pseudonym.trim(), status: d.witnessStatus,
      identity: { fullName: nul(identity.realName), birth: nul(identity.birth) }, contact: nul(identity.contact),
    },
    interview: { obtained: nul(d.interviewed), language: d.language, reliability: d.reliability, notes: nul(d.interviewNotes) },
    custody: d.places.map((p) => ({ facilityId: p.facilityId, from: nul(p.from), to: nul(p.to), notes: nul(p.notes) })),
    fellowDetainees: d.fellows.map((f) => ({ ref: f.key, personId: f.personId, name: f.name.trim(), facilityId: f.facilityId || null, from: nul(f.from), to: nul(f.to) })),
    perpetrators: d.perpetrators.map((p) => ({ ref: p.key, kind: p.kind, name: p.name.trim(), notes: nul(p.notes) })),
    allegations: d.allegations.map((a) => ({
      typeCode: a.typeCode, when: nul(a.when), facilityId: a.facilityId || null, place: nul(a.place), narrative: nul(a.narrative),
      credibility: a.credibility, victims: a.victims, perpetrators: a.perpetrators,
    })),
  };
}

export async function submitTestimony(d: Draft, identity: Identity, files: File[], onStep: (s: Step) => void): Promise<SubmitResult> {
  const step: StepFn = async (key, label, params, fn) => {
    onStep({ key, label, params, state: 'running' });
    try {
      const r = await fn();
      onStep({ key, label, params, state: 'done' });
      return r;
    } catch (e) {
      if (e instanceof ApiError && e.notAvailable && (label === 'attachment' || label === 'identity')) onStep({ key, label, params, state: 'skipped', note: e.path });
      else onStep({ key, label, params, state: 'failed', note: e instanceof Error ? e.message : String(e) });
      throw e;
    }
  };
  const notes: string[] = [];

  // 1. The testimonies endpoint, when the server has it.
  try {
    onStep({ key: 'direct', label: 'direct', state: 'running' });
    const r = await testimonies.create(testimonyBody(d, identity));
    onStep({ key: 'direct', label: 'direct', state: 'done' });
    const sourceId = (r.sourceId ?? (r.source as { id?: string } | undefined)?.id ?? null) as string | null;
    await uploadFiles(files, sourceId, step, notes);
    return { sourceId, witnessPersonId: (r.witnessPersonId as string | undefined) ?? null, witnessPseudonym: (r.pseudonym as string | undefined) ?? null, via: 'testimonies', notes };
  } catch (e) {
    if (!(e instanceof ApiError && e.notAvailable)) { onStep({ key: 'direct', label: 'direct', state: 'failed', note: (e as Error).message }); throw e; }
    onStep({ key: 'direct', label: 'direct', state: 'skipped', note: '/api/v1/testimonies' });
  }

  // 2. Composed from the registry endpoints.
  const title = `Testimony of ${d.pseudonym.trim()}${d.interviewed ? ` (${d.interviewed.trim()})` : ''}`;
  const source = await step('source', 'source', undefined, () => registry.createSource({
    kind: 'testimony', title, obtained: nul(d.interviewed), language: d.language === 'other' ? null : d.language, reliability: d.reliability as 'A',
    sensitivity: 'internal', notes: nul(d.interviewNotes),
  }));
  // The identity goes only to the witness register, which encrypts it; the registry sees the pseudonym.
  let witnessPseudonym: string | null = null;
  if (identity.realName.trim()) {
    try {
      const w = await step('identity', 'identity', undefined, () => witnesses.create({
        sourceId: source.id, identity: { fullName: identity.realName.trim(), birth: nul(identity.birth), notes: `Interview code: ${d.pseudonym.trim()}` },
        contact: nul(identity.contact) ? { notes: identity.contact.trim() } : null,
      }));
      witnessPseudonym = w.pseudonym;
    } catch (e) {
      notes.push(e instanceof ApiError && e.notAvailable ? 'identity-not-sent' : 'identity-failed');
    }
  }
  const witness = await step('witness', 'witness', undefined, () => registry.addRecord({ sourceId: source.id, fullName: d.pseudonym.trim(), status: d.witnessStatus as 'released', recordKey: 'witness', sensitivity: 'internal' }));
  for (const [i, p] of d.places.entries()) {
    await step(`place-${p.key}`, 'place', { n: i + 1 }, () => registry.createCustody({ personRecordId: witness.id, facilityId: p.facilityId, sourceId: source.id, from: nul(p.from), to: nul(p.to), notes: nul(p.notes) }));
  }
  const recordOf = new Map<string, string>([['witness', witness.id]]);
  for (const [i, f] of d.fellows.entries()) {
    const rec = await step(`fellow-${f.key}`, 'fellow', { n: i + 1 }, () => registry.addRecord({
      sourceId: source.id, personId: f.personId, fullName: f.name.trim(), status: 'seen_in_custody', statusDate: nul(f.to) ?? nul(f.from), recordKey: f.key,
    }));
    recordOf.set(f.key, rec.id);
    if (f.facilityId) await step(`fellow-place-${f.key}`, 'fellowPlace', { n: i + 1 }, () => registry.createCustody({ personRecordId: rec.id, facilityId: f.facilityId, sourceId: source.id, from: nul(f.from), to: nul(f.to) }));
  }
  const perp = new Map(d.perpetrators.map((p) => [p.key, { kind: p.kind, name: p.name.trim(), notes: nul(p.notes) }]));
  for (const [i, a] of d.allegations.entries()) {
    await step(`alleg-${a.key}`, 'allegation', { n: i + 1 }, () => registry.createAllegation({
      typeCode: a.typeCode, when: nul(a.when), facilityId: a.facilityId || null, place: nul(a.place), narrative: nul(a.narrative), sourceId: source.id,
      credibility: a.credibility, victims: a.victims.filter((v) => recordOf.has(v)).map((v) => ({ personRecordId: recordOf.get(v)! })),
      perpetrators: a.perpetrators.filter((k) => perp.has(k)).map((k) => perp.get(k)!),
    }));
  }
  await uploadFiles(files, source.id, step, notes);
  return { sourceId: source.id, witnessPersonId: witness.personId, witnessPseudonym, via: 'composed', notes };
}

type StepFn = <T>(key: string, label: string, params: Record<string, string | number> | undefined, fn: () => Promise<T>) => Promise<T>;

async function uploadFiles(files: File[], sourceId: string | null, step: StepFn, notes: string[]) {
  for (const [i, file] of files.entries()) {
    const form = new FormData();
    if (sourceId) form.set('sourceId', sourceId);
    form.set('originalName', file.name);
    form.set('file', file, file.name);
    try {
      await step(`file-${i}`, 'attachment', { name: file.name }, () => evidence.upload(form));
    } catch (e) {
      if (e instanceof ApiError && e.notAvailable) { notes.push('attachments-not-available'); return; }
      throw e;
    }
  }
}
