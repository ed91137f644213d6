/**
 * The canonical Latin "skeleton" of one name token: Cyrillic (Ukrainian or Russian) and the Latin
 * renderings of the usual standards all decode to the same small phoneme alphabet, which folds the
 * differences between the two languages' spellings (г/g/h, и/і/ы/й/y/j, е/є/э/ye/je, я/ya/ia/ja …).
 *
 * Internal codes: lower-case Latin letters, plus Z=ж X=х C=ц Q=ч W=ш S=щ (single characters so the
 * folding rules stay simple). `codesToLatin` turns codes back into lower-case ASCII.
 */

const CYR: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'h', ґ: 'h', д: 'd', е: 'e', є: 'ie', ё: 'e', ж: 'Z', з: 'z', и: 'i', і: 'i', ї: 'i', й: 'i',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'X', ц: 'C', ч: 'Q', ш: 'W',
  щ: 'S', ъ: '', ы: 'i', ь: '', э: 'e', ю: 'iu', я: 'ia',
};

/** Latin letters with diacritics, mapped before the digraph rules. */
const LATIN_SPECIAL: Readonly<Record<string, string>> = {
  ž: 'Z', ż: 'Z', ź: 'z', č: 'Q', š: 'W', ŝ: 'S', ć: 'C', ś: 's', ń: 'n', ł: 'l', ó: 'o', ą: 'a', ę: 'e', é: 'e', è: 'e',
  ë: 'e', ê: 'ie', â: 'ia', û: 'iu', ï: 'i', ì: 'i', ǵ: 'h', ü: 'u', ö: 'o', ä: 'a', ß: 's', ý: 'i', í: 'i', á: 'a', ú: 'u', ŭ: 'u',
};

