/**
 * Details of the import wizard and the linkage review against the real server on a fresh demo
 * workspace: a mapping chosen by hand, the dry run's errors by row and column, an import that skips
 * the invalid row (checked through the API), and a reviewer's keyboard decision that joins two persons;
 * then the layout at tablet width.
 */
import { describe, expect, it } from 'vitest';
import { axeSerious, openBrowser } from './helpers/browser';
import { apiJson, signInAs, useDemoSession } from './helpers/demo-session';
import { snap } from './helpers/screenshot';

const ctx = useDemoSession();
const api = <T>(path: string) => apiJson<T>(ctx.server, path);

/** Display names of the persons a search finds (search is fuzzy, so names are compared, not totals). */
async function namesFound(q: string): Promise<string[]> {
  const r = await api<{ items: { displayName: string }[] }>('/api/v1/persons?limit=50&q=' + encodeURIComponent(q));
  return r.items.map((p) => p.displayName);
}

describe('import wizard and linkage review on the real server', () => {
  it('import wizard: column mapping by hand, dry-run errors by row and column, commit skipping the invalid row', async () => {
    await ctx.page.goto(ctx.server.url + '/imports', { waitUntil: 'networkidle' });
    const csv = 'Прізвище;Ім\'я;Дата народження;Примітка\nЕконтрактенко;Іван;1990-04-12;e2e note one\nЕконтрактук;Петро;1991-13-45;e2e note two\nЕконтрактюк;Олег;1985;e2e note three\n';
    await ctx.page.getByLabel('File (CSV or Excel)').setInputFiles({ name: 'e2e-contract-list.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await ctx.page.getByRole('button', { name: 'Read the file' }).click();
    await ctx.page.locator('table.mapping-table').waitFor({ timeout: 60_000 });
    expect(await ctx.page.getByLabel('Field for column Прізвище').inputValue()).toBe('familyName');
    expect(await ctx.page.locator('.badge.recognised').count()).toBeGreaterThanOrEqual(3);
    await ctx.page.getByLabel('Field for column Примітка').selectOption('notes');
    await ctx.page.getByRole('button', { name: 'Check the rows (dry run)' }).click();
    const problems = ctx.page.locator('[data-testid="import-problems"]');
    await problems.waitFor({ timeout: 60_000 });
    expect(await problems.locator('tbody tr').first().innerText()).toMatch(/3\s+Дата народження/);
    expect(await ctx.page.locator('[data-testid="dry-run-summary"]').innerText()).toContain('2 ready, 1 with errors');
    // The dry run wrote nothing.
    expect((await namesFound('Еконтракт')).filter((n) => n.includes('Еконтракт'))).toEqual([]);
    expect((await axeSerious(ctx.page)).map((v) => v.id)).toEqual([]);
    await snap(ctx.page, 'c1-import-dry-run');
    await ctx.page.getByRole('button', { name: 'Import, skipping 1 row with errors' }).click();
    await ctx.page.locator('[data-testid="import-done"]').waitFor({ timeout: 120_000 });
    expect(await ctx.page.locator('[data-testid="import-done"]').innerText()).toMatch(/2 records imported, 0 unchanged, 1 rows? rejected/);
    const imported = (await namesFound('Еконтракт')).filter((n) => n.includes('Еконтракт')).sort();
    expect(imported).toHaveLength(2);
    expect(imported.some((n) => n.includes('Еконтрактенко'))).toBe(true);
    expect(imported.some((n) => n.includes('Еконтрактюк'))).toBe(true);
    expect(ctx.s.problems).toEqual([]);
  });

  it('linkage review: differences marked, weights explained; a reviewer accepts with the keyboard and the two records become one person', async () => {
    await signInAs(ctx, 'reviewer');
    type Pair = { id: string; status: string; samePerson: boolean; recordA: { id: string; personId: string }; recordB: { id: string; personId: string } };
    const first = (await api<{ items: Pair[] }>('/api/v1/linkage/review?limit=1')).items[0];
    expect(first.samePerson).toBe(false);
    await ctx.page.goto(ctx.server.url + '/linkage', { waitUntil: 'networkidle' });
    await ctx.page.locator('[data-testid="pair-table"]').waitFor();
    expect(await ctx.page.locator('.pair-table tr.diff-differs').count()).toBeGreaterThan(0);
    expect(await ctx.page.locator('.pair-table mark').count()).toBeGreaterThan(0);
    expect(await ctx.page.locator('.weights li').count()).toBeGreaterThan(3);
    expect((await axeSerious(ctx.page)).map((v) => v.id)).toEqual([]);
    await snap(ctx.page, 'c2-linkage');
    await ctx.page.keyboard.press('a');
    await expect.poll(() => ctx.page.locator('.sr-only[aria-live]').innerText()).toContain('Recorded: same person.');
    const decided = await api<Pair>(`/api/v1/linkage/review/${first.id}`);
    expect(decided.status).toBe('match');
    const personOf = async (recordId: string) => {
      const h = await api<{ items: { id: string; personId: string }[] }>(`/api/v1/person-records/${recordId}/history`);
      return h.items.find((r) => r.id === recordId)!.personId;
    };
    expect(await personOf(first.recordA.id)).toBe(await personOf(first.recordB.id));
    expect(ctx.s.problems).toEqual([]);
  });
});

describe('tablet width (800 px)', () => {
  it('main screens fit without horizontal scrolling and stay accessible', async () => {
    const tablet = await openBrowser({ width: 800, height: 1000 });
    try {
      const facilities = await (await fetch(`${ctx.server.url}/api/v1/facilities?limit=1`)).json() as { items: { id: string }[] };
      for (const path of ['/', '/persons?q=ostapenko', '/map', `/facilities/${facilities.items[0].id}`, '/testimonies/new', '/evidence']) {
        await tablet.page.goto(ctx.server.url + path, { waitUntil: 'networkidle' });
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
