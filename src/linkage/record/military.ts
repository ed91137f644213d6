/** Normalisation of military ranks (Ukrainian, Russian, English) and unit designations. */
import { nameKey, tokenKey } from '../names';
import { unitKind } from './unit-kind';

const RANKS: readonly (readonly [string, string])[] = [
  ['soldier', 'солдат|рядовий|рядовой|private|soldier|soldat|szeregowy'],
  ['senior_soldier', 'старший солдат|ефрейтор|private first class|lance corporal|senior soldier'],
  ['junior_sergeant', 'молодший сержант|младший сержант|junior sergeant|corporal'],
  ['sergeant', 'сержант|sergeant'],
  ['senior_sergeant', 'старший сержант|senior sergeant'],
  ['chief_sergeant', 'головний сержант|старшина|chief sergeant'],
  ['staff_sergeant', 'штаб-сержант|staff sergeant'],
  ['master_sergeant', 'майстер-сержант|master sergeant'],
  ['senior_master_sergeant', 'старший майстер-сержант|прапорщик|senior master sergeant|warrant officer'],
  ['chief_master_sergeant', 'головний майстер-сержант|старший прапорщик|chief master sergeant'],
  ['junior_lieutenant', 'молодший лейтенант|младший лейтенант|junior lieutenant|second lieutenant'],
  ['lieutenant', 'лейтенант|lieutenant|first lieutenant'],
  ['senior_lieutenant', 'старший лейтенант|senior lieutenant'],
  ['captain', 'капітан|капитан|captain'],
  ['major', 'майор|major'],
  ['lieutenant_colonel', 'підполковник|подполковник|lieutenant colonel'],
  ['colonel', 'полковник|colonel'],
  ['sailor', 'матрос|seaman|sailor'],
  ['senior_sailor', 'старший матрос|senior seaman|senior sailor'],
];

let rankMap: Map<string, string> | undefined;

/** Canonical rank code (e.g. "senior_lieutenant"), or the folded text when the rank is not in the vocabulary. */
export function normalizeRank(text: string): string {
  rankMap ??= new Map(RANKS.flatMap(([code, vs]) => vs.split('|').map((v) => [nameKey(v), code] as [string, string])));
  const k = nameKey(text);
  return rankMap.get(k) ?? k;
}

export const RANK_CODES: readonly string[] = RANKS.map((r) => r[0]);

/** `kind`: formation kind (see unit-kind.ts), '' when unknown. */
export interface UnitKey { key: string; number: string; kind: string }

const CYR_TO_LAT_CODE: Readonly<Record<string, string>> = { А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X' };

/**
 * Unit designation: `key` folds the whole text (words transliterated, order-free), `number` is the
 * military unit code ("в/ч А0000" → "A0000") or the first number ("36 ОБрМП" → "36"), '' if none;
 * `kind` the formation kind ("marine" for ОБрМП and "бригада морської піхоти").
 */
export function normalizeUnit(text: string): UnitKey {
  const t = text.normalize('NFC');
  const code = /(?:^|[^\p{L}])([АВЕКМНОРСТХABEKMHOPCTX])\s?-?(\d{4})(?!\d)/u.exec(t.toUpperCase());
  const num = /(\d+)/.exec(t);
  const number = code ? (CYR_TO_LAT_CODE[code[1]] ?? code[1]) + code[2] : num ? String(Number(num[1])) : '';
  const parts = t.split(/[\s,.;:()\-–—/№#"«»]+/u).filter((p) => p !== '').map((p) => {
    const c = /^([АВЕКМНОРСТХABEKMHOPCTX])(\d{4})$/u.exec(p.toUpperCase());
    if (c) return (CYR_TO_LAT_CODE[c[1]] ?? c[1]) + c[2];
    const digits = p.replace(/\D+/g, '');
    if (digits !== '') return String(Number(digits));
    return tokenKey(p);
  }).filter((p) => p !== '' && !/^(?:v|vch|ch|i|a|ia|ta)$/.test(p));
  return { key: parts.sort().join(' '), number, kind: unitKind(parts) };
}

/** "m", "f" or "" from the many ways lists write sex. */
export function normalizeSex(text: string): string {
  const t = text.trim().toLowerCase();
  if (/^(?:m|male|man|м|ч|чол|чоловік|чоловіча|муж|мужской|мужчина|1)\.?$/u.test(t)) return 'm';
  if (/^(?:f|female|woman|ж|жін|жінка|жіноча|жен|женский|женщина|2)\.?$/u.test(t)) return 'f';
  return '';
}