const STRIP = /['ʼ’ʹʺ`"\u0300-\u036f]/g;
const CYR_RE = /[\u0400-\u04FF]/;
const POLISH_MARK = /cz|sz|rz|[łżśćńąę]/;
const GERMAN_MARK = /sch|[äöüß]/;
const DIACRITIC_MARK = /[žčšŝûâèìêǵ]|g\u0300/;
const GOST_B_MARK = /shh|`|y'|e'/;
const FRENCH_MARK = /ou|tch|gu[eiy]|ï/;

/** The letters that reveal a Latin orthography, in the decoder's precedence (lower-case NFC text). */
export const ORTHOGRAPHY_MARKS = { 'gost-b': GOST_B_MARK, german: GERMAN_MARK, polish: POLISH_MARK, french: FRENCH_MARK, diacritic: DIACRITIC_MARK } as const;
const VOWEL = /[aeiouy]/;

interface Context { german: boolean; polish: boolean; french: boolean; gostB: boolean; diacritic: boolean }

const NO_CONTEXT: Context = { german: false, polish: false, french: false, gostB: false, diacritic: false };

function latinContext(raw: string): Context {
  const gostB = GOST_B_MARK.test(raw);
  const german = !gostB && GERMAN_MARK.test(raw);
  const polish = !gostB && !german && (POLISH_MARK.test(raw) || /w/.test(raw));
  const diacritic = DIACRITIC_MARK.test(raw) && !polish;
  const french = !german && !polish && !gostB && FRENCH_MARK.test(raw);
  return { german, polish, french, gostB, diacritic };
}

/** The token's own orthography markers decide; a token without any borrows them from the whole name. */
function contextFor(token: string, whole: string | undefined): Context {
  const own = latinContext(token);
  if (own.german || own.polish || own.french || own.gostB || own.diacritic || /w/.test(token) || whole === undefined) return own;
  return whole === token ? own : latinContext(whole) ?? NO_CONTEXT;
}

/** Decodes one lower-case Latin token (any supported rendering) into phoneme codes. */
function decodeLatin(rawToken: string, whole?: string): string {
  const ctx = contextFor(rawToken, whole);
  let pre = '';
  for (const ch of rawToken) pre += LATIN_SPECIAL[ch] ?? ch;
  const s = pre.replace(STRIP, '');
  let out = '';
  let i = 0;
  const at = (t: string) => s.startsWith(t, i);
  while (i < s.length) {
    const c = s[i];
    if (at('schtsch')) { out += 'S'; i += 7; continue; }
    if (at('szcz')) { out += 'S'; i += 4; continue; }
    if (at('chtch')) { out += 'S'; i += 5; continue; }
    if (at('shch')) { out += 'S'; i += 4; continue; }
    if (ctx.gostB && at('shh')) { out += 'S'; i += 3; continue; }
    if (at('tsch')) { out += 'Q'; i += 4; continue; }
    if (at('dsch')) { out += 'dZ'; i += 4; continue; }
    if (at('sch')) { out += 'W'; i += 3; continue; }
    if (at('tch')) { out += 'Q'; i += 3; continue; }
    if (at('zh')) { out += 'Z'; i += 2; continue; }
    if (at('kh')) { out += 'X'; i += 2; continue; }
    if (at('ch')) { out += ctx.german || ctx.polish || ctx.diacritic ? 'X' : ctx.french ? 'W' : 'Q'; i += 2; continue; }
    if (at('cz')) { out += ctx.gostB ? 'C' : 'Q'; i += 2; continue; }
    if (at('sz')) { out += 'W'; i += 2; continue; }
    if (ctx.polish && at('rz')) { out += 'Z'; i += 2; continue; }
    if (at('sh')) { out += 'W'; i += 2; continue; }
    if (at('ts') || at('tz')) { out += 'C'; i += 2; continue; }
    if (at('ph')) { out += 'f'; i += 2; continue; }
    if (at('th')) { out += 't'; i += 2; continue; }
    if (at('ck')) { out += 'k'; i += 2; continue; }
    if (at('ou')) { out += 'u'; i += 2; continue; }
    if (ctx.french && at('gu') && /[eiy]/.test(s[i + 2] ?? '')) { out += 'h'; i += 2; continue; }
    if (ctx.french && at('dj')) { out += 'dZ'; i += 2; continue; }
    switch (c) {
      case 'x': out += ctx.gostB || ctx.diacritic ? 'X' : 'ks'; break;
      case 'w': out += 'v'; break;
      case 'y': out += 'i'; break;
      case 'j': out += ctx.french ? 'Z' : 'i'; break;
      case 'g': out += 'h'; break;
      case 'h': out += ctx.diacritic ? 'X' : 'h'; break;
      case 'q': out += 'k'; break;
      case 'c': out += ctx.german ? 'k' : 'C'; break;
      case 'z': out += ctx.german ? 'C' : 'z'; break;
      case 's': {
        const single = s[i + 1] !== 's' && s[i - 1] !== 's';
        out += ctx.german && single && i > 0 && VOWEL.test(s[i - 1]) && VOWEL.test(s[i + 1] ?? '') ? 'z' : 's';
        break;
      }
      default:
        if (/[a-zA-Z]/.test(c)) out += c; // codes from LATIN_SPECIAL are upper case and pass through
    }
    i++;
  }
  return out.replace(/WQ/g, 'S');
}

/** Latin letters that look like Cyrillic ones, as typed or OCR-read inside Cyrillic words. */
const HOMOGLYPH: Readonly<Record<string, string>> = {
  a: 'а', b: 'в', c: 'с', e: 'е', h: 'н', i: 'і', k: 'к', m: 'м', o: 'о', p: 'р', t: 'т', x: 'х', y: 'у',
};

function decodeCyrillic(token: string): string {
  let out = '';
  for (const ch of token) {
    const c = CYR[ch] ?? CYR[HOMOGLYPH[ch] ?? ''];
    if (c !== undefined) out += c;
  }
  return out;
}

/** Collapses doubled codes and drops the glide "i" before a vowel inside the word (я/ya/ja/ia, ье/ye/je/ie, ю/yu/ju/iu …). */
export function foldCodes(codes: string): string {
  let s = codes.replace(/(.)\1+/g, '$1');
  // ё written yo/jo/io/ë and Ukrainian -ьйо- fold with е: Семёнов/Semyonov/Semenov, Юрійович/Юрьевич.
  s = s.replace(/io/g, 'e');
  // Word-initial я/ю stay iotated (Яна ≠ Анна); initial є/е and ё fold (Єрмоленко = Ермоленко = Yermolenko).
  s = s.replace(/(?<=.)i(?=[aeou])|^i(?=[eo])/g, '');
  return s.replace(/(.)\1+/g, '$1');
}

const codeCache = new Map<string, string>();
const contextKeyCache = new Map<string, string>();
const flagsKey = (c: Context) => `${+c.german}${+c.polish}${+c.french}${+c.gostB}${+c.diacritic}`;

function contextKey(whole: string): string {
  let k = contextKeyCache.get(whole);
  if (k === undefined) {
    if (contextKeyCache.size > 200_000) contextKeyCache.clear();
    k = flagsKey(latinContext(whole.normalize('NFC').toLowerCase()));
    contextKeyCache.set(whole, k);
  }
  return k;
}

const needsContextCache = new Map<string, boolean>();

/** Phoneme codes of one token (lower-cased, any script), folded. Empty when the token has no letters. Memoised. */
export function tokenCodes(token: string, context?: string): string {
  if (context === undefined || context === token) {
    const hit = codeCache.get(token);
    if (hit !== undefined) return hit;
  }
  let key = token;
  if (context !== undefined && context !== token && !CYR_RE.test(token)) {
    let needs = needsContextCache.get(token);
    if (needs === undefined) {
      const own = latinContext(token.normalize('NFC').toLowerCase());
      needs = !(own.german || own.polish || own.french || own.gostB || own.diacritic || /w/i.test(token));
      if (needsContextCache.size > 500_000) needsContextCache.clear();
      needsContextCache.set(token, needs);
    }
    if (needs) key = `${token}\u0001${contextKey(context)}`;
  }
  let codes = codeCache.get(key);
  if (codes === undefined) {
    const t = token.normalize('NFC').toLowerCase();
    codes = foldCodes(CYR_RE.test(t) ? decodeCyrillic(t.replace(STRIP, '')) : decodeLatin(t, key === token ? undefined : context!.normalize('NFC').toLowerCase()));
    if (codeCache.size > 1_000_000) codeCache.clear();
    codeCache.set(key, codes);
  }
  return codes;
}

const OUT: Readonly<Record<string, string>> = { Z: 'zh', X: 'kh', C: 'ts', Q: 'ch', W: 'sh', S: 'shch' };

export function codesToLatin(codes: string): string {
  let out = '';
  for (const c of codes) out += OUT[c] ?? c;
  return out;
}

/** Surname endings folded so gendered and Ukrainian/Russian adjectival forms share a key. Works on codes. */
export function foldSurnameEnding(codes: string): string {
  if (codes.length < 4) return codes;
  return codes
    .replace(/([sz])k(?:a|ai|oi|i)$/, '$1ki') // -ська/-ський/-ская/-ский/-skyi/-ski/-sky/-skoi
    .replace(/oi$/, 'i') // -ой → -ий (Садовой/Садовий)
    .replace(/(?:ov|ev|ova|eva)$/, 'ov') // Петрова/Петров, Ковалев/Ковальов
    .replace(/ina$/, 'in'); // Пушкина/Пушкин
}
