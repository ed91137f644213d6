import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countValuesByKey, createAuth, DEMO_ACCOUNTS, envelopeKeyId, FIELD_KEYRING_FILE, KeyringError } from '../../src/auth';
import { queryRows } from '../../src/db';
import { SYSTEM } from '../../src/domain';
import { buildApp } from '../../src/server';
import { authOf, keysDir } from '../../src/workspace';
import { backends, openTestWorkspace } from '../helpers/db';
import { createAccount, sessionCookie, signIn } from '../helpers/auth';

// Synthetic data only.
describe.each(backends())('field keys on %s', (kind) => {
  let ws: Awaited<ReturnType<typeof openTestWorkspace>>;
  beforeAll(async () => { ws = await openTestWorkspace(kind); }, 600_000);
  afterAll(async () => ws?.dispose(), 600_000);

  const envelopes = async () => (await queryRows<{ v: string }>(ws.database.db, sql`select identity_enc as v from witnesses union all select contact_enc from witnesses where contact_enc is not null`)).map((r) => r.v);

  it('rotates without downtime: a running server keeps reading values another process re-encrypted under a key it had not seen', async () => {
    // Two auth rooms over one workspace stand for the server and `vigil keys rotate` in another process.
    const server = createAuth(ws.database.db, { keysDir: keysDir(ws.dir), workspaceKind: 'real' });
    const cli = createAuth(ws.database.db, { keysDir: keysDir(ws.dir), workspaceKind: 'real' });
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await server.witnesses.create(SYSTEM, { identity: { fullName: `Synthetic witness ${i}` }, contact: { phone: `+000 ${i}` } })).id);
    const first = (await server.keyRotation.status()).activeKeyId;
    const { active } = await cli.keyRotation.rotate();
    expect((await cli.keyRotation.reencryptAll({ batchSize: 2 })).changed).toBe(10);
    expect(new Set((await envelopes()).map(envelopeKeyId))).toEqual(new Set([active]));
    for (const [i, id] of ids.entries()) expect((await server.witnesses.identity(SYSTEM, id)).identity.fullName).toBe(`Synthetic witness ${i}`);
    // Once no value names the old key it can go; while one does, it cannot.
    await cli.keyRotation.retire(first);
    expect((await cli.keyRotation.status()).keyIds).toEqual([active]);
  });

  it('rotates lazily: values move to the new key as they are read; retiring the old key waits for the last one', async () => {
    const auth = createAuth(ws.database.db, { keysDir: keysDir(ws.dir), workspaceKind: 'real' });
    const w = await auth.witnesses.create(SYSTEM, { identity: { fullName: 'Synthetic lazy witness' } });
    const { previous, active } = await auth.keyRotation.rotate();
    const before = await countValuesByKey(ws.database.db);
    expect(before[previous]).toBeGreaterThan(0);
    await expect(auth.keyRotation.retire(previous)).rejects.toThrow(/still use key/);
    await auth.witnesses.identity(SYSTEM, w.id);
    const [row] = await queryRows<{ v: string }>(ws.database.db, sql`select identity_enc as v from witnesses where id = ${w.id}`);
    expect(envelopeKeyId(row.v)).toBe(active);
    await auth.keyRotation.reencryptAll();
    await auth.keyRotation.retire(previous);
    expect((await auth.witnesses.identity(SYSTEM, w.id)).identity.fullName).toBe('Synthetic lazy witness');
  });

  it('refuses to make a new keyring when encrypted values exist without one (lost keys are reported, not hidden)', async () => {
    await rm(join(keysDir(ws.dir), FIELD_KEYRING_FILE));
    const fresh = createAuth(ws.database.db, { keysDir: keysDir(ws.dir), workspaceKind: 'real' });
    await expect(fresh.witnesses.create(SYSTEM, { identity: { fullName: 'x' } })).rejects.toThrow(KeyringError);
    await expect(fresh.cipher.ring()).rejects.toThrow(/restore keys\/ from a backup/);
  });
});

describe.each(backends())('demo workspaces on %s', (kind) => {
  let demo: Awaited<ReturnType<typeof openTestWorkspace>>;
  let real: Awaited<ReturnType<typeof openTestWorkspace>>;
  beforeAll(async () => {
    demo = await openTestWorkspace(kind, 'demo');
    real = await openTestWorkspace(kind, 'real');
  }, 600_000);
  afterAll(async () => {
    await demo?.dispose();
    await real?.dispose();
  }, 600_000);

  it('let visitors act as a demo investigator without signing in, and offer one account per role (no TOTP: synthetic data)', async () => {
    const app = await buildApp({ workspace: demo });
    try {
      const session = await app.inject({ method: 'GET', url: '/api/v1/auth/session' });
      expect(session.json()).toMatchObject({ user: null, workspaceKind: 'demo', actingAs: 'investigator' });
      expect((await app.inject({ method: 'GET', url: '/api/v1/custody-episodes' })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/api/v1/users' })).statusCode).toBe(403);
      const accounts = await authOf(demo).users.ensureDemoAccounts(SYSTEM);
      expect(accounts.map((a) => a.role)).toEqual(['administrator', 'investigator', 'analyst', 'reviewer']);
      expect(await authOf(demo).users.ensureDemoAccounts(SYSTEM)).toEqual(DEMO_ACCOUNTS); // idempotent
      for (const a of accounts) {
        const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: a.username, password: a.password } });
        expect(res.statusCode, a.username).toBe(200);
        expect(res.json().needsTotp).toBeUndefined();
        const me = await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: `vigil_session=${sessionCookie(res)}` } });
        expect(me.json()).toMatchObject({ actingAs: a.role });
      }
    } finally {
      await app.close();
    }
  });

  it('never exist in a real workspace, where nobody acts without signing in', async () => {
    await expect(authOf(real).users.ensureDemoAccounts(SYSTEM)).rejects.toThrow(/only in demo workspaces/);
    const app = await buildApp({ workspace: real });
    try {
      expect((await app.inject({ method: 'GET', url: '/api/v1/auth/session' })).json()).toMatchObject({ actingAs: 'public', workspaceKind: 'real' });
      expect((await app.inject({ method: 'POST', url: '/api/v1/sources', payload: { kind: 'list', title: 'x' } })).statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });

  it('end idle sessions after 30 minutes and every session after 12 hours', async () => {
    let now = Date.parse('2025-03-01T08:00:00Z');
    const auth = createAuth(real.database.db, { keysDir: keysDir(real.dir), workspaceKind: 'real', now: () => now });
    const app = await buildApp({ workspace: real, auth });
    try {
      const analyst = await createAccount(auth, 'analyst');
      const s = await signIn(app, analyst, now);
      const who = async () => (await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: s.headers })).json().user;
      now += 29 * 60_000;
      expect(await who()).not.toBeNull();
      now += 31 * 60_000;
      expect(await who()).toBeNull();
      const busy = await signIn(app, analyst, now);
      const started = now;
      while (now + 25 * 60_000 < started + 12 * 3_600_000) {
        now += 25 * 60_000;
        expect((await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: busy.headers })).json().user, `after ${(now - started) / 60_000} min`).not.toBeNull();
      }
      now += 25 * 60_000;
      expect((await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: busy.headers })).json().user).toBeNull();
    } finally {
      await app.close();
    }
  });
});
