/** Script and language detection for person-name text. Pure. */
import type { Script } from '../../domain';

const CYR = /[\u0400-\u04FF]/;
const LAT = /[A-Za-z\u00C0-\u024F]/;

/** 'cyrillic', 'latin', 'mixed' (both), or 'unknown' (no letters). Same vocabulary as domain `Script`. */
export function detectScript(text: string): Script {
  let cyr = false;
  let lat = false;
  for (const ch of text) {
    if (!cyr && CYR.test(ch)) cyr = true;
    else if (!lat && LAT.test(ch)) lat = true;
    if (cyr && lat) return 'mixed';
  }
  return cyr ? 'cyrillic' : lat ? 'latin' : 'unknown';
}

export type CyrillicLanguage = 'uk' | 'ru' | 'unknown';

const UK_ONLY = /[іїєґІЇЄҐ'ʼ’]/;
const RU_ONLY = /[ыэъёЫЭЪЁ]/;

/** Ukrainian when the text has і ї є ґ or an apostrophe, Russian when it has ы э ъ ё, else unknown. */
export function detectCyrillicLanguage(text: string): CyrillicLanguage {
  const uk = UK_ONLY.test(text) && /[\u0400-\u04FF]/.test(text);
  const ru = RU_ONLY.test(text);
  if (uk && !ru) return 'uk';
  if (ru && !uk) return 'ru';
  return 'unknown';
}
