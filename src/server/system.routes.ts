import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { workspaceStatus } from '../workspace';
import type { RouteOptions } from './context';

const health = z.object({
  status: z.literal('ok'),
  database: z.object({ kind: z.enum(['pglite', 'postgres']), description: z.string() }),
  workspace: z.object({ kind: z.enum(['demo', 'real']) }),
  version: z.string(),
});

export const systemRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ws }) => {
  app.get('/api/health', { config: { policy: 'public' }, schema: { tags: ['system'], response: { 200: health } } }, async () => ({
    status: 'ok' as const,
    database: { kind: ws.database.kind, description: await ws.database.describe() },
    workspace: { kind: ws.meta.kind },
    version: '0.1.0',
  }));
  app.get('/api/v1/status', { config: { policy: { resource: 'persons', action: 'read' } }, schema: { tags: ['system'] } }, () => workspaceStatus(ws));
};
