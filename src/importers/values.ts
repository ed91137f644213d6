/**
 * Cell value normalisers for coded fields: sex, person status, citizenship, allegation type and
 * credibility, from codes or labels in English, Ukrainian or Russian. Each returns the code, or an
 * error message quoting the value. Free text (names, units, ranks) is only trimmed and NFC-normalised.
 */
import { ALLEGATION_TYPES, type PersonStatus, type Sex } from '../domain';

export type Normalised<T> = { ok: true; value: T; note?: string } | { ok: false; error: string };

/** Lower case, ё→е, apostrophes dropped, punctuation to single spaces. */
export function normKey(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/ё/g, 'е').replace(/['’ʼ`´‘]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Free text as imported: NFC, whitespace runs collapsed to one space, trimmed (line breaks kept in narratives). */
export function cleanText(s: string, keepLineBreaks = false): string {
  const nfc = s.normalize('NFC');
  if (keepLineBreaks) return nfc.replace(/\r\n?/g, '\n').replace(/[^\S\n]+/g, ' ').replace(/ *\n */g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  return nfc.replace(/\s+/g, ' ').trim();
}

/** Several names or perpetrators in one cell, separated by ";" or line breaks (not commas: "Шевченко, Тарас"). */
export function splitList(s: string): string[] {
  return s.split(/[;\n\r]+/).map((p) => cleanText(p)).filter((p) => p !== '');
}

const SEX: Record<string, Sex> = {
  m: 'male', male: 'male', man: 'male', ч: 'male', чол: 'male', чоловік: 'male', чоловіча: 'male', чоловічий: 'male',
  м: 'male', муж: 'male', мужской: 'male', мужчина: 'male',
  f: 'female', female: 'female', woman: 'female', ж: 'female', жін: 'female', жінка: 'female', жіноча: 'female', жіночий: 'female',
  жен: 'female', женский: 'female', женщина: 'female',
  u: 'unknown', unknown: 'unknown', невідомо: 'unknown', неизвестно: 'unknown', '': 'unknown',
};

export function normaliseSex(raw: string): Normalised<Sex> {
  const v = SEX[normKey(raw)];
  return v ? { ok: true, value: v } : { ok: false, error: `"${raw}" is not a sex this importer knows (чол/ж, муж/жен, M/F, male/female, unknown)` };
}

/** Status rules, most specific first ("помер у полоні" before "полоні"). */
const STATUS_RULES: [RegExp, PersonStatus][] = [
  [/страч|розстріл|казн|расстрел|execut/, 'executed'],
  [/(помер|загинув|загибл|смерть|умер|погиб|died|death).*(полон|плен|custody|неволі|вартою|стражей)|died in custody/, 'died_in_custody'],
  [/(бачил|видел|seen|підтвердж.*перебуван|подтвержд.*пребыван)/, 'seen_in_custody'],
  [/звільн|освобо|обмін|обмен|обмінян|обменян|повернув|вернул|released|exchanged|returned/, 'released'],
  [/безвіст|зник|безвест|пропал|missing|(^| )збв( |$)/, 'missing'],
  [/полон|плен|захопл|captive|captured|\bpow\b|detained|затриман|задержан/, 'captured'],
  [/^(невідомо|неизвестно|unknown|н д)$/, 'unknown'],
];

export function normaliseStatus(raw: string): Normalised<PersonStatus> {
  const k = normKey(raw);
  const code = k.replace(/ /g, '_');
  if (['missing', 'captured', 'seen_in_custody', 'released', 'died_in_custody', 'executed', 'unknown'].includes(code)) {
    return { ok: true, value: code as PersonStatus };
  }
  for (const [re, status] of STATUS_RULES) if (re.test(k)) return { ok: true, value: status };
  return { ok: false, error: `"${raw}" is not a status this importer knows (e.g. зник безвісти, в полоні, звільнений, помер у полоні, missing, captured, released)` };
}

const COUNTRIES: [RegExp, string][] = [
  [/^(ua|ukr|україна|украина|ukraine|українське|украинское|громадянин україни|гражданин украины)$/, 'UA'],
  [/^(ru|rus|росія|россия|russia|рф|російська федерація|российская федерация|russian federation)$/, 'RU'],
  [/^(by|blr|білорусь|беларусь|belarus)$/, 'BY'],
  [/^(md|mda|молдова|moldova)$/, 'MD'],
  [/^(ge|geo|грузія|грузия|georgia)$/, 'GE'],
  [/^(gb|uk|gbr|великобританія|великобритания|united kingdom|britain)$/, 'GB'],
  [/^(us|usa|сша|united states)$/, 'US'],
  [/^(pl|pol|польща|польша|poland)$/, 'PL'],
  [/^(без громадянства|без гражданства|stateless|особа без громадянства|лицо без гражданства)$/, 'stateless'],
];

/** Country code (ISO 3166 alpha-2, or "stateless"); an unknown country is kept as written with a note. */
export function normaliseCitizenship(raw: string): Normalised<string> {
  const k = normKey(raw);
  for (const [re, code] of COUNTRIES) if (re.test(k)) return { ok: true, value: code };
  return { ok: true, value: cleanText(raw), note: `citizenship "${cleanText(raw)}" not recognised as a country; kept as written` };
}

const TYPE_SYNONYMS: [RegExp, string][] = [
  [/побит|побої|избиен|побои|beat/, 'beating'],
  [/електро|струм|электро|(^| )током?( |$)|electric/, 'electric_shock'],
  [/стресов|stress/, 'stress_position'],
  [/задуш|удуш|утопл|водою|водой|waterboard|suffocat/, 'suffocation'],
  [/сексуал|зґвалт|згвалт|изнасил|rape|sexual/, 'sexual_violence'],
  [/погроз|імітац|имитац|угроз|mock|threat/, 'threats_mock_execution'],
  [/собак|dog/, 'dog_attack'],
  [/позбавл|голод|лишен|depriv|starv/, 'deprivation'],
  [/медичн|медицин|медпомо|medical/, 'denial_medical_care'],
  [/праця|праці|труд|labou?r/, 'forced_labour'],
  [/зізнан|признан|пропаганд|confess|propaganda/, 'forced_confession'],
  [/без зв|мкчх|мккк|icrc|incommunicado|зв язку/, 'incommunicado'],
  [/смерть|помер|умер|death|died/, 'death_in_custody'],
  [/страт|розстріл|казн|расстрел|execution/, 'execution'],
  [/зникнен|исчезнов|disappear/, 'enforced_disappearance'],
];

/** One allegation type from its code, its English/Ukrainian label, or a common uk/ru/en wording. */
export function normaliseAllegationType(raw: string): Normalised<string> {
  const k = normKey(raw);
  for (const t of ALLEGATION_TYPES) {
    if (k === t.code.replace(/_/g, ' ') || k === normKey(t.labelEn) || k === normKey(t.labelUk)) return { ok: true, value: t.code };
  }
  let hits = [...new Set(TYPE_SYNONYMS.filter(([re]) => re.test(k)).map(([, c]) => c))];
  // "імітація страти", "погрози смертю": threats, not an execution or a death
  if (hits.includes('threats_mock_execution')) hits = hits.filter((c) => c !== 'execution' && c !== 'death_in_custody');
  // "позбавлення медичної допомоги": denial of medical care, not deprivation of food/water/sleep
  if (hits.includes('denial_medical_care')) hits = hits.filter((c) => c !== 'deprivation');
  if (hits.length === 1) return { ok: true, value: hits[0], note: `allegation type "${cleanText(raw)}" read as ${hits[0]}` };
  if (hits.length > 1) return { ok: false, error: `"${raw}" could be any of ${hits.join(', ')}; write one type per entry (separate several with ";")` };
  return { ok: false, error: `"${raw}" is not an allegation type (codes: ${ALLEGATION_TYPES.map((t) => t.code).join(', ')})` };
}

/** Several types separated by ";" or line breaks → codes (duplicates dropped, order kept). */
export function normaliseAllegationTypes(raw: string): Normalised<string[]> {
  const parts = splitList(raw);
  if (parts.length === 0) return { ok: false, error: 'no allegation type given' };
  const codes: string[] = [];
  const notes: string[] = [];
  for (const p of parts) {
    const r = normaliseAllegationType(p);
    if (!r.ok) return r;
    if (!codes.includes(r.value)) codes.push(r.value);
    if (r.note) notes.push(r.note);
  }
  return { ok: true, value: codes, note: notes.length ? notes.join('; ') : undefined };
}

const CREDIBILITY_WORDS: [RegExp, number][] = [
  [/^(confirmed|підтвердж\p{L}*|подтвержд\p{L}*)$/u, 1],
  [/^(probably true|ймовірно правдив\p{L}*|ймовірно|вероятно правдив\p{L}*|вероятно)$/u, 2],
  [/^(possibly true|можливо правдив\p{L}*|можливо|возможно правдив\p{L}*|возможно)$/u, 3],
  [/^(doubtful|сумнівн\p{L}*|сомнительн\p{L}*)$/u, 4],
  [/^(improbable|малоймовірн\p{L}*|неправдоподобн\p{L}*|маловероятн\p{L}*)$/u, 5],
  [/^(truth cannot be judged|cannot be judged|неможливо оцінити|невозможно оценить)$/u, 6],
];

/** Credibility on the 1–6 scale (Admiralty), from the digit or its label. */
export function normaliseCredibility(raw: string): Normalised<number> {
  const k = normKey(raw);
  if (/^[1-6]$/.test(k)) return { ok: true, value: Number(k) };
  for (const [re, n] of CREDIBILITY_WORDS) if (re.test(k)) return { ok: true, value: n };
  return { ok: false, error: `"${raw}" is not a credibility (1 confirmed … 5 improbable, 6 cannot be judged)` };
}
