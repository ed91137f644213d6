import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  loginInput, passwordChangeInput, publicUser, roleInput, ThrottledError, totpCodeInput, userCreateInput, userSummary,
  type IssuedSession,
} from '../auth';
import { uuidParam } from '../registry';
import type { RouteOptions } from './context';
import { clearSessionCookie, readSessionToken, setSessionCookie } from './session';

/** Sign-in requests are small; anything bigger is refused (413) before it is parsed. */
const AUTH_BODY_LIMIT = 16 * 1024;

const signedIn = z.object({
  user: publicUser,
  csrfToken: z.string(),
  /** The session waits for a TOTP code (`POST /auth/totp/verify`), or for TOTP set-up when `totpEnrolled` is false. */
  needsTotp: z.boolean().optional(),
  totpEnrolled: z.boolean().optional(),
  /** The password was reset: choose a new one (`POST /auth/password`) before anything else. */
  mustChangePassword: z.boolean().optional(),
});

const sessionState = z.object({
  user: publicUser.nullable(),
  csrfToken: z.string().nullable(),
  workspaceKind: z.enum(['demo', 'real']),
  /** The role requests act with: the user's, "public" when signed out, "investigator" for demo visitors. */
  actingAs: z.string(),
  needsTotp: z.boolean().optional(),
  totpEnrolled: z.boolean().optional(),
  mustChangePassword: z.boolean().optional(),
  expiresAt: z.string().nullable(),
});

function signedInBody(issued: IssuedSession) {
  const { view } = issued;
  return {
    user: view.user, csrfToken: issued.csrfToken,
    ...(view.stage === 'needs_totp' ? { needsTotp: true, totpEnrolled: view.totpEnrolled } : {}),
    ...(view.stage === 'must_change_password' ? { mustChangePassword: true } : {}),
  };
}

/** Authentication answers are personal: never cached. A throttled attempt says when to retry. */
async function answer<T>(reply: FastifyReply, fn: () => Promise<T>): Promise<T> {
  reply.header('cache-control', 'no-store');
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ThrottledError) reply.header('retry-after', String(error.retryAfterSeconds));
    throw error;
  }
}

function issue(reply: FastifyReply, request: FastifyRequest, issued: IssuedSession) {
  setSessionCookie(reply, request, issued.token);
  return signedInBody(issued);
}

/** Sign-in, session, sign-out, TOTP, password change; user administration. */
export const authRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ws, auth, rateLimit }) => {
  const ctx = (req: FastifyRequest) => ({ ip: req.ip, presentedToken: readSessionToken(req) });
  const token = (req: FastifyRequest) => readSessionToken(req) ?? '';
  const signInLimit = { rateLimit: { max: rateLimit.loginMax, timeWindow: '1 minute' } };
  const step = { policy: 'session' as const, ...signInLimit };

  app.post('/auth/login', {
    config: { policy: 'public', csrf: false, ...signInLimit }, bodyLimit: AUTH_BODY_LIMIT,
    schema: { tags: ['auth'], body: loginInput, response: { 200: signedIn } },
  }, (req, reply) => answer(reply, async () => issue(reply, req, await auth.sessions.login(req.body, ctx(req)))));

  app.get('/auth/session', { config: { policy: 'public' }, schema: { tags: ['auth'], response: { 200: sessionState } } }, (req, reply) => answer(reply, async () => {
    const s = req.session;
    return {
      user: s?.user ?? null,
      csrfToken: s ? await auth.sessions.csrfToken(s.sessionId) : null,
      workspaceKind: ws.meta.kind,
      actingAs: req.actor.role === 'anonymous' ? 'public' : req.actor.role,
      ...(s?.stage === 'needs_totp' ? { needsTotp: true, totpEnrolled: s.totpEnrolled } : {}),
      ...(s?.stage === 'must_change_password' ? { mustChangePassword: true } : {}),
      expiresAt: s?.expiresAt ?? null,
    };
  }));

  app.post('/auth/logout', { config: { policy: 'public' }, bodyLimit: AUTH_BODY_LIMIT, schema: { tags: ['auth'] } }, async (req, reply) => {
    await auth.sessions.logout(readSessionToken(req));
    clearSessionCookie(reply, req);
    return reply.code(204).header('cache-control', 'no-store').send();
  });

  app.post('/auth/totp/enrol', { config: step, bodyLimit: AUTH_BODY_LIMIT, schema: { tags: ['auth'], response: { 200: z.object({ otpauthUri: z.string(), secret: z.string() }) } } },
    (req, reply) => answer(reply, () => auth.sessions.enrolTotp(token(req))));
  app.post('/auth/totp/confirm', { config: step, bodyLimit: AUTH_BODY_LIMIT, schema: { tags: ['auth'], body: totpCodeInput, response: { 200: signedIn } } },
    (req, reply) => answer(reply, async () => issue(reply, req, await auth.sessions.confirmTotp(token(req), req.body, ctx(req)))));
  app.post('/auth/totp/verify', { config: step, bodyLimit: AUTH_BODY_LIMIT, schema: { tags: ['auth'], body: totpCodeInput, response: { 200: signedIn } } },
    (req, reply) => answer(reply, async () => issue(reply, req, await auth.sessions.verifySecondFactor(token(req), req.body, ctx(req)))));
  app.post('/auth/password', { config: step, bodyLimit: AUTH_BODY_LIMIT, schema: { tags: ['auth'], body: passwordChangeInput, response: { 200: signedIn } } },
    (req, reply) => answer(reply, async () => issue(reply, req, await auth.sessions.changePassword(token(req), req.body, ctx(req)))));

  app.get('/users', { config: { policy: { resource: 'users', action: 'read' } }, schema: { tags: ['users'], response: { 200: z.object({ items: z.array(userSummary), total: z.number() }) } } },
    async (req) => { const items = await auth.users.list(req.actor); return { items, total: items.length }; });
  app.post('/users', { config: { policy: { resource: 'users', action: 'create' } }, bodyLimit: AUTH_BODY_LIMIT, schema: { tags: ['users'], body: userCreateInput, response: { 201: publicUser } } },
    async (req, reply) => reply.code(201).send(await auth.users.create(req.actor, req.body)));
  app.put('/users/:id/role', { config: { policy: { resource: 'users', action: 'assign_role' } }, bodyLimit: AUTH_BODY_LIMIT, schema: { tags: ['users'], params: uuidParam, body: roleInput, response: { 200: publicUser } } },
    (req) => auth.users.setRole(req.actor, req.params.id, req.body));
  app.put('/users/:id/disabled', { config: { policy: { resource: 'users', action: 'disable' } }, bodyLimit: AUTH_BODY_LIMIT, schema: { tags: ['users'], params: uuidParam, body: z.object({ disabled: z.boolean() }), response: { 200: publicUser } } },
    (req) => auth.users.setDisabled(req.actor, req.params.id, req.body.disabled));
};
