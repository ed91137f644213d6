import type { FastifyRequest } from 'fastify';
import type { AuthRoom, ResolvedSession } from '../auth';
import type { Actor } from '../domain';
import type { Workspace } from '../workspace';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    /** The session the request's cookie names, when valid (also one still waiting for its second factor). */
    session: ResolvedSession | null;
  }
}

/** How a request's actor is found: from its session once access control is on. */
export type ActorResolver = (request: FastifyRequest) => Promise<Actor>;

export interface RouteOptions {
  ws: Workspace;
  /** The workspace's auth services (users, sessions, witnesses). */
  auth: AuthRoom;
  /** The rate limits in force (routes with their own limit read them). */
  rateLimit: Required<RateLimitOptions>;
}

/** Request rate limits (per client address). */
export interface RateLimitOptions {
  /** Requests per minute on every route (default 600). */
  max?: number;
  /** Sign-in attempts per minute (default 20). */
  loginMax?: number;
  /** Addresses never limited (default none: a reverse proxy on localhost must not lift the limit for everyone). */
  allowList?: string[];
}

export interface ServerDeps {
  workspace: Workspace;
  /** Overrides the session-based resolution of the actor (tests, embedding). */
  resolveActor?: ActorResolver;
  /** The workspace's auth services; default `authOf(workspace)`. */
  auth?: AuthRoom;
  rateLimit?: RateLimitOptions;
  /** Fastify's trustProxy: believe X-Forwarded-For/-Proto from this proxy (client address for limits, https for Secure cookies). */
  trustProxy?: boolean | string | string[] | number;
  /** Folder of the built web app; the SPA is served when it exists. */
  webRoot?: string;
  logger?: boolean;
}
