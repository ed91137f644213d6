import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can, type Action, type Actor as AuthActor, type ResourceKind } from '../auth';
import { ForbiddenError, UnauthenticatedError, type Actor } from '../domain';

/**
 * Every route declares who may call it: `'public'` (health, published log, docs) or a resource and
 * action checked with the auth room's policies. `public: true` lets anonymous callers in; the service
 * then returns only published, public material. A route without a policy stops the server from starting.
 */
export type RoutePolicy = 'public' | { resource: ResourceKind; action: Action; public?: boolean };

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
  }
}

/** Data lives under /api and /log: every route there must declare its policy. Elsewhere only the web app's static files and the API docs are served, which are public. */
const NEEDS_POLICY = /^\/(api|log)(\/|$)/;
const DOCS = /^\/api\/docs(\/|$)/;

export function toAuthActor(actor: Actor): AuthActor {
  if (actor.role === 'anonymous') return { kind: 'anonymous' };
  return { kind: 'user', userId: actor.id, role: actor.role === 'system' ? 'administrator' : actor.role };
}

export function routePolicyOf(request: FastifyRequest): RoutePolicy | undefined {
  return request.routeOptions.config?.policy;
}

export function installPolicies(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const policy = (route.config as { policy?: RoutePolicy } | undefined)?.policy;
    if (policy) return;
    if (NEEDS_POLICY.test(route.url) && !DOCS.test(route.url)) {
      throw new Error(`route ${String(route.method)} ${route.url} has no access policy (config.policy)`);
    }
    route.config = { ...(route.config ?? {}), policy: 'public' };
  });
  app.addHook('preHandler', async (request) => {
    const policy = routePolicyOf(request);
    if (!policy || policy === 'public') return;
    const actor = request.actor;
    if (actor.role === 'anonymous') {
      if (policy.public) return;
      throw new UnauthenticatedError('sign in to use this part of Vigil');
    }
    if (!can(toAuthActor(actor), policy.action, policy.resource)) {
      throw new ForbiddenError(`your role (${actor.role}) may not ${policy.action} ${policy.resource}`);
    }
  });
}
