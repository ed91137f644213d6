/**
 * The investigator's journey through the web app, in Debian chromium against a fresh demo workspace:
 * overview (first-load time), registry search by a Latin spelling of a Cyrillic name, the person's
 * timeline, a testimony with two allegations, the import wizard, a facility dossier and the map,
 * linkage review and evidence, then Ukrainian. Every main screen is checked with axe-core.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { transliterate } from '../src/linkage';
import { bundleSizes, kb, writeBenchmarkSection } from './helpers/bench';
import { axeSerious, openBrowser, type Session } from './helpers/browser';
import { apiJson, signInAs, useDemoSession } from './helpers/demo-session';
import { snap } from './helpers/screenshot';
import type { RunningServer } from './helpers/server';

const ctx = useDemoSession();
let server: RunningServer;
let s: Session;
let page: Page;
beforeAll(() => { ({ server, s, page } = ctx); });
const axeReport: Record<string, string[]> = {};
const firstLoads: { headlineMs: number; idleMs: number; jsTransfer: number }[] = [];

const api = <T>(path: string, init?: RequestInit) => apiJson<T>(server, path, init);

/** axe-core on the current screen: no serious or critical violation. */
async function checkAxe(screen: string) {
  const v = await axeSerious(page);
  axeReport[screen] = v.map((x) => `${x.id} (${x.impact}): ${x.help} ${x.nodes.join(' ')}`);
  expect(axeReport[screen], `axe on ${screen}`).toEqual([]);
}

/** A screenshot with visible content: enough non-white pixels and more than a handful of colours. */
async function checkShot(name: string) {
  const st = await snap(page, name);
  expect(st.nonWhite, `${name}: non-white pixels`).toBeGreaterThan(st.width * st.height * 0.05);
  expect(st.colours, `${name}: distinct colours`).toBeGreaterThan(20);
}

function noProblems() {
  const p = s.problems.splice(0);
  expect(p, 'console errors, page errors or CSP violations').toEqual([]);
}

