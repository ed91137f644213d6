import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTOR_ROLES, can, sampleActor, type ActorRole, type AuthRoom } from '../../src/auth';
import { buildApp } from '../../src/server';
import { installPolicies, type RouteEntry } from '../../src/server/policy';
import { ROUTE_PLUGINS } from '../../src/server/routes';
import { authOf } from '../../src/workspace';
import { createAccount, signIn } from '../helpers/auth';
import { backends, openTestWorkspace } from '../helpers/db';

/** What a route's policy and `can` say a role's request must get: refused (401/403) or let through. */
export function expectedAnswer(policy: RouteEntry['policy'], role: ActorRole): 'allowed' | 401 | 403 {
  if (policy === 'public') return 'allowed';
  if (policy === 'session') return role === 'public' ? 401 : 'allowed';
  if (role === 'public') return policy.public ? 'allowed' : 401;
  return can(sampleActor(role), policy.action, policy.resource) ? 'allowed' : 403;
}

const ID = '00000000-0000-4000-8000-000000000000';
/** A concrete URL for a route pattern: ids for `:…id` parameters, small numbers for others, a name for wildcards. */
function concrete(url: string): string {
  return url.replace(/:([A-Za-z_]+)/g, (_, name: string) => (/id$/i.test(name) ? ID : '1')).replace(/\*$/, 'index.html');
}

// Synthetic accounts. Every route of the running server, every role and the anonymous public.
describe.each(backends())('authorisation matrix from the route table on %s', (kind) => {
  let ws: Awaited<ReturnType<typeof openTestWorkspace>>;
  let app: FastifyInstance;
  let auth: AuthRoom;
  const now = Date.parse('2025-03-01T10:00:00Z');
  const headers: Partial<Record<ActorRole, Record<string, string>>> = { public: {} };

  beforeAll(async () => {
    ws = await openTestWorkspace(kind);
    auth = authOf(ws, { now: () => now });
    app = await buildApp({ workspace: ws, auth, rateLimit: { max: 100_000, loginMax: 100_000 } });
    await app.ready();
    for (const role of ['administrator', 'investigator', 'analyst', 'reviewer'] as const) {
      headers[role] = (await signIn(app, await createAccount(auth, role), now)).headers;
    }
  }, 600_000);
  afterAll(async () => {
    await app?.close();
    await ws?.dispose();
  }, 600_000);

  const routes = () => app.routeTable.filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS');

  it('holds every route of the server with its policy', () => {
    const table = routes();
    expect(table.length).toBeGreaterThan(40);
    for (const r of table) expect(r.policy, `${r.method} ${r.url}`).toBeDefined();
    expect(table.filter((r) => r.url.startsWith('/api/v1/')).length).toBeGreaterThan(35);
  });

  it('answers every route × role exactly as its policy and can() say, never with a server error, always rate-limited', async () => {
    // Sign-out ends the session it is called with: it goes last.
    const table = routes().sort((a, b) => Number(a.url.endsWith('/auth/logout')) - Number(b.url.endsWith('/auth/logout')));
    const failures: string[] = [];
    let checked = 0;
    for (const r of table) {
      for (const role of ACTOR_ROLES) {
        const expected = expectedAnswer(r.policy, role);
        const mutating = !['GET', 'HEAD', 'OPTIONS'].includes(r.method);
        const res = await app.inject({ method: r.method as 'GET', url: concrete(r.url), headers: headers[role], ...(mutating ? { payload: {} } : {}) });
        checked++;
        const got = res.statusCode;
        const ok = expected === 'allowed' ? got !== 401 && got !== 403 : got === expected;
        if (!ok) failures.push(`${r.method} ${r.url} as ${role}: expected ${expected}, got ${got} ${res.body.slice(0, 160)}`);
        if (got >= 500) failures.push(`${r.method} ${r.url} as ${role}: server error ${got} ${res.body.slice(0, 160)}`);
        if (res.headers['x-ratelimit-limit'] === undefined) failures.push(`${r.method} ${r.url} as ${role}: no rate limit`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBe(table.length * ACTOR_ROLES.length);
  });

  it('refuses every mutating route called with a session cookie but no CSRF token (sign-in excepted)', async () => {
    const s = await signIn(app, await createAccount(auth, 'administrator'), now + 30_000);
    const mutating = routes().filter((r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method));
    expect(mutating.length).toBeGreaterThan(10);
    for (const r of mutating) {
      const res = await app.inject({ method: r.method as 'POST', url: concrete(r.url), headers: { cookie: s.headers.cookie }, payload: {} });
      if (r.url === '/api/v1/auth/login') expect(res.statusCode, r.url).toBe(400);
      else expect(res.statusCode, `${r.method} ${r.url}`).toBe(403);
    }
  });
});

describe('routes without a policy', () => {
  it('stop the server from starting', async () => {
    const bare = Fastify();
    installPolicies(bare);
    expect(() => bare.get('/api/v1/no-policy', async () => 'x')).toThrow(/has no access policy/);
    await bare.close();
  });

  it('stop buildApp, when a room adds one', async () => {
    const ws = await openTestWorkspace('pglite');
    ROUTE_PLUGINS.push({ plugin: async (app) => { app.get('/forgotten', async () => 'x'); }, prefix: '/api/v1' });
    try {
      await expect(buildApp({ workspace: ws })).rejects.toThrow(/GET \/api\/v1\/forgotten has no access policy/);
    } finally {
      ROUTE_PLUGINS.pop();
      await ws.dispose();
    }
  });
});
