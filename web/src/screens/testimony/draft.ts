/** The testimony being recorded. Saved to this browser's localStorage as a draft, without the restricted identity fields. */
import type { PerpetratorKind } from '../../api/types';

export interface Place { key: string; facilityId: string; from: string; to: string; notes: string }
export interface Fellow { key: string; personId: string | null; name: string; facilityId: string; from: string; to: string }
export interface Perpetrator { key: string; kind: PerpetratorKind; name: string; notes: string }
/** victims: 'witness' or the key of a fellow detainee; perpetrators: keys. */
export interface AllegationDraft { key: string; typeCode: string; when: string; facilityId: string; place: string; narrative: string; victims: string[]; perpetrators: string[]; credibility: number }
export interface Identity { realName: string; birth: string; contact: string }

export interface Draft {
  pseudonym: string; witnessStatus: string; interviewed: string; language: string; reliability: string; interviewNotes: string;
  places: Place[]; fellows: Fellow[]; perpetrators: Perpetrator[]; allegations: AllegationDraft[];
}

const KEY = 'vigil.testimony.draft.v1';
let seq = 0;
export const newKey = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(seq++).toString(36)}`;

export const emptyDraft = (): Draft => ({
  pseudonym: '', witnessStatus: 'released', interviewed: '', language: 'uk', reliability: 'C', interviewNotes: '',
  places: [], fellows: [], perpetrators: [], allegations: [],
});
export const emptyIdentity = (): Identity => ({ realName: '', birth: '', contact: '' });

export const newPlace = (): Place => ({ key: newKey('pl'), facilityId: '', from: '', to: '', notes: '' });
export const newFellow = (personId: string | null, name: string): Fellow => ({ key: newKey('fd'), personId, name, facilityId: '', from: '', to: '' });
export const newPerpetrator = (): Perpetrator => ({ key: newKey('pp'), kind: 'unit', name: '', notes: '' });
export const newAllegation = (): AllegationDraft => ({ key: newKey('al'), typeCode: '', when: '', facilityId: '', place: '', narrative: '', victims: ['witness'], perpetrators: [], credibility: 6 });

export function loadDraft(): { draft: Draft; savedAt: string | null } | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as { draft: Draft; savedAt: string };
    return { draft: { ...emptyDraft(), ...parsed.draft }, savedAt: parsed.savedAt ?? null };
  } catch {
    return null;
  }
}

export function saveDraft(draft: Draft): string | null {
  try {
    const savedAt = new Date().toISOString();
    localStorage.setItem(KEY, JSON.stringify({ draft, savedAt }));
    return savedAt;
  } catch {
    return null;
  }
}

export function clearDraft(): void {
  try { localStorage.removeItem(KEY); } catch { /* storage blocked */ }
}

export function isEmpty(d: Draft): boolean {
  return !d.pseudonym && !d.interviewed && !d.interviewNotes && !d.places.length && !d.fellows.length && !d.perpetrators.length && !d.allegations.length;
}
