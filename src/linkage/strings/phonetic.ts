/**
 * A Ukrainian/Russian-aware phonetic key on the canonical Latin form produced by nameKey/tokenKey:
 * voiced and voiceless pairs fold (б/п, в/ф, г/ґ/к/х, д/т, з/с/ц, ж/ш/ч/щ), vowels after the first
 * letter drop, repeats collapse. German "sch" for ж, "s" for з and similar renderings meet here.
 */

const DIGRAPHS: [RegExp, string][] = [[/shch/g, 'J'], [/zh/g, 'J'], [/kh/g, 'K'], [/ts/g, 'S'], [/ch/g, 'J'], [/sh/g, 'J']];

const CLASS: Readonly<Record<string, string>> = {
  b: 'P', p: 'P', v: 'F', f: 'F', w: 'F', h: 'K', g: 'K', k: 'K', c: 'S', q: 'K', x: 'K', d: 'T', t: 'T', z: 'S', s: 'S',
  J: 'J', K: 'K', S: 'S', l: 'L', m: 'M', n: 'N', r: 'R', j: 'I', y: 'I',
};

/** Phonetic key of one canonical token (lower-case Latin). `maxLength` 0 = unlimited. */
export function phoneticKey(token: string, maxLength = 0): string {
  let s = token.toLowerCase();
  for (const [re, rep] of DIGRAPHS) s = s.replace(re, rep);
  let out = '';
  let last = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    const vowel = c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u' || c === 'y';
    if (vowel) {
      if (i === 0) { out += 'A'; last = 'A'; } else last = '';
      continue;
    }
    const k = CLASS[c];
    if (k === undefined || k === 'I') { last = ''; continue; }
    if (k !== last) out += k;
    last = k;
    if (maxLength > 0 && out.length >= maxLength) break;
  }
  return out;
}
