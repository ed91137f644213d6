import type { FastifyRequest } from 'fastify';
import type { Actor } from '../domain';
import type { Workspace } from '../workspace';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
}

/** How a request's actor is found: from its session once access control is on. */
export type ActorResolver = (request: FastifyRequest) => Promise<Actor>;

export interface RouteOptions {
  ws: Workspace;
}

export interface ServerDeps {
  workspace: Workspace;
  resolveActor?: ActorResolver;
  /** Folder of the built web app; the SPA is served when it exists. */
  webRoot?: string;
  logger?: boolean;
}
