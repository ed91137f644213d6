/**
 * Cyrillic → Latin tables for the standards Vigil meets in source documents.
 * Each entry is either a plain rendering or [rendering at word start (or after a vowel, by the
 * standard's own rule), rendering elsewhere]. Ukrainian and Russian share most letters; the
 * letters whose rendering depends on the language (г, и) are given in `uk` / `ru` overrides.
 */

export const STANDARDS = ['ua-national', 'gost-7.79-a', 'gost-7.79-b', 'bgn-pcgn', 'icao-9303', 'german', 'polish', 'french'] as const;
export type TransliterationStandard = (typeof STANDARDS)[number];

export type Rendering = string | readonly [initial: string, other: string];

export interface StandardTable {
  /** Letters common to both languages. Lower case; case is restored by the transliterator. */
  base: Readonly<Record<string, Rendering>>;
  uk: Readonly<Record<string, Rendering>>;
  ru: Readonly<Record<string, Rendering>>;
  /** Which positions count as "initial" for two-form entries: word start only, or also after a vowel / soft or hard sign. */
  initial: 'start' | 'start-or-vowel';
}

const COMMON: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', д: 'd', з: 'z', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f',
};

/** Ukrainian national transliteration (Cabinet of Ministers resolution No. 55, 27 January 2010). */
const UA_NATIONAL: StandardTable = {
  base: {
    ...COMMON, г: 'h', ґ: 'g', е: 'e', є: ['ye', 'ie'], ж: 'zh', и: 'y', і: 'i', ї: ['yi', 'i'], й: ['y', 'i'], х: 'kh', ц: 'ts', ч: 'ch',
    ш: 'sh', щ: 'shch', ь: '', ю: ['yu', 'iu'], я: ['ya', 'ia'], "'": '', 'ʼ': '', '’': '',
    // Russian letters, by analogy, when a Russian form is passed through the Ukrainian table.
    ы: 'y', э: 'e', ё: ['yo', 'io'], ъ: '',
  },
  uk: {},
  ru: {},
  initial: 'start',
};

/** GOST 7.79-2000 system A (one letter per letter, with diacritics; ISO 9:1995). */
const GOST_A: StandardTable = {
  base: {
    ...COMMON, г: 'g', ґ: 'g̀', е: 'e', ё: 'ë', є: 'ê', ж: 'ž', и: 'i', і: 'ì', ї: 'ï', й: 'j', х: 'h', ц: 'c', ч: 'č', ш: 'š', щ: 'ŝ',
    ъ: 'ʺ', ы: 'y', ь: 'ʹ', э: 'è', ю: 'û', я: 'â', "'": 'ʼ', 'ʼ': 'ʼ', '’': 'ʼ',
  },
  uk: {},
  ru: {},
  initial: 'start',
};

/** GOST 7.79-2000 system B (ASCII; ц is "cz" before e, i, y, j and "c" elsewhere, handled in code). */
const GOST_B: StandardTable = {
  base: {
    ...COMMON, г: 'g', ґ: 'g`', е: 'e', ё: 'yo', є: 'ye', ж: 'zh', и: 'i', і: 'i', ї: 'yi', й: 'j', х: 'x', ц: 'cz', ч: 'ch', ш: 'sh',
    щ: 'shh', ъ: '``', ы: "y'", ь: '`', э: "e'", ю: 'yu', я: 'ya', "'": "'", 'ʼ': "'", '’': "'",
  },
  uk: { и: 'y`' },
  ru: {},
  initial: 'start',
};

/** BGN/PCGN romanization (Russian 1947, Ukrainian 1965). */
const BGN_PCGN: StandardTable = {
  base: {
    ...COMMON, г: 'g', ґ: 'g', е: ['ye', 'e'], ё: ['yë', 'ë'], є: 'ye', ж: 'zh', и: 'i', і: 'i', ї: 'yi', й: 'y', х: 'kh', ц: 'ts', ч: 'ch',
    ш: 'sh', щ: 'shch', ъ: 'ʺ', ы: 'y', ь: 'ʹ', э: 'e', ю: 'yu', я: 'ya', "'": 'ʺ', 'ʼ': 'ʺ', '’': 'ʺ',
  },
  uk: { г: 'h', и: 'y', е: 'e' },
  ru: {},
  initial: 'start-or-vowel',
};

/** ICAO Doc 9303 (machine-readable travel documents), part 3 table. */
const ICAO: StandardTable = {
  base: {
    ...COMMON, г: 'g', ґ: 'g', е: 'e', ё: 'e', є: 'ie', ж: 'zh', и: 'i', і: 'i', ї: 'i', й: 'i', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh',
    щ: 'shch', ъ: 'ie', ы: 'y', ь: '', э: 'e', ю: 'iu', я: 'ia', "'": '', 'ʼ': '', '’': '',
  },
  uk: { г: 'h', и: 'y' },
  ru: {},
  initial: 'start',
};

/** German (Duden) transcription. */
const GERMAN: StandardTable = {
  base: {
    ...COMMON, в: 'w', г: 'g', ґ: 'g', е: ['je', 'e'], ё: ['jo', 'jo'], є: 'je', ж: 'sch', з: 's', и: 'i', і: 'i', ї: 'ji', й: 'i', х: 'ch',
    ц: 'z', ч: 'tsch', ш: 'sch', щ: 'schtsch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'ju', я: 'ja', "'": '', 'ʼ': '', '’': '',
  },
  uk: { г: 'h', и: 'y' },
  ru: {},
  initial: 'start-or-vowel',
};

/** Polish (PWN) transcription; ł/l and ie/e depend on the neighbours, handled in code. */
const POLISH: StandardTable = {
  base: {
    ...COMMON, в: 'w', г: 'g', ґ: 'g', е: ['je', 'ie'], ё: ['jo', 'io'], є: ['je', 'ie'], ж: 'ż', и: 'i', і: 'i', ї: 'ji', й: 'j', л: 'ł',
    х: 'ch', ц: 'c', ч: 'cz', ш: 'sz', щ: 'szcz', ъ: '', ы: 'y', ь: '', э: 'e', ю: ['ju', 'iu'], я: ['ja', 'ia'], "'": '', 'ʼ': '', '’': '',
  },
  uk: { г: 'h', и: 'y' },
  ru: {},
  initial: 'start-or-vowel',
};

/** French transcription (usage of the French press and the Quai d'Orsay). */
const FRENCH: StandardTable = {
  base: {
    ...COMMON, г: 'g', ґ: 'g', е: ['ie', 'e'], ё: 'io', є: 'ie', ж: 'j', и: 'i', і: 'i', ї: 'ï', й: ['ï', 'i'], х: 'kh', ц: 'ts', ч: 'tch',
    ш: 'ch', щ: 'chtch', ъ: '', ы: 'y', ь: '', э: 'e', у: 'ou', ю: 'iou', я: 'ia', "'": '', 'ʼ': '', '’': '',
  },
  uk: { г: 'h', и: 'y' },
  ru: {},
  initial: 'start',
};

export const TABLES: Readonly<Record<TransliterationStandard, StandardTable>> = {
  'ua-national': UA_NATIONAL,
  'gost-7.79-a': GOST_A,
  'gost-7.79-b': GOST_B,
  'bgn-pcgn': BGN_PCGN,
  'icao-9303': ICAO,
  german: GERMAN,
  polish: POLISH,
  french: FRENCH,
};
