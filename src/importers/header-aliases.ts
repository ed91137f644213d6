/**
 * Column headers seen in Ukrainian, Russian and English lists, by field. Written naturally here;
 * headers.ts compares them after normalising case, spaces, punctuation and apostrophes.
 */
import type { Field } from './fields';

export const HEADER_ALIASES: Record<Field, readonly string[]> = {
  familyName: ['прізвище', 'призвище', 'фамілія', 'фамилия', 'surname', 'last name', 'family name', 'lastname', 'familyname'],
  givenName: ["ім'я", 'имя', 'імя', 'first name', 'given name', 'firstname', 'givenname', 'forename'],
  patronymic: ['по батькові', 'по-батькові', 'отчество', 'patronymic', 'middle name', "father's name", 'patronymic name'],
  fullName: [
    'піб', 'п.і.б.', 'фио', 'ф.и.о.', 'full name', 'fullname', 'name', 'pib', 'fio', "ім'я та прізвище",
    "прізвище, ім'я, по батькові", "прізвище ім'я по батькові", "прізвище та ім'я", 'фамилия, имя, отчество',
    'фамилия имя отчество', 'фамилия и имя', 'name and surname', 'surname and name', 'особа', 'person',
  ],
  birthDate: [
    'дата народження', 'дата нар.', 'д.н.', 'р.н.', 'рік народження', 'дата рождения', 'д.р.', 'г.р.', 'год рождения',
    'dob', 'd.o.b.', 'date of birth', 'birth date', 'birthdate', 'year of birth', 'born',
  ],
  sex: ['стать', 'пол', 'sex', 'gender', 'стать (ч/ж)', 'пол (м/ж)'],
  citizenship: ['громадянство', 'гражданство', 'citizenship', 'nationality'],
  unit: [
    'в/ч', 'в/ч.', 'вч', 'військова частина', 'воинская часть', 'в/ч (підрозділ)', 'підрозділ', 'подразделение',
    'unit', 'military unit', 'формування', 'бригада', 'brigade',
  ],
  rank: ['звання', 'звание', 'військове звання', 'воинское звание', 'rank', 'military rank'],
  serviceNumber: [
    'особистий номер', 'особовий номер', 'жетон', 'номер жетона', 'жетон №', 'личный номер', 'личный жетон',
    'service number', 'service no', 'service no.', 'personal number', 'military id', 'dog tag',
  ],
  status: ['статус', 'стан', 'поточний статус', 'состояние', 'текущий статус', 'status', 'current status'],
  statusDate: [
    'дата статусу', 'дата статуса', 'дата зміни статусу', 'дата изменения статуса', 'status date', 'date of status', 'status as of',
  ],
  birthPlace: ['місце народження', 'место рождения', 'place of birth', 'birthplace', 'birth place', 'уродженець', 'уроженец'],
  facility: [
    'місце утримання', 'місце тримання', 'місце ув\'язнення', 'установа', 'сізо', 'колонія', 'місце перебування',
    'место содержания', 'место заключения', 'учреждение', 'сизо', 'колония', 'место нахождения',
    'facility', 'detention facility', 'place of detention', 'detention place', 'prison', 'place of custody',
  ],
  from: [
    'з', 'від', 'с', 'from', 'since', 'start', 'start date', 'from date', 'date from',
    'дата початку', 'з дати', 'початок', 'дата полону', 'дата потрапляння в полон', 'дата захоплення', 'дата затримання', 'дата прибуття',
    'дата начала', 'начало', 'дата пленения', 'дата задержания', 'дата прибытия',
    'date of capture', 'date captured', 'captured', 'arrival date', 'date of arrival',
  ],
  to: [
    'до', 'по', 'to', 'until', 'till', 'end', 'end date', 'to date', 'date to',
    'дата закінчення', 'кінець', 'дата звільнення', 'дата вибуття', 'дата обміну',
    'дата окончания', 'конец', 'дата освобождения', 'дата убытия', 'дата обмена',
    'release date', 'date released', 'date of release', 'departure date',
  ],
  types: [
    'тип', 'вид', 'тип порушення', 'вид порушення', 'порушення', 'тип катування', 'вид катувань',
    'тип нарушения', 'вид нарушения', 'нарушение', 'вид пыток',
    'type', 'allegation type', 'allegation', 'violation', 'violation type', 'type of violation', 'type of allegation',
  ],
  date: [
    'дата', 'дата події', 'дата інциденту', 'період', 'коли', 'дата/період',
    'дата события', 'дата инцидента', 'период', 'когда',
    'date', 'date of incident', 'incident date', 'period', 'when', 'date/period',
  ],
  place: [
    'місце', 'місце події', 'населений пункт', 'локація', 'место', 'место события', 'населенный пункт',
    'place', 'location', 'place of incident',
  ],
  victimNames: [
    'потерпілий', 'потерпілі', 'жертва', 'жертви', 'піб потерпілого', 'потерпевший', 'потерпевшие', 'жертвы',
    'фио потерпевшего', 'victim', 'victims', 'victim name', 'victim names', 'victim(s)',
  ],
  perpetrators: [
    'кривдник', 'кривдники', 'виконавець', 'виконавці', 'винні особи', 'причетні особи', 'підозрювані',
    'исполнитель', 'исполнители', 'виновные', 'причастные лица', 'подозреваемые',
    'perpetrator', 'perpetrators', 'alleged perpetrators', 'suspects', 'perpetrator(s)',
  ],
  narrative: [
    'опис', 'обставини', 'свідчення', 'подробиці', 'зміст', 'описание', 'обстоятельства', 'показания', 'подробности',
    'содержание', 'narrative', 'description', 'details', 'testimony', 'summary', 'account', 'text', 'текст',
  ],
  credibility: ['достовірність', 'оцінка достовірності', 'достоверность', 'оценка достоверности', 'credibility'],
  externalId: ['№', '№ п/п', '№ з/п', 'no', 'no.', 'nr', '#', 'id', 'номер', 'номер запису', 'record id', 'ід'],
  source: ['джерело', 'джерела', 'источник', 'источники', 'source', 'sources', 'посилання', 'ссылка', 'link', 'url'],
  notes: ['примітка', 'примітки', 'коментар', 'примечание', 'примечания', 'комментарий', 'note', 'notes', 'comment', 'comments', 'remarks'],
};

/** Aliases too short or too generic to count as evidence when guessing the kind of list. */
export const WEAK_ALIASES: ReadonlySet<string> = new Set([
  'з', 'від', 'с', 'до', 'по', 'from', 'to', 'since', 'until', 'till', 'start', 'end', 'початок', 'кінець', 'начало', 'конец',
  'тип', 'вид', 'type', 'дата', 'date', 'місце', 'место', 'place', 'location', 'text', 'текст', 'name', 'особа', 'person',
]);
