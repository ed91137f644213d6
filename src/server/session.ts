import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { DEMO_VISITOR, type AuthRoom } from '../auth';
import { ANONYMOUS, ForbiddenError } from '../domain';
import type { Workspace } from '../workspace';
import type { ActorResolver } from './context';

/**
 * Sessions on the wire. The session token travels only in an HttpOnly, SameSite=Strict cookie
 * (Secure, and with the `__Host-` prefix, over HTTPS); a mutating request that carries a valid
 * session must also send the session's CSRF token in `x-csrf-token`, and one that names a foreign
 * Origin is refused. Without a session the actor is the public — except in a DEMO workspace
 * (synthetic data), where it is a demo investigator so the demo can be explored without signing in.
 */
export const SESSION_COOKIE = 'vigil_session';
export const SECURE_SESSION_COOKIE = '__Host-vigil_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function readSessionToken(request: FastifyRequest): string | null {
  return request.cookies?.[SECURE_SESSION_COOKIE] ?? request.cookies?.[SESSION_COOKIE] ?? null;
}

function secure(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

export function setSessionCookie(reply: FastifyReply, request: FastifyRequest, token: string): void {
  reply.setCookie(secure(request) ? SECURE_SESSION_COOKIE : SESSION_COOKIE, token, {
    httpOnly: true, sameSite: 'strict', secure: secure(request), path: '/',
  });
}

export function clearSessionCookie(reply: FastifyReply, request: FastifyRequest): void {
  for (const name of [SESSION_COOKIE, SECURE_SESSION_COOKIE]) {
    if (request.cookies?.[name] !== undefined) reply.clearCookie(name, { path: '/', httpOnly: true, sameSite: 'strict', secure: name === SECURE_SESSION_COOKIE });
  }
}

/** The Origin of a request names this server (or is absent, as from non-browser clients). */
function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/**
 * Appends hooks to every route registered from now on, after the hooks already there — the rate
 * limiter's, so that a refused request is counted and a flood is cut off before any database work.
 */
export function appendRouteHooks(app: FastifyInstance, hooks: onRequestHookHandler[]): void {
  app.addHook('onRoute', (route) => {
    route.onRequest = [...[route.onRequest ?? []].flat(), ...hooks];
  });
}

export function installSessions(app: FastifyInstance, deps: { workspace: Workspace; auth: AuthRoom; resolveActor?: ActorResolver }): void {
  app.decorateRequest('actor', null as never);
  app.decorateRequest('session', null);
  const fallback = deps.workspace.meta.kind === 'demo' ? DEMO_VISITOR : ANONYMOUS;
  appendRouteHooks(app, [
    async (request) => {
      if (deps.resolveActor) {
        request.actor = await deps.resolveActor(request);
        return;
      }
      const token = readSessionToken(request);
      request.session = token ? await deps.auth.sessions.resolve(token) : null;
      request.actor = request.session?.actor ?? fallback;
    },
    async (request) => {
      if (SAFE_METHODS.has(request.method)) return;
      if (!sameOrigin(request)) throw new ForbiddenError('cross-origin request refused');
      if (!request.session || request.routeOptions.config?.csrf === false) return;
      if (!(await deps.auth.sessions.verifyCsrf(request.session.sessionId, request.headers[CSRF_HEADER]))) {
        throw new ForbiddenError(`missing or wrong CSRF token: send the session's token in the ${CSRF_HEADER} header`);
      }
    },
  ]);
}
