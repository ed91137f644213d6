import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can, policyActor, type Action, type ResourceKind } from '../auth';
import { ForbiddenError, UnauthenticatedError } from '../domain';
import { appendRouteHooks } from './session';

/**
 * Every route declares who may call it: `'public'` (health, published log, docs), `'session'` (any
 * signed-in session, also one still waiting for its second factor or a new password: the sign-in
 * steps themselves), or a resource and action checked with the auth room's policies. `public: true`
 * lets anonymous callers in; the service then returns only published, public material. A route
 * without a policy stops the server from starting.
 */
export type RoutePolicy = 'public' | 'session' | { resource: ResourceKind; action: Action; public?: boolean };

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
    /** false: a mutating route that needs no CSRF token even with a session cookie (sign-in, which replaces the session). */
    csrf?: boolean;
  }
  interface FastifyInstance {
    /** Every route with its policy, as registered (the authorisation tests walk it). */
    routeTable: RouteEntry[];
  }
}

export interface RouteEntry { method: string; url: string; policy: RoutePolicy }

/** Data lives under /api and /log: every route there must declare its policy. Elsewhere only the web app's static files and the API docs are served, which are public. */
const NEEDS_POLICY = /^\/(api|log)(\/|$)/;
const DOCS = /^\/api\/docs(\/|$)/;

export function routePolicyOf(request: FastifyRequest): RoutePolicy | undefined {
  return request.routeOptions.config?.policy;
}

/**
 * Checks every route's policy and collects the route table. Call after `installSessions`, whose
 * hook resolves `request.actor`: the check runs on request (after the rate limiter), before the
 * body is parsed or validated, so a caller without the right learns nothing from validation errors
 * and cannot make the server parse a body.
 */
export function installPolicies(app: FastifyInstance): void {
  const table: RouteEntry[] = [];
  app.decorate('routeTable', table);
  app.addHook('onRoute', (route) => {
    let policy = (route.config as { policy?: RoutePolicy } | undefined)?.policy;
    if (!policy) {
      if (NEEDS_POLICY.test(route.url) && !DOCS.test(route.url)) {
        throw new Error(`route ${String(route.method)} ${route.url} has no access policy (config.policy)`);
      }
      policy = 'public';
      route.config = { ...(route.config ?? {}), policy };
    }
    for (const method of [route.method].flat()) table.push({ method: String(method), url: route.url, policy });
  });
  appendRouteHooks(app, [async (request) => {
    const policy = routePolicyOf(request);
    if (!policy || policy === 'public') return;
    if (policy === 'session') {
      if (!request.session) throw new UnauthenticatedError('sign in first');
      return;
    }
    const actor = request.actor;
    if (actor.role === 'anonymous') {
      if (policy.public) return;
      throw new UnauthenticatedError('sign in to use this part of Vigil');
    }
    if (!can(policyActor(actor), policy.action, policy.resource)) {
      throw new ForbiddenError(`your role (${actor.role}) may not ${policy.action} ${policy.resource}`);
    }
  }]);
}
