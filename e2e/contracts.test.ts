/**
 * The screens that wait for endpoints still being built (import wizard, linkage review), exercised
 * against stubs in the shape of the documented contract, and the layout at tablet width.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeSerious, openBrowser, type Session } from './helpers/browser';
import { snap } from './helpers/screenshot';
import { ensureWebBuilt, startServer, type RunningServer } from './helpers/server';
import { installStubs } from './helpers/stubs';

let server: RunningServer;
let s: Session;
let page: Page;
let sent: { path: string; body: string; csrf?: string }[];

beforeAll(async () => {
  ensureWebBuilt();
  server = await startServer();
  s = await openBrowser();
  page = s.page;
  sent = await installStubs(page);
});

afterAll(async () => {
  await s?.close();
  await server?.stop();
});

describe('screens against stubbed contracts', () => {
  it('import wizard: column mapping, dry-run errors by row and column, commit with progress', async () => {
    await page.goto(server.url + '/imports', { waitUntil: 'networkidle' });
    await page.getByLabel('File (CSV or Excel)').setInputFiles({ name: 'e2e-list.csv', mimeType: 'text/csv', buffer: Buffer.from('Прізвище\nЕтестенко\n') });
    await page.getByRole('button', { name: 'Read the file' }).click();
    const problem = page.locator('.error-box');
    await problem.waitFor();
    expect(await problem.innerText()).toMatch(/Invalid input \(400\)[\s\S]*obtained: "2024-13" is not a date/); // problem+json with its field names
    expect(s.problems.splice(0).every((p) => /status of 400/.test(p))).toBe(true); // the expected 400 in the console
    await page.getByRole('button', { name: 'Read the file' }).click();
    await page.locator('table.mapping-table').waitFor();
    expect(await page.locator('.error-box').count()).toBe(0);
    expect(await page.getByLabel('Field for column Прізвище').inputValue()).toBe('familyName');
    expect(await page.locator('.badge.recognised').count()).toBe(3);
    await page.getByLabel('Field for column Примітка').selectOption('notes');
    await page.getByRole('button', { name: 'Check the rows (dry run)' }).click();
    const problems = page.locator('[data-testid="import-problems"]');
    await problems.waitFor();
    const row = problems.locator('tbody tr').first();
    expect(await row.innerText()).toMatch(/3\s+Дата народження/);
    expect(await page.locator('[data-testid="dry-run-summary"]').innerText()).toContain('2 ready, 1 with errors');
    const mappingSent = sent.filter((x) => x.path === 'preview').pop()!.body;
    expect(mappingSent).toContain('"Примітка":"notes"');
    expect((await axeSerious(page)).map((v) => v.id)).toEqual([]);
    await snap(page, 'c1-import-dry-run');
    await page.getByRole('button', { name: 'Import, skipping 1 row with errors' }).click();
    await page.locator('[data-testid="import-done"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="import-done"]').innerText()).toContain('2 records imported, 0 unchanged, 1 rows rejected');
    expect(sent.filter((x) => x.path === 'commit').pop()!.body).toMatch(/name="skipInvalid"\s+true/);
    expect(s.problems).toEqual([]);
  });

  it('linkage review: side by side with differences marked, weights explained, keyboard decisions', async () => {
    await page.goto(server.url + '/linkage', { waitUntil: 'networkidle' });
    await page.locator('[data-testid="pair-table"]').waitFor();
    expect(await page.locator('[data-testid="match-weight"]').innerText()).toContain('12.20');
    expect(await page.locator('.pair-table tr.diff-differs').count()).toBeGreaterThan(0);
    expect(await page.locator('.pair-table mark').count()).toBeGreaterThan(0);
    expect(await page.locator('.weights li').count()).toBe(4);
    expect((await axeSerious(page)).map((v) => v.id)).toEqual([]);
    await snap(page, 'c2-linkage');
    await page.keyboard.press('a');
    await expect.poll(() => sent.filter((x) => x.path.startsWith('decide')).length).toBe(1);
    await page.locator('[data-testid="match-weight"]', { hasText: '3.10' }).waitFor(); // the next pair is shown (keys are ignored while a decision is sent)
    await page.keyboard.press('r');
    await page.getByText('No pair is waiting for review').waitFor();
    expect(sent.filter((x) => x.path.startsWith('decide'))).toEqual([
      { path: 'decide pair-1', body: '{"decision":"match"}', csrf: 'stub-csrf-token' },
      { path: 'decide pair-2', body: '{"decision":"non_match"}', csrf: 'stub-csrf-token' },
    ]);
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
