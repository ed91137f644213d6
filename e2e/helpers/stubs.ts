/**
 * Answers in the shape the brief gives for endpoints other parts of Vigil are still building
 * (imports, linkage review). Used only by e2e/contracts.test.ts, to exercise the screens' logic;
 * the journey test uses the real server and skips what is not there.
 */
import type { Page, Route } from 'playwright-core';

export const IMPORT_PREVIEW = {
  kind: 'persons',
  columns: [
    { name: 'Прізвище', field: 'familyName', samples: ['Етестенко', 'Етестук', 'Етестюк'] },
    { name: "Ім'я", field: 'givenName', samples: ['Іван', 'Петро', 'Олег'] },
    { name: 'Дата народження', field: 'birthDate', samples: ['1990-04-12', '1991-13-45', '1985'] },
    { name: 'Примітка', field: null, samples: ['', '', ''] },
  ],
  rows: [{ familyName: 'Етестенко', givenName: 'Іван', birthDate: '1990-04-12' }, { familyName: 'Етестюк', givenName: 'Олег', birthDate: '1985' }],
  problems: [{ file: 'e2e-list.csv', sheet: '', row: 3, column: 'Дата народження', severity: 'error', message: 'month 13 does not exist' }],
  stats: { dataRows: 3, accepted: 2, rejected: 1 },
};

const pair = (id: string, weight: number) => ({
  id, weight, probability: 0.97,
  left: { id: `${id}-a`, sourceTitle: 'Registry of captured servicemen (synthetic)', fields: { familyName: 'Коваль', givenName: 'Омелян', birth: '1990-03-02', unit: 'в/ч 00000' } },
  right: { id: `${id}-b`, sourceTitle: 'Interview T-001 (synthetic)', fields: { familyName: 'Koval', givenName: 'Omelian', birth: '1990-03', unit: null } },
  comparisons: [
    { field: 'familyName', level: 'same after transliteration', weight: 6.2 },
    { field: 'givenName', level: 'same after transliteration', weight: 4.1 },
    { field: 'birth', level: 'compatible (month)', weight: 2.3 },
    { field: 'unit', level: 'missing on one side', weight: -0.4 },
  ],
});

/** Installs the stubs; returns what the screens sent, for assertions. */
export async function installStubs(page: Page) {
  const sent: { path: string; body: string }[] = [];
  let polls = 0;
  let queue = [pair('pair-1', 12.2), pair('pair-2', 3.1)];
  const json = (route: Route, status: number, body: unknown) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
  await page.route('**/api/v1/imports/preview', async (route) => {
    sent.push({ path: 'preview', body: route.request().postData() ?? '' });
    await json(route, 200, IMPORT_PREVIEW);
  });
  await page.route('**/api/v1/imports', async (route) => {
    sent.push({ path: 'commit', body: route.request().postData() ?? '' });
    await json(route, 202, { id: 'run-1', status: 'running', progress: { processed: 0, total: 2 } });
  });
  await page.route('**/api/v1/imports/run-1', async (route) => {
    polls += 1;
    await json(route, 200, polls < 2 ? { id: 'run-1', status: 'running', progress: { processed: 1, total: 2 } } : { id: 'run-1', status: 'done', progress: { processed: 2, total: 2 }, created: { persons: 2 }, rejected: 1 });
  });
  await page.route('**/api/v1/linkage/review', async (route) => json(route, 200, { items: queue, total: queue.length }));
  await page.route('**/api/v1/linkage/review/*', async (route) => {
    const id = route.request().url().split('/').pop()!;
    sent.push({ path: `decide ${id}`, body: route.request().postData() ?? '' });
    queue = queue.filter((p) => p.id !== id);
    await json(route, 200, { id, ok: true });
  });
  return sent;
}
