/**
 * Answers in the shape the brief gives for endpoints other parts of Vigil are still building
 * (imports, linkage review). Used only by e2e/contracts.test.ts, to exercise the screens' logic;
 * the journey test uses the real server and skips what is not there.
 */
import type { Page, Route } from 'playwright-core';

export const IMPORT_PREVIEW = {
  file: 'e2e-list.csv', sha256: '0'.repeat(64), kind: 'persons', format: 'csv', kindReason: 'name columns', sheet: '',
  columns: [
    { header: 'Прізвище', letter: 'A', field: 'familyName', confidence: 1, source: 'recognised', samples: ['Етестенко', 'Етестук', 'Етестюк'] },
    { header: "Ім'я", letter: 'B', field: 'givenName', confidence: 1, source: 'recognised', samples: ['Іван', 'Петро', 'Олег'] },
    { header: 'Дата народження', letter: 'C', field: 'birthDate', confidence: 0.9, source: 'recognised', samples: ['1990-04-12', '1991-13-45', '1985'] },
    { header: 'Примітка', letter: 'D', field: null, confidence: 0, source: 'unrecognised', samples: ['', '', ''] },
  ],
  suggestions: {},
  fields: ['familyName', 'givenName', 'patronymic', 'fullName', 'birthDate', 'sex', 'status', 'notes'],
  rows: [
    { row: 2, sheet: '', data: { familyName: 'Етестенко', givenName: 'Іван', birthDate: '1990-04-12' }, original: {}, cells: {}, notes: [], rowHash: 'a' },
    { row: 4, sheet: '', data: { familyName: 'Етестюк', givenName: 'Олег', birthDate: '1985' }, original: {}, cells: {}, notes: [], rowHash: 'b' },
  ],
  problems: [{ file: 'e2e-list.csv', row: 3, column: 'Дата народження', severity: 'error', message: 'month 13 does not exist' }],
  stats: { dataRows: 3, accepted: 2, rejected: 1, warnings: 0, sheets: 1 },
};

const REPORT = {
  dryRun: false, written: true, imported: 2, unchanged: 0, warnings: [],
  rejected: [{ file: 'e2e-list.csv', row: 3, column: 'Дата народження', severity: 'error', message: 'month 13 does not exist' }],
  files: [{ file: 'e2e-list.csv', source: { id: '00000000-0000-4000-8000-000000000001', title: 'e2e-list.csv', created: true } }],
};

const record = (id: string, f: Record<string, string | null>) => ({
  id, personId: `${id}-person`, sourceId: `${id}-source`, sourceTitle: f.source ?? null, familyName: f.familyName ?? null, givenName: f.givenName ?? null,
  patronymic: null, fullName: null, birth: f.birth ?? null, birthPlace: null, sex: 'male', citizenship: null, unit: f.unit ?? null, rank: null,
  serviceNumber: null, status: 'captured', statusDate: null,
});
const pair = (id: string, weight: number) => ({
  id, runId: 'run-1', status: 'pending', probability: 0.97, weight, prior: -9.2, reason: 'uncertain', sameCluster: false, samePerson: false,
  recordA: record(`${id}-a`, { source: 'Registry of captured servicemen (synthetic)', familyName: 'Коваль', givenName: 'Омелян', birth: '1990-03-02', unit: 'в/ч 00000' }),
  recordB: record(`${id}-b`, { source: 'Interview T-001 (synthetic)', familyName: 'Koval', givenName: 'Omelian', birth: '1990-03' }),
  explanation: [
    { comparison: 'familyName', level: 'same after transliteration', weight: 6.2, levelWeight: 6.0, tfAdjustment: 0.2, m: 0.95, u: 0.01 },
    { comparison: 'givenName', level: 'same after transliteration', weight: 4.1, levelWeight: 4.1, tfAdjustment: 0, m: 0.9, u: 0.05 },
    { comparison: 'birth', level: 'compatible (month)', weight: 2.3, levelWeight: 2.3, tfAdjustment: 0, m: 0.8, u: 0.16 },
    { comparison: 'unit', level: null, weight: -0.4, levelWeight: -0.4, tfAdjustment: 0, m: null, u: null },
  ],
});

/** Installs the stubs; returns what the screens sent, for assertions. */
export async function installStubs(page: Page) {
  const sent: { path: string; body: string; csrf?: string }[] = [];
  let queue = [pair('pair-1', 12.2), pair('pair-2', 3.1)];
  const json = (route: Route, status: number, body: unknown) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
  let previews = 0;
  await page.route('**/api/v1/imports/preview', async (route) => {
    sent.push({ path: 'preview', body: route.request().postData() ?? '' });
    // The first answer is a validation problem, to show that its fields reach the screen.
    if (previews++ === 0) {
      await route.fulfill({ status: 400, contentType: 'application/problem+json', body: JSON.stringify({
        type: 'https://vigil.invalid/problems/validation', title: 'Invalid input', status: 400, detail: 'obtained: not a date',
        errors: [{ field: 'obtained', message: '"2024-13" is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD' }], instance: '/api/v1/imports/preview',
      }) });
      return;
    }
    await json(route, 200, IMPORT_PREVIEW);
  });
  await page.route('**/api/v1/imports', async (route) => {
    sent.push({ path: 'commit', body: route.request().postData() ?? '' });
    const lines = [{ phase: 'read', done: 1, total: 1 }, { phase: 'validate', done: 3, total: 3 }, { phase: 'write', done: 1, total: 2 }, { phase: 'write', done: 2, total: 2 }, { report: REPORT }];
    await route.fulfill({ status: 200, contentType: 'application/x-ndjson', body: lines.map((l) => JSON.stringify(l)).join('\n') + '\n' });
  });
  // A signed-in reviewer (decides pairs; mutating requests carry the CSRF token).
  await page.route('**/api/v1/auth/session', async (route) => json(route, 200, {
    user: { id: 'stub-user', username: 'stub-reviewer', role: 'reviewer', displayName: 'Stub reviewer' }, csrfToken: 'stub-csrf-token', workspaceKind: 'demo', actingAs: 'reviewer', expiresAt: null,
  }));
  await page.route('**/api/v1/linkage/review', async (route) => json(route, 200, { items: queue, total: queue.length }));
  await page.route('**/api/v1/linkage/review/*', async (route) => {
    const id = route.request().url().split('/').pop()!;
    sent.push({ path: `decide ${id}`, body: route.request().postData() ?? '', csrf: route.request().headers()['x-csrf-token'] ?? '' });
    queue = queue.filter((p) => p.id !== id);
    await json(route, 200, { id, ok: true });
  });
  return sent;
}
