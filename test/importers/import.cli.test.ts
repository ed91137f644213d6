// `vigil import` as a user runs it (a child process, no terminal), on both databases: dry runs,
// errors (exit 1, nothing written), --skip-invalid, --save-mapping/--mapping, idempotent re-runs,
// Telegram exports and documents detected from the path, and a kill -9 in the middle of an import.
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { syntheticPersonsList } from '../../bench/synthetic-list';
import { runVigil, VIGIL } from '../helpers/cli';
import { backends, freshPostgresUrl } from '../helpers/db';
import { copyTelegramExport, fixture, tempDir } from './helpers';

const PERSONS = fixture('persons-uk-cp1251.csv');

describe.each(backends())('vigil import on %s', (kind) => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let ws = '';
  let drop: (() => Promise<void>) | undefined;
  const env: Record<string, string | undefined> = { VIGIL_DATA: undefined, VIGIL_PROGRESS: undefined };
  const vigil = (...args: string[]) => runVigil([...args, '--data', ws], env);
  const status = async () => {
    const r = await vigil('status', '--json');
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    return { counts: s.counts, dataVersion: s.dataVersion, log: s.log };
  };

  beforeAll(async () => {
    tmp = await tempDir('vigil-import-cli-');
    ws = join(tmp.dir, 'ws');
    if (kind === 'postgres') {
      const f = await freshPostgresUrl();
      env.DATABASE_URL = f.url;
      drop = f.drop;
    } else env.DATABASE_URL = undefined;
    const init = await runVigil(['init', ws], env);
    expect(init.code, init.stderr).toBe(0);
  });
  afterAll(async () => {
    await drop?.(); // DROP DATABASE waits for a checkpoint: slow on a busy server
    await tmp?.remove();
  }, 600_000);

  it('--dry-run reports every problem as FILE:ROW:COLUMN: MESSAGE, writes nothing, exits 1 on errors', async () => {
    const before = await status();
    const r = await vigil('import', PERSONS, '--dry-run');
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines).toContain('persons-uk-cp1251.csv:5:Дата народження: "31.02.1990": 1990-02-31 does not exist (that month has 28 days)');
    expect(lines).toContain('persons-uk-cp1251.csv:7:Прізвище: no name: a surname or a full name is required');
    expect(lines.some((l) => /^persons-uk-cp1251\.csv:\d+:[^:]+: warning: /.test(l))).toBe(true);
    expect(r.stderr).toContain('Dry run');
    expect(await status()).toEqual(before);
  });

  it('a file with errors: exit 1, nothing written, the report as JSON', async () => {
    const before = await status();
    const r = await vigil('import', PERSONS, '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ imported: 0, unchanged: 0, written: false });
    expect(report.rejected.map((p: { file: string; row: number; column: string }) => `${p.file}:${p.row}:${p.column}`)).toEqual(['persons-uk-cp1251.csv:5:Дата народження', 'persons-uk-cp1251.csv:7:Прізвище']);
    expect(report.rejected[0].message).toContain('31.02.1990');
    expect(report.files[0]).toMatchObject({ file: 'persons-uk-cp1251.csv', status: 'invalid' });
    expect(r.stderr).toContain('--skip-invalid');
    expect(await status()).toEqual(before);
  });

  it('--skip-invalid imports the valid rows; --save-mapping writes the mapping used; the same file again is unchanged', async () => {
    const map = join(tmp.dir, 'persons.mapping.json');
    const r = await vigil('import', PERSONS, '--skip-invalid', '--save-mapping', map, '--source', 'Synthetic family list', '--reliability', 'C', '--json');
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ imported: 5, unchanged: 0, written: true });
    expect(report.rejected).toHaveLength(2);
    expect(report.files[0].source).toMatchObject({ title: 'Synthetic family list', created: true });
    const saved = JSON.parse(await readFile(map, 'utf8'));
    expect(saved).toMatchObject({ version: 1, as: 'persons', columns: { 'Прізвище': 'familyName', "Ім'я": 'givenName', 'Дата народження': 'birthDate' } });
    const st = await status();
    expect(st.counts).toMatchObject({ sources: 1, person_records: 5, persons: 5, import_runs: 1, evidence_items: 1 });

    const again = await vigil('import', PERSONS, '--skip-invalid', '--source', 'Synthetic family list', '--mapping', map, '--json');
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 0, unchanged: 5, written: false });
    expect(again.stderr).toContain('Nothing new');
    expect(await status()).toEqual(st);
    const human = await vigil('import', PERSONS, '--skip-invalid', '--source', 'Synthetic family list');
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('persons-uk-cp1251.csv [persons]: 7 rows: nothing imported, 5 unchanged, 2 rejected → source "Synthetic family list"');
  });

  it('a Telegram export folder and documents, told apart by their content', async () => {
    const exportDir = await copyTelegramExport(tmp.dir);
    const r = await vigil('import', exportDir, fixture('report.pdf'), fixture('statement.docx'), '--json');
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.files.map((f: { kind: string; status: string }) => [f.kind, f.status])).toEqual([['telegram', 'imported'], ['document', 'imported'], ['document', 'imported']]);
    expect(report.files[0].media).toMatchObject({ stored: 2, missing: 1, refused: 1 });
    const unsupported = await vigil('import', join(tmp.dir, 'nothing-here.csv'));
    expect(unsupported.code).toBe(1);
    expect(unsupported.stdout).toContain('nothing-here.csv: not imported: cannot read');
  });

  it('kill -9 in the middle of an import leaves the workspace as it was; a re-run succeeds', async () => {
    const big = join(tmp.dir, 'big-list.csv');
    await writeFile(big, iconv.encode(syntheticPersonsList(30_000), 'windows-1251'));
    const before = await status();
    const child = spawn(process.execPath, [VIGIL, 'import', big, '--data', ws], { env: { ...process.env, ...env, VIGIL_PROGRESS: 'ndjson' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const killedMidWay = await new Promise<boolean>((resolve) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        const writes = stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => { try { return JSON.parse(l); } catch { return null; } })
          .filter((p) => p && p.phase === 'write' && p.done >= 10_000 && p.done < p.total);
        if (writes.length && child.exitCode === null) { child.kill('SIGKILL'); resolve(true); }
      });
      child.on('exit', () => resolve(false));
    });
    await new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
    expect(killedMidWay, `the import ended before it could be killed: ${stderr.slice(-500)}`).toBe(true);
    expect(child.signalCode).toBe('SIGKILL');
    expect(await status()).toEqual(before);
    const rerun = await vigil('import', big, '--json');
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(JSON.parse(rerun.stdout).files[0]).toMatchObject({ status: 'imported', created: 30_000 });
    const after = await status();
    expect(after.counts.person_records - before.counts.person_records).toBe(30_000);
  }, 600_000);
});
