import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../src/workspace';
import { runVigil } from '../helpers/cli';
import { backends, freshPostgresUrl } from '../helpers/db';
import { seedPeople } from '../persons-linkage/fixtures';

// Synthetic records only.
const CSV = `record_id,source,family_name,given_name,patronymic,birth_date,unit,service_number
a1,family,Коваленко,Олександр,Петрович,1987-04-12,в/ч А1234,
a2,exchange,Kovalenko,Oleksandr,,1987-04-12,,
a3,ministry,KOVALENKO,OLEKSANDR,,1987-04-12,в/ч А1234,AB-123456
a4,channel,Коваленко,Александр,Петрович,1987,,
b1,family,Бондар,Ірина,Сергіївна,1993-11-02,в/ч А7777,
b2,exchange,Bondar,Iryna,,1993-11-02,,
c1,family,Коваленко,Олександр,Іванович,1969-01-30,в/ч А4321,
c2,ministry,KOVALENKO,OLEKSANDR,,1969-01-30,в/ч А4321,XY-654321
d1,family,Шевчук,Тарас,Миколайович,1990-06-06,в/ч А1111,
d2,exchange,Shevchuk,Taras,,1990-06-06,,
`;

describe('vigil link --input (standalone, no workspace)', () => {
  let dir: string;
  const env = { DATABASE_URL: undefined, VIGIL_DATA: undefined };
  beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'vigil-link-csv-')); });
  afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

  // Each call starts a `vigil` process: generous limits for loaded machines.
  it('writes record_id,cluster_id for every record and a report', { timeout: 180_000 }, async () => {
    await writeFile(join(dir, 'records.csv'), CSV);
    const r = await runVigil(['link', '--input', join(dir, 'records.csv'), '--output', join(dir, 'clusters.csv'), '--report', join(dir, 'report.json'), '--json'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ records: 10, candidatePairs: expect.any(Number), timings: expect.any(Object) });
    const lines = (await readFile(join(dir, 'clusters.csv'), 'utf8')).trim().split('\n');
    expect(lines[0]).toBe('record_id,cluster_id');
    const cluster = new Map(lines.slice(1).map((l) => l.split(',') as [string, string]));
    expect([...cluster.keys()].sort()).toEqual(['a1', 'a2', 'a3', 'a4', 'b1', 'b2', 'c1', 'c2', 'd1', 'd2']);
    expect(cluster.get('a2')).toBe(cluster.get('a1'));
    expect(cluster.get('a3')).toBe(cluster.get('a1'));
    expect(cluster.get('b2')).toBe(cluster.get('b1'));
    expect(cluster.get('c2')).toBe(cluster.get('c1'));
    expect(cluster.get('c1')).not.toBe(cluster.get('a1')); // a namesake born 18 years earlier
    expect(cluster.get('d1')).not.toBe(cluster.get('a1'));
    const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8'));
    expect(report).toMatchObject({ records: 10, candidatePairs: expect.any(Number), model: { m: expect.any(Array), u: expect.any(Array), lambda: expect.any(Number) }, timingsMs: expect.any(Object) });
    expect(report.blockingRecall.recall).toBeGreaterThan(0);
  });

  it('names the row and column of bad input and exits 1', { timeout: 300_000 }, async () => {
    await writeFile(join(dir, 'bad.csv'), 'record_id,family_name,birth_date\nx1,Коваленко,1987-04-12\nx2,Бондар,last spring\n');
    const r = await runVigil(['link', '--input', join(dir, 'bad.csv'), '--output', join(dir, 'out.csv')], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/row 2, column birth_date/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // a message, not a stack
    await writeFile(join(dir, 'dup.csv'), 'record_id,family_name\nx1,Коваленко\nx1,Бондар\n');
    const dup = await runVigil(['link', '--input', join(dir, 'dup.csv'), '--output', join(dir, 'out.csv')], env);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/row 2, column record_id: duplicate record id "x1"/);
    await writeFile(join(dir, 'noid.csv'), 'family_name,birth_date\nКоваленко,1987\n');
    const n = await runVigil(['link', '--input', join(dir, 'noid.csv'), '--output', join(dir, 'out.csv')], env);
    expect(n.code).toBe(1);
    expect(n.stderr).toMatch(/record_id/);
    const missing = await runVigil(['link', '--input', join(dir, 'nothing.csv'), '--output', join(dir, 'out.csv')], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/ENOENT/);
    const noOut = await runVigil(['link', '--input', join(dir, 'bad.csv')], env);
    expect(noOut.code).toBe(1);
    expect(noOut.stderr).toMatch(/--output/);
  });
});

describe.each(backends())('vigil link, review and person in a workspace on %s', (kind) => {
  let dir: string;
  let ws: string;
  let env: Record<string, string | undefined>;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigil-link-cli-'));
    ws = join(dir, 'ws');
    let url: string | null = null;
    if (kind === 'postgres') ({ url, drop } = await freshPostgresUrl());
    env = { DATABASE_URL: url ?? undefined, VIGIL_DATA: undefined };
    const w = await openWorkspace(ws, { create: 'real', databaseUrl: url });
    try {
      await seedPeople(w, { count: 15, seed: 21 });
    } finally {
      await w.close();
    }
  }, 300_000);
  afterAll(async () => {
    await drop?.();
    await rm(dir, { recursive: true, force: true });
  });

  it('links the workspace, lists the review queue, shows merge history', { timeout: 400_000 }, async () => {
    const r = await runVigil(['link', '--data', ws, '--json', '--threshold', '0.999999', '--review-lower', '0.001'], env);
    expect(r.code, r.stderr).toBe(0);
    const sum = JSON.parse(r.stdout);
    expect(sum).toMatchObject({ records: expect.any(Number), persons: expect.any(Number), merged: expect.any(Number), reviewQueue: expect.any(Number), timings: { totalMs: expect.any(Number) } });
    expect(sum.reviewQueue).toBeGreaterThan(0);

    const list = await runVigil(['review', 'list', '--data', ws, '--json', '--limit', '2'], env);
    expect(list.code, list.stderr).toBe(0);
    const page = JSON.parse(list.stdout);
    expect(page.items).toHaveLength(2);
    const text = await runVigil(['review', '--data', ws, '--limit', '1'], env);
    expect(text.stdout).toMatch(/record A\s+record B\s+model \(log2 Bayes factor\)/);
    expect(text.stdout).toMatch(/family name .*(exact|transliteration|jw|phonetic|different)/);

    const acc = await runVigil(['review', 'accept', page.items[0].id, '--data', ws, '--json'], env);
    expect(acc.code, acc.stderr).toBe(0);
    const decided = JSON.parse(acc.stdout);
    expect(decided).toMatchObject({ status: 'match' });
    const person = decided.regroup.persons[0] as string;
    const hist = await runVigil(['person', 'merges', person, '--data', ws, '--json'], env);
    expect(hist.code, hist.stderr).toBe(0);
    expect(JSON.parse(hist.stdout).items.at(-1)).toMatchObject({ action: 'merge', details: expect.objectContaining({ by: 'review' }) });
    expect((await runVigil(['review', 'reject', '--data', ws], env)).stderr).toMatch(/needs a pair id/);

    const inc = await runVigil(['link', '--incremental', '--data', ws], env);
    expect(inc.code, inc.stderr).toBe(0);
    expect(inc.stdout).toMatch(/incremental/);
  });
});
