import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db';
import { SYSTEM } from '../../src/domain';
import { runMse } from '../../src/stats';
import { openWorkspace } from '../../src/workspace';
import { runVigil } from '../helpers/cli';
import { backends, freshPostgresUrl } from '../helpers/db';

// Synthetic data only.
const HIV = fileURLToPath(new URL('../fixtures/mse/hiv_rome.csv', import.meta.url));

describe('vigil mse --counts (no workspace needed)', () => {
  let dir: string;
  beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'vigil-mse-')); });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('reproduces N = 12318.5 for [12,3,4] on the HIV Rome table, with exactly the JSON contract', async () => {
    const r = await runVigil(['mse', '--counts', HIV, '--model', '[12,3,4]', '--ci', 'profile', '--json'], { DATABASE_URL: undefined });
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j).sort()).toEqual(['N', 'aic', 'bic', 'ci', 'deviance', 'df', 'lists', 'model', 'models', 'n', 'se', 'sentence', 'warnings']);
    expect(j.N.toFixed(1)).toBe('12318.5');
    expect(j.se.toFixed(1)).toBe('1188.7');
    expect(j.ci[0].toFixed(0)).toBe('10266');
    expect(j.ci[1].toFixed(1)).toBe('14992.3');
    expect(j).toMatchObject({ n: 1896, model: '[12,3,4]', df: 9, lists: ['c1', 'c2', 'c3', 'c4'] });
    expect(j.models).toHaveLength(113);
  });

  it('prints a sentence and a table without --json, and writes the SVG with --plot', async () => {
    const svg = join(dir, 'plot.svg');
    const r = await runVigil(['mse', '--counts', HIV, '--model', '[12,3,4]', '--plot', svg]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('Between 8,370 and 13,096 people, most likely 10,422, were on none of the lists; so the total is between 10,266 and 14,992, most likely 12,318, of whom 1,896 were recorded (model [12,3,4], 95% interval).');
    expect(r.stdout).toContain('Model [12,3,4]: N = 12,318.5 (s.e. 1,188.7)');
    expect(r.stdout).toMatch(/\[12,3,4\] \*\s+12,318\.5/);
    const text = await readFile(svg, 'utf8');
    expect(text.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(text).toContain('[12,3,4] (chosen)');
  });

  it('a bad CSV exits 1 naming the line and the column', { timeout: 120_000 }, async () => {
    const bad = join(dir, 'bad.csv');
    await writeFile(bad, 'a,b,count\n1,0,3\n0,x,4\n');
    const r = await runVigil(['mse', '--counts', bad, '--json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`vigil: ${bad}: line 3, column "b": expected 0 or 1, found "x"\n`);
    await writeFile(bad, 'a,b,count\n1,0,3\n0,1,-4\n');
    expect((await runVigil(['mse', '--counts', bad])).stderr).toMatch(/line 3, column "count": expected a whole number/);
    expect((await runVigil(['mse', '--counts', join(dir, 'missing.csv')])).stderr).toMatch(/cannot read counts file .*ENOENT/);
    expect((await runVigil(['mse', '--counts', HIV, '--model', '[15]'])).stderr).toMatch(/list 5 does not exist/);
  });
});

describe.each(backends())('vigil mse --lists, findings and reports on a workspace (%s)', (kind) => {
  let dir: string;
  let env: Record<string, string | undefined>;
  let drop: (() => Promise<void>) | undefined;
  const expected: Record<string, number> = { '111': 3, '110': 5, '101': 4, '100': 20, '011': 2, '010': 12, '001': 9 };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigil-mse-ws-'));
    let url: string | null = null;
    if (kind === 'postgres') ({ url, drop } = await freshPostgresUrl());
    env = { DATABASE_URL: url ?? undefined, VIGIL_DATA: undefined };
    const ws = await openWorkspace(join(dir, 'ws'), { create: 'real', databaseUrl: url });
    const reg = ws.registry;
    await inTransaction(ws.database.db, async (tx) => {
      const ids = [];
      for (const t of ['Families list (synthetic)', 'Video captions (synthetic)', 'Ministry list (synthetic)']) ids.push((await reg.sources.create(SYSTEM, { kind: 'list', title: t }, tx)).id);
      let n = 0;
      for (const [pattern, count] of Object.entries(expected)) {
        for (let c = 0; c < count; c++, n++) {
          const on = ids.filter((_, i) => pattern[i] === '1');
          const first = await reg.persons.addRecord(SYSTEM, { sourceId: on[0], familyName: `Synthetic${n}`, status: 'captured', statusDate: n % 2 ? '2022' : '2023' }, tx);
          for (const s of on.slice(1)) await reg.persons.addRecord(SYSTEM, { sourceId: s, personId: first.personId, familyName: `Synthetic${n}` }, tx);
        }
      }
    });
    await ws.close();
  });
  afterAll(async () => {
    await drop?.();
    await rm(dir, { recursive: true, force: true });
  });

  it('builds the capture-pattern table from persons and runs MSE, per stratum too', { timeout: 240_000 }, async () => {
    const lists = 'Families list (synthetic),Video captions (synthetic),Ministry list (synthetic)';
    const r = await runVigil(['mse', '--data', join(dir, 'ws'), '--lists', lists, '--model', 'independence', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.fromEntries(j.table.rows.map((row: { pattern: number[]; count: number }) => [row.pattern.join(''), row.count]))).toEqual(expected);
    const direct = runMse({ table: j.table, model: 'independence' });
    expect(j.N).toBeCloseTo(direct.N!, 9);
    expect(j.n).toBe(55);
    const human = await runVigil(['mse', '--data', join(dir, 'ws'), '--lists', lists, '--stratify', 'period'], env);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/By period \(year of status date\):/);
    expect(human.stdout).toMatch(/\n {2}2022 +\d+/);
    expect(human.stdout).toMatch(/\n {2}2023 +\d+/);
    const unknown = await runVigil(['mse', '--data', join(dir, 'ws'), '--lists', 'Families list (synthetic),Nope'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('lists.1: no source with id or title "Nope"');
  });

  it('finding add, list, compute, review, publish and a briefing from the CLI', { timeout: 240_000 }, async () => {
    const data = ['--data', join(dir, 'ws')];
    const query = JSON.stringify({ kind: 'mse', lists: ['Families list (synthetic)', 'Video captions (synthetic)', 'Ministry list (synthetic)'] });
    const add = await runVigil(['finding', 'add', ...data, '--slug', 'captives-estimate', '--title', 'Captives, estimated', '--query', query,
      '--statement', 'An estimated {N} people were held ({level} interval {lower} to {upper}); {n} are on a list.', '--method', '{"name":"mse","model":"independence","ci":"profile"}', '--json'], env);
    expect(add.code, add.stderr).toBe(0);
    const f = JSON.parse(add.stdout);
    expect(f).toMatchObject({ ref: 'captives-estimate@1', status: 'draft' });
    const bad = await runVigil(['finding', 'add', ...data, '--title', 'Bad', '--query', '{"kind":"count"}', '--statement', 'About 12 people.'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/statement: write every number as a placeholder/);
    const list = await runVigil(['finding', 'list', ...data], env);
    expect(list.stdout).toMatch(/^captives-estimate@1 +draft +mse +An estimated \d[\d,]* people were held/);
    const compute = await runVigil(['finding', 'compute', ...data, 'captives-estimate'], env);
    expect(compute.code, compute.stderr).toBe(0);
    expect(compute.stdout).toContain('The figures are the same.');
    expect((await runVigil(['finding', 'publish', ...data, 'captives-estimate'], env)).stderr).toMatch(/has not been reviewed/);
    expect((await runVigil(['finding', 'review', ...data, 'captives-estimate'], env)).code).toBe(0);
    const pub = await runVigil(['finding', 'publish', ...data, 'captives-estimate', '--json'], env);
    expect(pub.code, pub.stderr).toBe(0);
    expect(JSON.parse(pub.stdout).status).toBe('published');
    const out = join(dir, 'briefing.md');
    const rep = await runVigil(['report', 'briefing', ...data, '--findings', 'captives-estimate', '--format', 'md', '-o', out], env);
    expect(rep.code, rep.stderr).toBe(0);
    expect(rep.stdout).toMatch(/Wrote MD .* 1 notes, public edition/);
    const md = await readFile(out, 'utf8');
    expect(md).toContain(`[^1]: Finding captives-estimate@1 (id ${f.id})`);
    expect(md).toContain(`An estimated ${Math.round(f.value.N).toLocaleString('en-US')} people were held`);
  });
});
