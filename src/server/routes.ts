import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authRoutes } from './auth.routes';
import type { RouteOptions } from './context';
import { evidenceRoutes } from './evidence.routes';
import { findingsRoutes } from './findings.routes';
import { importsRoutes } from './imports.routes';
import { linkageRoutes } from './linkage.routes';
import { logRoutes } from './log.routes';
import { registryRoutes } from './registry.routes';
import { statsRoutes } from './stats.routes';
import { systemRoutes } from './system.routes';
import { testimonyRoutes } from './testimonies.routes';
import { witnessRoutes } from './witness.routes';

/**
 * Every route plugin of the server, with its prefix. A room adds its own `*.routes.ts` file here
 * (one import, one line).
 */
export const ROUTE_PLUGINS: { plugin: FastifyPluginAsyncZod<RouteOptions>; prefix?: string }[] = [
  { plugin: systemRoutes },
  { plugin: registryRoutes, prefix: '/api/v1' },
  { plugin: authRoutes, prefix: '/api/v1' },
  { plugin: witnessRoutes, prefix: '/api/v1' },
  { plugin: evidenceRoutes, prefix: '/api/v1' },
  { plugin: logRoutes },
  { plugin: statsRoutes, prefix: '/api/v1' },
  { plugin: linkageRoutes, prefix: '/api/v1' },
  { plugin: findingsRoutes, prefix: '/api/v1' },
  { plugin: importsRoutes, prefix: '/api/v1' },
  { plugin: testimonyRoutes, prefix: '/api/v1' },
];
