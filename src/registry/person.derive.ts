import { comparePartialDates, partialDate, precisionOf, type PersonStatus } from '../domain';

/** Pure derivation of a person's display fields from the records clustered into it. */

export interface RecordNameParts {
  familyName: string | null;
  givenName: string | null;
  patronymic: string | null;
  fullName: string | null;
}

export function composeName(r: RecordNameParts): string {
  const parts = [r.familyName, r.givenName, r.patronymic].filter((p): p is string => Boolean(p && p.trim()));
  return parts.length ? parts.join(' ') : (r.fullName ?? '').trim();
}

export function scriptOf(text: string): 'cyrillic' | 'latin' | 'mixed' | 'unknown' {
  // Fast path for text below U+0250 and in the Cyrillic block (almost every name): the Unicode
  // Script property of those code points, read from their ranges; anything else asks the regexes.
  let cyr = false, lat = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x250) {
      if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0xaa || c === 0xba || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7)) lat = true;
    } else if (c >= 0x400 && c <= 0x4ff && c !== 0x485 && c !== 0x486) {
      cyr = true; // U+0485/U+0486 (combining marks) are Inherited, not Cyrillic
    } else {
      cyr = /\p{Script=Cyrillic}/u.test(text);
      lat = /\p{Script=Latin}/u.test(text);
      break;
    }
  }
  return cyr && lat ? 'mixed' : cyr ? 'cyrillic' : lat ? 'latin' : 'unknown';
}

/** Severity order used when status claims carry no dates. */
const SEVERITY: Record<string, number> = {
  executed: 6, died_in_custody: 5, released: 4, seen_in_custody: 3, captured: 2, missing: 1, unknown: 0,
};

export interface StatusClaim { status: string; statusDate: string | null }

/** The latest dated claim wins; undated claims rank below dated ones and among themselves by severity. */
export function deriveStatus(claims: StatusClaim[]): { status: PersonStatus; statusDate: string | null } {
  let best: StatusClaim | undefined;
  for (const c of claims) {
    if (c.status === 'unknown') continue;
    if (!best) { best = c; continue; }
    const bd = best.statusDate ? partialDate(best.statusDate) : null;
    const cd = c.statusDate ? partialDate(c.statusDate) : null;
    if (cd && !bd) best = c;
    else if (cd && bd) {
      const cmp = comparePartialDates(cd, bd);
      if (cmp > 0 || (cmp === 0 && SEVERITY[c.status] > SEVERITY[best.status])) best = c;
    } else if (!cd && !bd && SEVERITY[c.status] > SEVERITY[best.status]) best = c;
  }
  return best ? { status: best.status as PersonStatus, statusDate: best.statusDate } : { status: 'unknown', statusDate: null };
}

const PRECISION_RANK = { day: 3, month: 2, year: 1 } as const;

/** The most precise birth date; ties by how many records give it. */
export function deriveBirth(births: (string | null)[]): string | null {
  const counts = new Map<string, number>();
  for (const b of births) if (b && !b.includes('/')) counts.set(b, (counts.get(b) ?? 0) + 1);
  let best: string | null = null;
  for (const [b, n] of counts) {
    if (!best) { best = b; continue; }
    const rb = PRECISION_RANK[precisionOf(b)], rbest = PRECISION_RANK[precisionOf(best)];
    if (rb > rbest || (rb === rbest && n > counts.get(best)!)) best = b;
  }
  return best ?? births.find((b): b is string => Boolean(b)) ?? null;
}

export interface NameVariant { script: string; name: string; sources: number }

/** Distinct names as written, per script, ordered by how many sources give them. */
export function nameVariants(records: (RecordNameParts & { sourceId: string })[]): NameVariant[] {
  const m = new Map<string, { script: string; name: string; sources: Set<string> }>();
  for (const r of records) {
    const name = composeName(r);
    if (!name) continue;
    const key = name.toLocaleLowerCase();
    const e = m.get(key) ?? { script: scriptOf(name), name, sources: new Set<string>() };
    e.sources.add(r.sourceId);
    m.set(key, e);
  }
  return [...m.values()]
    .map((e) => ({ script: e.script, name: e.name, sources: e.sources.size }))
    .sort((a, b) => b.sources - a.sources || b.name.length - a.name.length || a.name.localeCompare(b.name));
}
