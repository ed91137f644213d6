/**
 * Details of the import wizard and the linkage review against the real server on a fresh demo
 * workspace: a mapping chosen by hand, the dry run's errors by row and column, an import that skips
 * the invalid row (checked through the API), and a reviewer's keyboard decision that joins two persons;
 * then the layout at tablet width.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeSerious, openBrowser, type Session } from './helpers/browser';
import { snap } from './helpers/screenshot';
import { ensureWebBuilt, startServer, type RunningServer } from './helpers/server';

let server: RunningServer;
let s: Session;
let page: Page;

/** Display names of the persons a search finds (search is fuzzy, so names are compared, not totals). */
async function namesFound(q: string): Promise<string[]> {
  const r = await api<{ items: { displayName: string }[] }>('/api/v1/persons?limit=50&q=' + encodeURIComponent(q));
  return r.items.map((p) => p.displayName);
}

async function api<T>(path: string): Promise<T> {
  const r = await fetch(`${server.url}${path}`);
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return r.json() as Promise<T>;
}

beforeAll(async () => {
  ensureWebBuilt();
  server = await startServer();
  s = await openBrowser();
  page = s.page;
});

afterAll(async () => {
  await s?.close();
  await server?.stop();
});

describe('import wizard and linkage review on the real server', () => {
  it('import wizard: column mapping by hand, dry-run errors by row and column, commit skipping the invalid row', async () => {
    await page.goto(server.url + '/imports', { waitUntil: 'networkidle' });
    const csv = 'Прізвище;Ім\'я;Дата народження;Примітка\nЕконтрактенко;Іван;1990-04-12;e2e note one\nЕконтрактук;Петро;1991-13-45;e2e note two\nЕконтрактюк;Олег;1985;e2e note three\n';
    await page.getByLabel('File (CSV or Excel)').setInputFiles({ name: 'e2e-contract-list.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByRole('button', { name: 'Read the file' }).click();
    await page.locator('table.mapping-table').waitFor({ timeout: 60_000 });
    expect(await page.getByLabel('Field for column Прізвище').inputValue()).toBe('familyName');
    expect(await page.locator('.badge.recognised').count()).toBeGreaterThanOrEqual(3);
    await page.getByLabel('Field for column Примітка').selectOption('notes');
    await page.getByRole('button', { name: 'Check the rows (dry run)' }).click();
    const problems = page.locator('[data-testid="import-problems"]');
    await problems.waitFor({ timeout: 60_000 });
    expect(await problems.locator('tbody tr').first().innerText()).toMatch(/3\s+Дата народження/);
    expect(await page.locator('[data-testid="dry-run-summary"]').innerText()).toContain('2 ready, 1 with errors');
    // The dry run wrote nothing.
    expect((await namesFound('Еконтракт')).filter((n) => n.includes('Еконтракт'))).toEqual([]);
    expect((await axeSerious(page)).map((v) => v.id)).toEqual([]);
    await snap(page, 'c1-import-dry-run');
    await page.getByRole('button', { name: 'Import, skipping 1 row with errors' }).click();
    await page.locator('[data-testid="import-done"]').waitFor({ timeout: 120_000 });
    expect(await page.locator('[data-testid="import-done"]').innerText()).toMatch(/2 records imported, 0 unchanged, 1 rows? rejected/);
    const imported = (await namesFound('Еконтракт')).filter((n) => n.includes('Еконтракт')).sort();
    expect(imported).toHaveLength(2);
    expect(imported.some((n) => n.includes('Еконтрактенко'))).toBe(true);
    expect(imported.some((n) => n.includes('Еконтрактюк'))).toBe(true);
    expect(s.problems).toEqual([]);
  });

  it('linkage review: differences marked, weights explained; a reviewer accepts with the keyboard and the two records become one person', async () => {
    await page.goto(server.url + '/login', { waitUntil: 'networkidle' });
    await page.getByLabel('User name').fill('demo-reviewer');
    await page.locator('#pw').fill('try-the-reviewer-role');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(server.url + '/');
    type Pair = { id: string; status: string; samePerson: boolean; recordA: { id: string; personId: string }; recordB: { id: string; personId: string } };
    const first = (await api<{ items: Pair[] }>('/api/v1/linkage/review?limit=1')).items[0];
    expect(first.samePerson).toBe(false);
    await page.goto(server.url + '/linkage', { waitUntil: 'networkidle' });
    await page.locator('[data-testid="pair-table"]').waitFor();
    expect(await page.locator('.pair-table tr.diff-differs').count()).toBeGreaterThan(0);
    expect(await page.locator('.pair-table mark').count()).toBeGreaterThan(0);
    expect(await page.locator('.weights li').count()).toBeGreaterThan(3);
    expect((await axeSerious(page)).map((v) => v.id)).toEqual([]);
    await snap(page, 'c2-linkage');
    await page.keyboard.press('a');
    await expect.poll(() => page.locator('.sr-only[aria-live]').innerText()).toContain('Recorded: same person.');
    const decided = await api<Pair>(`/api/v1/linkage/review/${first.id}`);
    expect(decided.status).toBe('match');
    const personOf = async (recordId: string) => {
      const h = await api<{ items: { id: string; personId: string }[] }>(`/api/v1/person-records/${recordId}/history`);
      return h.items.find((r) => r.id === recordId)!.personId;
    };
    expect(await personOf(first.recordA.id)).toBe(await personOf(first.recordB.id));
    expect(s.problems).toEqual([]);
  });
});

describe('tablet width (800 px)', () => {
  it('main screens fit without horizontal scrolling and stay accessible', async () => {
    const tablet = await openBrowser({ width: 800, height: 1000 });
    try {
      const facilities = await (await fetch(`${server.url}/api/v1/facilities?limit=1`)).json() as { items: { id: string }[] };
      for (const path of ['/', '/persons?q=ostapenko', '/map', `/facilities/${facilities.items[0].id}`, '/testimonies/new', '/evidence']) {
        await tablet.page.goto(server.url + path, { waitUntil: 'networkidle' });
        await tablet.page.locator('h1').waitFor();
        const overflow = await tablet.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
        expect((await axeSerious(tablet.page)).map((v) => v.id), `axe on ${path}`).toEqual([]);
      }
      await snap(tablet.page, 'c3-tablet-evidence');
      expect(tablet.problems).toEqual([]);
    } finally {
      await tablet.close();
    }
  });
});
