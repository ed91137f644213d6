import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { protectedDetail, protectedDetailInput, witness, witnessIdentityView, witnessInput, witnessListQuery } from '../auth';
import { uuidParam } from '../registry';
import type { RouteOptions } from './context';

/** Witness records and protected details are small; bigger bodies are refused (413). */
const BODY_LIMIT = 64 * 1024;
const noStore = { 'cache-control': 'no-store' };

/**
 * Witnesses (by pseudonym for every signed-in role; identity and contact for administrators and
 * investigators, each view recorded) and the protected details of detained persons.
 */
export const witnessRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { auth }) => {
  const w = auth.witnesses;
  app.post('/witnesses', { config: { policy: { resource: 'restricted_fields', action: 'update' } }, bodyLimit: BODY_LIMIT, schema: { tags: ['witnesses'], body: witnessInput, response: { 201: witness } } },
    async (req, reply) => reply.code(201).send(await w.create(req.actor, req.body)));
  app.get('/witnesses', { config: { policy: { resource: 'sources', action: 'read' } }, schema: { tags: ['witnesses'], querystring: witnessListQuery, response: { 200: z.object({ items: z.array(witness), total: z.number() }) } } },
    (req) => w.list(req.actor, req.query));
  app.get('/witnesses/:id', { config: { policy: { resource: 'sources', action: 'read' } }, schema: { tags: ['witnesses'], params: uuidParam, response: { 200: witness } } },
    (req) => w.get(req.actor, req.params.id));
  app.get('/witnesses/:id/identity', { config: { policy: { resource: 'restricted_fields', action: 'read' } }, schema: { tags: ['witnesses'], params: uuidParam, response: { 200: witnessIdentityView } } },
    async (req, reply) => reply.headers(noStore).send(await w.identity(req.actor, req.params.id)));

  app.post('/persons/:id/protected-details', { config: { policy: { resource: 'restricted_fields', action: 'update' } }, bodyLimit: BODY_LIMIT, schema: { tags: ['persons'], params: uuidParam, body: protectedDetailInput, response: { 201: protectedDetail.omit({ value: true }) } } },
    async (req, reply) => reply.code(201).send(await w.addProtectedDetail(req.actor, req.params.id, req.body)));
  app.get('/persons/:id/protected-details', { config: { policy: { resource: 'restricted_fields', action: 'read' } }, schema: { tags: ['persons'], params: uuidParam, response: { 200: z.object({ items: z.array(protectedDetail) }) } } },
    async (req, reply) => reply.headers(noStore).send({ items: await w.protectedDetails(req.actor, req.params.id) }));
};