describe('investigator journey', () => {
  it('overview: DEMO banner, counts, charts; first load on a cold cache is measured', async () => {
    // One untimed visit first: the server has just been started (a running server has served pages before).
    const warm = await openBrowser();
    await warm.page.goto(server.url + '/', { waitUntil: 'networkidle' });
    await warm.close();
    for (let i = 0; i < 3; i++) {
      const cold = await openBrowser(); // new profile: nothing cached
      try {
        const t0 = Date.now();
        await cold.page.goto(server.url + '/', { waitUntil: 'commit' });
        await cold.page.locator('[data-testid="headline"] .stat-card').nth(3).waitFor();
        const headlineMs = Date.now() - t0;
        await cold.page.waitForLoadState('networkidle');
        const idleMs = Date.now() - t0;
        const jsTransfer = await cold.page.evaluate(() => performance.getEntriesByType('resource')
          .filter((e) => e.name.endsWith('.js')).reduce((n, e) => n + (e as PerformanceResourceTiming).transferSize, 0));
        firstLoads.push({ headlineMs, idleMs, jsTransfer });
        expect(cold.problems).toEqual([]);
      } finally {
        await cold.close();
      }
    }
    await page.goto(server.url + '/', { waitUntil: 'networkidle' });
    await expect(page.locator('.demo-banner').innerText()).resolves.toMatch(/DEMO/);
    const counts = await page.locator('[data-testid="headline"] .stat-value').allInnerTexts();
    expect(counts.length).toBeGreaterThanOrEqual(6);
    expect(Number(counts[0].replace(/\D/g, ''))).toBeGreaterThan(100);
    await page.locator('.column-chart rect.col-fill').first().waitFor();
    expect(await page.locator('.bar-list li').count()).toBeGreaterThan(5);
    await checkShot('01-overview');
    await checkAxe('overview');
    noProblems();
  });

  let person: { id: string; displayName: string; latin: string };

  it('registry: finds a person recorded in Cyrillic by a Latin spelling, and opens the timeline', async () => {
    // A person with custody episodes whose name is written in Ukrainian Cyrillic only.
    const episodes = await api<{ items: { personId: string }[] }>('/api/v1/custody-episodes?limit=500');
    const ids = [...new Set(episodes.items.map((e) => e.personId))];
    const tried: string[] = [];
    for (const id of ids.slice(0, 80)) {
      const p = await api<{ id: string; displayName: string; displayNameLatin: string | null }>(`/api/v1/persons/${id}`);
      if (!/^[А-ЩЬЮЯІЇЄҐ][а-щьюяіїєґ’']+ [А-ЩЬЮЯІЇЄҐ][а-щьюяіїєґ’']+$/.test(p.displayName)) continue;
      const latin = transliterate(p.displayName, 'ua-national');
      const hits = await api<{ items: { id: string }[] }>(`/api/v1/persons?q=${encodeURIComponent(latin)}&limit=25`);
      tried.push(`${p.displayName} → ${latin}: ${hits.items.some((h) => h.id === id) ? 'found' : 'not found'}`);
      if (hits.items.some((h) => h.id === id)) { person = { id, displayName: p.displayName, latin }; break; }
    }
    expect(person, `no Cyrillic person found by transliteration; tried: ${tried.join('; ')}`).toBeDefined();
    console.info(`[e2e] searching for ${person.displayName} as "${person.latin}"`);

    await page.goto(server.url + '/persons', { waitUntil: 'networkidle' });
    await page.getByLabel('Name, in any spelling').fill(person.latin);
    const link = page.locator(`a[href="/persons/${person.id}"]`);
    await link.waitFor();
    expect(await link.innerText()).toBe(person.displayName);
    expect(new URL(page.url()).searchParams.get('q')).toBe(person.latin); // shareable link
    await checkShot('02-registry-search');
    await checkAxe('registry');

    await link.click();
    await page.locator('h1', { hasText: person.displayName }).waitFor();
    await page.locator('svg.timeline-svg .tl-episode').first().waitFor();
    expect(await page.locator('svg.timeline-svg .tl-episode').count()).toBeGreaterThan(0);
    await page.locator('.events-details summary').click();
    expect(await page.locator('.events-details tbody tr').count()).toBeGreaterThan(0);
    await page.waitForLoadState('networkidle');
    await checkShot('03-person-timeline');
    await checkAxe('person');
    noProblems();
  });

  it('testimony: records a witness account with two allegations (draft kept without identity)', async () => {
    await page.goto(server.url + '/testimonies/new', { waitUntil: 'networkidle' });
    await page.getByLabel('Pseudonym').fill('W-E2E-001');
    await page.getByLabel('Real name').fill('Invented Witness Name');
    await page.getByLabel('Date of interview').fill('2024-05');

    await page.getByRole('button', { name: 'Add a place' }).click();
    const place = page.locator('fieldset.row-set', { hasText: 'Place 1' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('SELECT'); // focus moved to the new row
    await place.getByLabel('Facility').selectOption({ index: 1 });
    await place.getByLabel('From', { exact: true }).fill('2022-03');
    await place.getByLabel('To', { exact: true }).fill('2023-01/2023-03');

    await page.getByLabel('Search the registry by name').fill(person.latin);
    const hit = page.locator('.hits button.hit', { hasText: person.displayName }).first();
    await hit.waitFor();
    await hit.click();
    const fellow = page.locator('fieldset.row-set', { hasText: 'Fellow detainee 1' });
    await fellow.getByLabel('Seen at').selectOption({ index: 1 });
    await fellow.getByLabel('Seen from').fill('2022-05');

    await page.getByRole('button', { name: 'Add a perpetrator' }).click();
    await page.locator('fieldset.row-set', { hasText: 'Perpetrator 1' }).getByLabel('Name or call sign').fill('Invented unit 00000');

    await page.getByRole('button', { name: 'Add an allegation' }).click();
    const a1 = page.locator('fieldset.row-set', { hasText: 'Allegation 1' });
    await a1.getByLabel('Type (controlled vocabulary)').selectOption('beating');
    await a1.getByLabel('When', { exact: true }).fill('2022-04');
    await a1.getByLabel('Invented unit 00000').check();
    await page.getByRole('button', { name: 'Add an allegation' }).click();
    const a2 = page.locator('fieldset.row-set', { hasText: 'Allegation 2' });
    await a2.getByLabel('Type (controlled vocabulary)').selectOption('electric_shock');
    await a2.getByLabel('When', { exact: true }).fill('2022');
    await a2.getByLabel(person.displayName).check();

    await page.locator('#t-files').setInputFiles({ name: 'e2e-interview-notes.txt', mimeType: 'text/plain', buffer: Buffer.from(`synthetic interview notes ${Date.now()}\n`) });

    // The draft is in localStorage, without the restricted identity.
    await expect.poll(() => page.evaluate(() => localStorage.getItem('vigil.testimony.draft.v1') ?? ''), { timeout: 10_000 }).toContain('electric_shock');
    const draft = await page.evaluate(() => localStorage.getItem('vigil.testimony.draft.v1') ?? '');
    expect(draft).toContain('W-E2E-001');
    expect(draft).not.toContain('Invented Witness Name');
    await checkShot('04-testimony-form');
    await checkAxe('testimony');

    await page.getByRole('button', { name: 'Save testimony' }).click();
    await page.locator('[data-testid="testimony-done"]').waitFor({ timeout: 60_000 });
    await checkShot('05-testimony-saved');
    const steps = await page.locator('ol.steps').innerText();
    expect(steps).toMatch(/Done Testimony, witness, places, fellow detainees and allegations \(one transaction\)/);
    expect(steps).toMatch(/Done Attachment e2e-interview-notes\.txt/);
    expect(await page.evaluate(() => localStorage.getItem('vigil.testimony.draft.v1'))).toBeNull();

    const sources = await api<{ items: { id: string; title: string }[] }>(`/api/v1/sources?q=${encodeURIComponent('W-E2E-001')}&kind=testimony`);
    const src = sources.items.find((x) => x.title.includes('W-E2E-001'));
    expect(src, 'the testimony source').toBeDefined();
    const alleg = await api<{ items: { typeCode: string; victims: unknown[]; perpetrators: unknown[] }[]; total: number }>(`/api/v1/allegations?sourceId=${src!.id}`);
    expect(alleg.total).toBe(2);
    expect(alleg.items.map((x) => x.typeCode).sort()).toEqual(['beating', 'electric_shock']);
    expect(alleg.items.find((x) => x.typeCode === 'beating')!.perpetrators.length).toBe(1);
    // The real name went only to the witness register (encrypted); the registry knows the pseudonym.
    const register = await api<{ items: { pseudonym: string }[]; total: number }>(`/api/v1/witnesses?sourceId=${src!.id}`);
    expect(register.total).toBe(1);
    expect(await page.locator('[data-testid="testimony-done"]').innerText()).toContain(register.items[0].pseudonym);
    noProblems();
  });

  it('import: a CSV through the wizard, a row error shown before the import', async () => {
    await page.goto(server.url + '/imports', { waitUntil: 'networkidle' });
    const csv = 'Прізвище,Ім\'я,Дата народження,Статус\nЕтестенко,Іван,1990-04-12,captured\nЕтестук,Петро,1991-13-45,captured\nЕтестюк,Олег,1985,missing\n';
    await page.getByLabel('File (CSV or Excel)').setInputFiles({ name: 'e2e-list.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await checkAxe('import');
    await page.getByRole('button', { name: 'Read the file' }).click();
    await page.locator('table.mapping-table').waitFor({ timeout: 60_000 });
    await checkShot('06-import-mapping');
    await page.getByRole('button', { name: 'Check the rows (dry run)' }).click();
    const problems = page.locator('[data-testid="import-problems"]');
    await problems.waitFor({ timeout: 60_000 });
    expect(await problems.locator('tbody tr').first().innerText()).toMatch(/e2e-list\.csv\s+3\s+Дата народження\s+Error/); // the bad date's row and column
    await checkShot('07-import-dry-run');
    await checkAxe('import-dry-run');
    await page.getByRole('button', { name: /^Import/ }).click();
    await page.locator('[data-testid="import-done"]').waitFor({ timeout: 120_000 });
    expect(await page.locator('[data-testid="import-done"]').innerText()).toMatch(/2 records imported/);
    await checkShot('08-import-done');
    noProblems();
  });

  it('map: clustered facilities on the offline basemap; a point opens its dossier', async () => {
    await page.goto(server.url + '/map', { waitUntil: 'networkidle' });
    await page.locator('.map-land').waitFor();
    expect((await page.locator('.map-land').getAttribute('d'))!.length).toBeGreaterThan(1000);
    const clusters = page.locator('.map-svg .map-cluster');
    const points = page.locator('.map-svg .map-point');
    expect((await clusters.count()) + (await points.count())).toBeGreaterThan(3);
    await checkShot('09-map');
    await checkAxe('map');
    if (await clusters.count()) {
      const before = await clusters.count() + await points.count();
      await page.locator('.map-svg a[role="button"]').first().dispatchEvent('click');
      await expect.poll(async () => (await clusters.count()) + (await points.count())).toBeGreaterThanOrEqual(before);
    }
    await page.getByRole('button', { name: 'Zoom in' }).click();
    const target = page.locator('.map-svg a[href^="/facilities/"]').first();
    const href = await target.getAttribute('href');
    await target.dispatchEvent('click');
    await page.waitForURL(`**${href}`);
    noProblems();
  });

  it('facility dossier: place, control, detainees over time, allegations, testimonies, evidence, small map', async () => {
    await page.locator('h2', { hasText: '1. The place' }).waitFor();
    for (const h of ['2. Persons held', '3. Allegations of ill-treatment', '4. Testimonies', '5. Evidence']) {
      await page.locator('h2', { hasText: h }).waitFor();
    }
    expect(await page.locator('dt', { hasText: 'Who controls it' }).count()).toBe(1);
    await page.locator('.fmap.compact .map-land').waitFor();
    await page.locator('.fmap.compact .map-point.highlight').waitFor();
    await page.waitForLoadState('networkidle');
    await checkShot('10-dossier');
    await checkAxe('dossier');
    noProblems();
  });

  it('evidence: upload shows hash and log index, custody history, inclusion proof download', async () => {
    await page.goto(server.url + '/evidence', { waitUntil: 'networkidle' });
    await checkAxe('evidence');
    await page.locator('#ev-file').setInputFiles({ name: 'e2e-note.txt', mimeType: 'text/plain', buffer: Buffer.from(`synthetic evidence ${Date.now()}\n`) });
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page.locator('[data-testid="log-index"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('.success-box').innerText()).toMatch(/matches the server/);
    await checkShot('11-evidence-uploaded');
    await page.locator('.success-box a').click();
    await page.locator('h2', { hasText: 'Custody history' }).waitFor();
    expect(await page.locator('.custody-events li').count()).toBeGreaterThan(0);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download inclusion proof' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^inclusion-proof-.*\.json$/);
    await checkAxe('evidence-item');
    noProblems();
  });

  it('linkage review: the demo\'s queued pairs side by side; a reviewer signs in and decides with the keyboard', async () => {
    // The demo workspace is linked when it is created, so its uncertain pairs wait here.
    const before = await api<{ total: number }>('/api/v1/linkage/review?limit=1');
    expect(before.total).toBeGreaterThan(0);
    await page.goto(server.url + '/linkage', { waitUntil: 'networkidle' });
    await page.locator('[data-testid="pair-table"]').waitFor();
    await page.locator('[data-testid="match-weight"]').waitFor();
    expect(await page.locator('.weights li').count()).toBeGreaterThan(1);
    // The demo visitor acts as an investigator: only reviewers and administrators decide pairs.
    await page.locator('[data-testid="may-not-decide"]').waitFor();
    expect(await page.getByRole('button', { name: /Same person/ }).isDisabled()).toBe(true);
    await checkShot('12-linkage');
    await checkAxe('linkage');

    await signInAs(ctx, 'reviewer');
    await page.goto(server.url + '/linkage', { waitUntil: 'networkidle' });
    await page.locator('[data-testid="pair-table"]').waitFor();
    expect(await page.locator('[data-testid="may-not-decide"]').count()).toBe(0);
    await page.keyboard.press('r'); // "different people", by keyboard
    await expect.poll(() => page.locator('.sr-only[aria-live]').innerText()).toContain('Recorded: different people.');
    const after = await api<{ total: number }>('/api/v1/linkage/review?limit=1');
    expect(after.total).toBe(before.total - 1);
    await page.keyboard.press('s');
    await expect.poll(() => page.locator('.sr-only[aria-live]').innerText()).toContain('Skipped.');
    noProblems();
  });

  it('switches to Ukrainian; the choice persists and data keeps its own script', async () => {
    await page.goto(server.url + '/persons?q=ostapenko', { waitUntil: 'networkidle' });
    await page.getByLabel('Language').selectOption('uk');
    await page.locator('nav a', { hasText: 'Огляд' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('uk');
    await page.reload({ waitUntil: 'networkidle' });
    await page.locator('h1', { hasText: 'Реєстр осіб' }).waitFor();
    const names = await page.locator('table.data-table tbody a').allInnerTexts();
    expect(names.some((n) => /OSTAPENKO|Ostapenko/.test(n))).toBe(true); // Latin records stay Latin
    expect(names.some((n) => /Остапенко/.test(n))).toBe(true); // Cyrillic records stay Cyrillic
    await checkShot('13-registry-uk');
    await checkAxe('registry-uk');
    await page.goto(server.url + '/', { waitUntil: 'networkidle' });
    await page.locator('h1', { hasText: 'Огляд' }).waitFor();
    await page.locator('.demo-banner', { hasText: 'ДЕМО' }).waitFor();
    await checkShot('14-overview-uk');
    await checkAxe('overview-uk');
    noProblems();
  });

  it('records first-load time and bundle size (docs/BENCHMARKS.md with VIGIL_BENCH_WRITE=1)', () => {
    expect(firstLoads.length).toBe(3);
    const b = bundleSizes();
    expect(b.development, 'web/dist must be a production build').toBe(false);
    const sorted = [...firstLoads].sort((x, y) => x.headlineMs - y.headlineMs);
    const median = sorted[1];
    const rows = firstLoads.map((f, i) => `| ${i + 1} | ${f.headlineMs} ms | ${f.idleMs} ms | ${kb(f.jsTransfer)} |`).join('\n');
    writeBenchmarkSection(`Measured by \`npm run bench -- web\` (bench/web.bench.ts runs e2e/journey.test.ts with VIGIL_BENCH_WRITE=1) on ${new Date().toISOString().slice(0, 10)}:
Debian chromium (headless, fresh profile each run, so a cold browser cache) against ${process.env.VIGIL_E2E_URL ? 'an already running demo server (VIGIL_E2E_URL)' : '\`node bin/vigil.mjs serve\` on a fresh demo workspace'} on localhost,
after one untimed visit that warms the just-started server; 2-core machine, other work running at the same time.
"Counts shown" is navigation start until the overview's headline figures are on screen; "network idle" includes every chart.

| run | counts shown | network idle | JS transferred |
|---|---|---|---|
${rows}

Median time to the counts: **${median.headlineMs} ms** (target < 1500 ms).

Bundle (\`npx vite build\`, web/dist; the build writes .br and .gz beside each asset and the server sends what the browser accepts; "JS transferred" above is what crossed the wire):

| | raw | gzip |
|---|---|---|
| JS loaded by the first page (entry + preloads) | ${kb(b.initialJs)} | ${kb(b.initialJsGzip)} |
| CSS | ${kb(b.css)} | ${kb(b.cssGzip)} |
| all JS, ${b.chunks} chunks (screens load on demand) | ${kb(b.allJs)} | ${kb(b.allJsGzip)} |
| offline basemap (world-atlas countries-110m, map screens only) | ${kb(b.basemap)} | |`);
    expect(median.headlineMs).toBeLessThan(4000); // a regression guard for slow, shared machines; the target is recorded above
  });
});
