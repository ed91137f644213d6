/**
 * Sends a testimony with POST /api/v1/testimonies: the source, the witness (identity and contact stored
 * only encrypted, in the witness register), pseudonymous records, custody episodes, fellow detainees
 * and allegations, in one transaction; then the attachments, each to the evidence vault.
 */
import { evidence, testimonies } from '../../api/pending';
import type { Draft, Identity } from './draft';

/** label: an i18n key under testimony.step, with params. */
export interface Step { key: string; label: string; params?: Record<string, string | number>; state: 'pending' | 'running' | 'done' | 'failed'; note?: string }
export interface SubmitResult { sourceId: string | null; witnessPersonId: string | null; witnessPseudonym: string | null }

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
      onStep({ key, label, params, state: 'failed', note: e instanceof Error ? e.message : String(e) });
      throw e;
    }
  };
  // One request: the server stores the whole account in one transaction (all or nothing).
  const r = await step('direct', 'direct', undefined, () => testimonies.create(testimonyBody(d, identity)));
  // Attachments go to the evidence vault afterwards, each file its own receipt in the log.
  await uploadFiles(files, r.sourceId, step);
  return { sourceId: r.sourceId, witnessPersonId: r.witnessPersonId, witnessPseudonym: r.witnessId ? r.pseudonym : null };
}

type StepFn = <T>(key: string, label: string, params: Record<string, string | number> | undefined, fn: () => Promise<T>) => Promise<T>;

async function uploadFiles(files: File[], sourceId: string | null, step: StepFn) {
  for (const [i, file] of files.entries()) {
    const form = new FormData();
    if (sourceId) form.set('sourceId', sourceId);
    form.set('originalName', file.name);
    form.set('file', file, file.name);
    await step(`file-${i}`, 'attachment', { name: file.name }, () => evidence.upload(form));
  }
}
