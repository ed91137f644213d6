/** Given-name and patronymic folding over the table in given-names.table.ts. */
import { GIVEN_NAME_LINES } from './given-names.table';
import { codesToLatin, tokenCodes } from './skeleton';

export type NameSex = 'm' | 'f';

export interface GivenName {
  /** Canonical key, e.g. "oleksandr". */
  key: string;
  sex: NameSex;
  /** Spellings as listed in the table. */
  spellings: readonly string[];
}

export const GIVEN_NAMES: readonly GivenName[] = GIVEN_NAME_LINES.trim().split('\n').map((line) => {
  const [key, sex, rest] = line.split('|');
  return { key, sex: sex as NameSex, spellings: rest.trim().split(/\s+/) };
});

/** Possible patronymic stems of a male name's codes: Петро→petr, Сергій→serh, Павел→pavl, Ілля→il. */
function stemsOf(codes: string): string[] {
  const out = new Set<string>([codes]);
  if (/[aeiou]$/.test(codes)) out.add(codes.slice(0, -1));
  if (/[aeiou]i$/.test(codes)) out.add(codes.slice(0, -2));
  if (/[^aeiou]e[^aeiou]$/.test(codes)) out.add(codes.slice(0, -2) + codes.slice(-1));
  return [...out].filter((s) => s.length >= 2);
}

interface Tables { byCodes: Map<string, GivenName>; stemToName: Map<string, GivenName>; nameStem: Map<string, string>; conflicts: string[] }

function build(): Tables {
  const byCodes = new Map<string, GivenName>();
  const stemToName = new Map<string, GivenName>();
  const nameStem = new Map<string, string>();
  const conflicts: string[] = [];
  for (const g of GIVEN_NAMES) {
    for (const sp of [g.key, ...g.spellings]) {
      const c = tokenCodes(sp);
      const prior = byCodes.get(c);
      if (prior && prior !== g) conflicts.push(`${sp}: ${prior.key} / ${g.key}`);
      else byCodes.set(c, g);
    }
  }
  for (const g of GIVEN_NAMES) {
    if (g.sex !== 'm') continue;
    const primary = stemsOf(tokenCodes(g.spellings[0]));
    nameStem.set(g.key, primary[primary.length > 1 && /[aeiou]$/.test(primary[0]) ? primary.length - 1 : 0]);
    for (const sp of g.spellings) {
      if (!/[\u0400-\u04FF]/.test(sp)) continue;
      for (const st of stemsOf(tokenCodes(sp))) if (!stemToName.has(st)) stemToName.set(st, g);
    }
  }
  return { byCodes, stemToName, nameStem, conflicts };
}

let tables: Tables | undefined;
const T = () => (tables ??= build());

/** Spellings whose folded form collides with another name's (should be empty; checked by tests). */
export function givenNameConflicts(): readonly string[] {
  return T().conflicts;
}

/** The table entry whose spelling folds to these codes, if any. */
export function givenNameByCodes(codes: string): GivenName | undefined {
  return T().byCodes.get(codes);
}

export interface Patronymic { key: string; sex: NameSex; father?: GivenName }

const MALE = /^(.{2,}?)(?:ov|ev)iQ$/;
const FEMALE = /^(.{2,}?)(?:ovna|evna|ivna)$/;
const SHORT_MALE = /^(.{2,}?)iQ$/; // Ілліч, Кузьмич
const SHORT_FEMALE = /^(.{2,}?)iQna$/;

/** Recognises a patronymic (-ович/-евич/-ич, -івна/-овна/-евна/-ична) and folds the father's name. */
export function patronymicByCodes(codes: string): Patronymic | undefined {
  let m = MALE.exec(codes);
  let sex: NameSex = 'm';
  let needKnown = false;
  if (!m) { m = FEMALE.exec(codes); sex = 'f'; }
  if (!m) { m = SHORT_MALE.exec(codes); sex = 'm'; needKnown = true; }
  if (!m) { m = SHORT_FEMALE.exec(codes); sex = 'f'; needKnown = true; }
  if (!m) return undefined;
  const father = T().stemToName.get(m[1]);
  if (needKnown && !father) return undefined;
  const stem = father ? T().nameStem.get(father.key)! : m[1];
  return { key: codesToLatin(stem) + (sex === 'm' ? 'ovych' : 'ivna'), sex, father };
}
