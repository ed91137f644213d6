/**
 * A synthetic persons list as families' associations and ministries keep them (`;`-separated, CRLF,
 * Ukrainian headers, a running number, invented names), for the import benchmarks. Seeded: the same
 * rows on every machine. `variant: 'changed'` edits the status of every 100th row and appends 1% rows;
 * `dates: 'mixed'` writes birth dates in the forms people type (31.12.1990, 1990 р., 12.1990, ISO).
 */
import { mulberry32 } from '../src/domain';

export interface SyntheticListOptions { variant?: 'first' | 'changed'; dates?: 'mixed' | 'day-month-year' }

const FAMILY = ['Тестенко', 'Вигаданюк', 'Прикладна', 'Зразков', 'Умовний', 'Нульовий', 'Несправжній', 'Придуманко'];
const GIVEN = ['Іван', 'Олег', 'Марія', 'Петро', 'Тарас', 'Євген', 'Ганна', 'Ґанна'];
const PATRONYMIC = ['Петрович', 'Іванович', 'Олегівна', 'Степанович', 'Тарасович', ''];
const STATUS = ['в полоні', 'зник безвісти', 'звільнений', 'помер у полоні', 'невідомо'];
const SEX = ['ч', 'чол.', 'ж', 'M', ''];
const STATUS_DATE = ['весна 2022', 'березень 2022', '03.2022', '2023-06-15', 'кінець 2023', ''];
const HEADER = '№;Прізвище;Ім\'я;По батькові;Дата народження;Стать;Громадянство;В/ч;Звання;Особистий номер;Статус;Дата статусу;Примітка';

/** The list as text (encode it as the benchmark needs: Windows-1251 or UTF-8). */
export function syntheticPersonsList(rows: number, opts: SyntheticListOptions = {}): string {
  const rnd = mulberry32(42);
  const int = (lo: number, n: number) => lo + Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const two = (n: number) => String(n).padStart(2, '0');
  const dateForms = [
    () => `${two(int(1, 28))}.${two(int(1, 12))}.${int(1960, 45)}`,
    () => `${int(1960, 45)} р.`,
    () => `${two(int(1, 12))}.${int(1960, 45)}`,
    () => `${int(1960, 45)}-${two(int(1, 12))}-${two(int(1, 28))}`,
  ];
  const mixed = opts.dates === 'mixed';
  const changed = opts.variant === 'changed';
  const lines = [HEADER];
  const total = changed ? rows + Math.floor(rows / 100) : rows;
  for (let i = 1; i <= total; i++) {
    const birth = mixed ? pick(dateForms)() : dateForms[0]();
    let status = pick(STATUS);
    if (changed && i % 100 === 0 && i <= rows) status = 'звільнений';
    const statusDate = mixed ? pick(STATUS_DATE) : '03.2022';
    const note = i % 1000 === 0 ? '"Рядок з ""лапками""; і крапкою з комою"' : '';
    lines.push([i, pick(FAMILY), pick(GIVEN), pick(PATRONYMIC), birth, pick(SEX), 'Україна', `А${String(i % 9999).padStart(4, '0')}`, 'солдат', `ТЕ-${String(i).padStart(6, '0')}`, status, statusDate, note].join(';'));
  }
  return lines.join('\r\n') + '\r\n';
}
