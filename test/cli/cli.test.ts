import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVigil, startServer } from '../helpers/cli';

// The CLI runs on PGlite here (DATABASE_URL removed) so it works on a machine without PostgreSQL.
const env = { DATABASE_URL: undefined, VIGIL_DATA: undefined };

describe('vigil CLI', () => {
  let dir: string;
  beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'vigil-cli-')); });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('init makes an empty real workspace and status --json reports its counts', async () => {
    const ws = join(dir, 'real');
    const init = await runVigil(['init', ws, '--json'], env);
    expect(init.code, init.stderr).toBe(0);
    expect(JSON.parse(init.stdout)).toMatchObject({ kind: 'real' });
    const st = await runVigil(['status', '--data', ws, '--json'], env);
    expect(st.code, st.stderr).toBe(0);
    const s = JSON.parse(st.stdout);
    expect(s.workspace.kind).toBe('real');
    expect(s.database.kind).toBe('pglite');
    expect(s.counts.persons).toBe(0);
    expect(s.counts).toHaveProperty('allegations');
    expect(s.log).toEqual({ size: 0, checkpoints: 0 });
  });

  it('refuses to init over a non-empty folder and names the reason on stderr', async () => {
    const ws = join(dir, 'twice');
    expect((await runVigil(['init', ws], env)).code).toBe(0);
    const again = await runVigil(['init', ws], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already a Vigil workspace/);
    const other = join(dir, 'other');
    await import('node:fs/promises').then((fs) => fs.mkdir(other).then(() => fs.writeFile(join(other, 'notes.txt'), 'x')));
    const nonEmpty = await runVigil(['init', other], env);
    expect(nonEmpty.code).toBe(1);
    expect(nonEmpty.stderr).toMatch(/not empty/);
  });

  it('fails with exit 1 and a reason when the folder is not a workspace', async () => {
    const r = await runVigil(['status', '--data', join(dir, 'nothing-here')], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not a Vigil workspace/);
    expect(r.stdout).toBe('');
  });

  it('serve creates a demo workspace on first start, answers health and lists demo persons', async () => {
    const srv = await startServer(['--data', join(dir, 'vigil-data')], env);
    try {
      const health = await (await fetch(`${srv.base}/api/health`)).json();
      expect(health).toMatchObject({ status: 'ok', database: { kind: 'pglite' }, workspace: { kind: 'demo' } });
      const res = await fetch(`${srv.base}/api/v1/persons?limit=5`);
      expect(res.headers.get('x-vigil-workspace-kind')).toBe('demo');
      const persons = await res.json();
      expect(persons.total).toBeGreaterThan(1000);
      expect(persons.items).toHaveLength(5);
    } finally {
      await srv.stop();
    }
    const st = await runVigil(['status', '--data', join(dir, 'vigil-data'), '--json'], env);
    expect(st.code, st.stderr).toBe(0);
    expect(JSON.parse(st.stdout).counts.person_records).toBeGreaterThan(2000);
  }, 300_000); // seeding and linking the demo takes 30-90 s on a busy 2-core machine

  it('export writes CSV with formula cells neutralised', async () => {
    const out = join(dir, 'export');
    const r = await runVigil(['export', '--data', join(dir, 'vigil-data'), '--format', 'csv', '-o', out, '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.counts.person_records).toBeGreaterThan(2000);
    const csv = await readFile(join(out, 'person_records.csv'), 'utf8');
    expect(csv.split('\r\n')[0]).toContain('familyName');
    for (const line of csv.split('\r\n').slice(1)) for (const cell of line.split(',')) expect(cell).not.toMatch(/^[=+@]/);
  });
});
