import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { TestimonyService, testimonyInput, testimonyResult } from '../testimonies';
import type { RouteOptions } from './context';

/** A testimony is text, not files (attachments go to /evidence): bigger bodies are refused (413). */
const BODY_LIMIT = 512 * 1024;

/** POST /testimonies: the intake form's witness account, stored in one transaction (all or nothing). */
export const testimonyRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ws, auth }) => {
  const service = new TestimonyService(ws.database.db, ws.registry, auth.witnesses);
  app.post('/testimonies', {
    config: { policy: { resource: 'sources', action: 'create' } }, bodyLimit: BODY_LIMIT,
    schema: { tags: ['testimonies'], summary: 'Record a testimony: source, witness (identity encrypted), custody, fellow detainees and allegations, in one transaction', body: testimonyInput, response: { 201: testimonyResult } },
  }, async (req, reply) => reply.code(201).send(await service.record(req.actor, req.body)));
};
