/** How much decoded text looks like Russian or Ukrainian prose: used to choose between Cyrillic code pages. */

/** Letter frequencies (per cent) of Russian and Ukrainian prose, the larger of the two. */
const CYRILLIC_FREQ: Record<string, number> = {
  о: 10.97, е: 8.45, а: 8.01, и: 7.35, н: 6.7, т: 6.26, і: 5.5, с: 5.47, в: 5.3, р: 4.73, л: 4.4,
  к: 3.9, у: 3.5, м: 3.21, д: 3.3, п: 2.9, я: 2.2, з: 2.1, ы: 1.9, ь: 1.74, г: 1.7, б: 1.6,
  ч: 1.44, й: 1.3, х: 1.2, ц: 1.0, ї: 0.9, ж: 0.94, ю: 0.8, ш: 0.8, є: 0.5, щ: 0.4, э: 0.32,
  ф: 0.3, ъ: 0.04, ё: 0.04, ґ: 0.02,
};
const COMMON_NON_ASCII = new Set('«»—–№’‘“”„…·\u00a0°§'.split(''));

function isCyrillicLetter(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return c >= 0x0400 && c <= 0x04ff;
}

/** Average log-likelihood per non-ASCII character of a decoded text being Russian/Ukrainian prose. */
export function cyrillicScore(text: string): number {
  let sum = 0;
  let n = 0;
  let prevLower = false;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) {
      prevLower = false;
      continue;
    }
    n++;
    if (isCyrillicLetter(ch)) {
      const lower = ch.toLowerCase();
      const f = CYRILLIC_FREQ[lower];
      sum += Math.log((f ?? 0.005) / 100);
      const isUpper = lower !== ch;
      if (isUpper && prevLower) sum += Math.log(0.02); // "пРИВЕТ": lower→upper inside a word
      prevLower = !isUpper;
    } else {
      sum += COMMON_NON_ASCII.has(ch) ? Math.log(0.01) : Math.log(0.00002);
      prevLower = false;
    }
  }
  return n === 0 ? 0 : sum / n;
}
