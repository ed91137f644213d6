import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  allegation, allegationInput, allegationListQuery, allegationType, allegationUpdate,
  custodyEpisode, custodyInput, custodyListQuery, custodyUpdate,
  dossier, facility, facilityInput, facilityListQuery, facilityUpdate,
  page, personDetail, personListQuery, personRecord, personRecordCorrection, personRecordInput, personSummary, personUpdate,
  personTimeline, source, sourceInput, sourceListQuery, sourceUpdate, uuidParam,
} from '../registry';
import type { RouteOptions } from './context';

const timelineEvent = z.object({
  kind: z.enum(['custody', 'status', 'allegation']), from: z.string().nullable(), to: z.string().nullable(),
  earliest: z.string().nullable(), latest: z.string().nullable(), label: z.string(), facilityId: z.string().nullable(),
  facilityName: z.string().nullable(), sourceId: z.string(), sourceTitle: z.string(), refId: z.string(),
});

/** REST routes of the registry: thin handlers over the services. */
export const registryRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ws }) => {
  const r = ws.registry;

  app.get('/sources', { config: { policy: { resource: 'sources', action: 'read', public: true } }, schema: { tags: ['sources'], querystring: sourceListQuery, response: { 200: page(source) } } }, (req) => r.sources.list(req.actor, req.query));
  app.get('/sources/:id', { config: { policy: { resource: 'sources', action: 'read', public: true } }, schema: { tags: ['sources'], params: uuidParam, response: { 200: source } } }, (req) => r.sources.get(req.actor, req.params.id));
  app.post('/sources', { config: { policy: { resource: 'sources', action: 'create' } }, schema: { tags: ['sources'], body: sourceInput, response: { 201: source } } }, async (req, reply) => reply.code(201).send(await r.sources.create(req.actor, req.body)));
  app.patch('/sources/:id', { config: { policy: { resource: 'sources', action: 'update' } }, schema: { tags: ['sources'], params: uuidParam, body: sourceUpdate, response: { 200: source } } }, (req) => r.sources.update(req.actor, req.params.id, req.body));

  app.get('/persons', { config: { policy: { resource: 'persons', action: 'read', public: true } }, schema: { tags: ['persons'], querystring: personListQuery, response: { 200: page(personSummary) } } }, (req) => r.persons.list(req.actor, req.query));
  app.get('/persons/:id', { config: { policy: { resource: 'persons', action: 'read', public: true } }, schema: { tags: ['persons'], params: uuidParam, response: { 200: personDetail } } }, (req) => r.persons.get(req.actor, req.params.id));
  app.patch('/persons/:id', { config: { policy: { resource: 'persons', action: 'update' } }, schema: { tags: ['persons'], params: uuidParam, body: personUpdate, response: { 200: personSummary } } }, (req) => r.persons.update(req.actor, req.params.id, req.body));
  app.get('/persons/:id/timeline', { config: { policy: { resource: 'persons', action: 'read', public: true } }, schema: { tags: ['persons'], params: uuidParam, response: { 200: z.object({ personId: z.string(), events: z.array(timelineEvent) }) } } },
    (req) => personTimeline(ws.database.db, r.persons, req.actor, req.params.id));
  app.post('/person-records', { config: { policy: { resource: 'persons', action: 'create' } }, schema: { tags: ['persons'], body: personRecordInput, response: { 201: personRecord } } }, async (req, reply) => reply.code(201).send(await r.persons.addRecord(req.actor, req.body)));
  app.post('/person-records/:id/corrections', { config: { policy: { resource: 'persons', action: 'update' } }, schema: { tags: ['persons'], params: uuidParam, body: personRecordCorrection, response: { 201: personRecord } } },
    async (req, reply) => reply.code(201).send(await r.persons.correctRecord(req.actor, req.params.id, req.body)));
  app.get('/person-records/:id/history', { config: { policy: { resource: 'persons', action: 'read' } }, schema: { tags: ['persons'], params: uuidParam, response: { 200: z.object({ items: z.array(personRecord), total: z.number() }) } } },
    async (req) => { const items = await r.persons.recordHistory(req.actor, req.params.id); return { items, total: items.length }; });

  app.get('/facilities', { config: { policy: { resource: 'facilities', action: 'read', public: true } }, schema: { tags: ['facilities'], querystring: facilityListQuery, response: { 200: page(facility) } } }, (req) => r.facilities.list(req.actor, req.query));
  app.get('/facilities/:id', { config: { policy: { resource: 'facilities', action: 'read', public: true } }, schema: { tags: ['facilities'], params: uuidParam, response: { 200: facility } } }, (req) => r.facilities.get(req.actor, req.params.id));
  app.get('/facilities/:id/dossier', { config: { policy: { resource: 'facilities', action: 'read', public: true } }, schema: { tags: ['facilities'], params: uuidParam, response: { 200: dossier } } }, (req) => r.facilities.dossier(req.actor, req.params.id));
  app.post('/facilities', { config: { policy: { resource: 'facilities', action: 'create' } }, schema: { tags: ['facilities'], body: facilityInput, response: { 201: facility } } }, async (req, reply) => reply.code(201).send(await r.facilities.create(req.actor, req.body)));
  app.patch('/facilities/:id', { config: { policy: { resource: 'facilities', action: 'update' } }, schema: { tags: ['facilities'], params: uuidParam, body: facilityUpdate, response: { 200: facility } } }, (req) => r.facilities.update(req.actor, req.params.id, req.body));

  app.get('/custody-episodes', { config: { policy: { resource: 'custody', action: 'read' } }, schema: { tags: ['custody'], querystring: custodyListQuery, response: { 200: page(custodyEpisode) } } }, (req) => r.custody.list(req.actor, req.query));
  app.get('/custody-episodes/:id', { config: { policy: { resource: 'custody', action: 'read' } }, schema: { tags: ['custody'], params: uuidParam, response: { 200: custodyEpisode } } }, (req) => r.custody.get(req.actor, req.params.id));
  app.post('/custody-episodes', { config: { policy: { resource: 'custody', action: 'create' } }, schema: { tags: ['custody'], body: custodyInput, response: { 201: custodyEpisode } } }, async (req, reply) => reply.code(201).send(await r.custody.create(req.actor, req.body)));
  app.patch('/custody-episodes/:id', { config: { policy: { resource: 'custody', action: 'update' } }, schema: { tags: ['custody'], params: uuidParam, body: custodyUpdate, response: { 200: custodyEpisode } } }, (req) => r.custody.update(req.actor, req.params.id, req.body));

  app.get('/allegation-types', { config: { policy: { resource: 'allegations', action: 'read', public: true } }, schema: { tags: ['allegations'], response: { 200: z.object({ items: z.array(allegationType), total: z.number() }) } } },
    async () => { const items = await r.allegations.types(); return { items, total: items.length }; });
  app.get('/allegations', { config: { policy: { resource: 'allegations', action: 'read', public: true } }, schema: { tags: ['allegations'], querystring: allegationListQuery, response: { 200: page(allegation) } } }, (req) => r.allegations.list(req.actor, req.query));
  app.get('/allegations/:id', { config: { policy: { resource: 'allegations', action: 'read', public: true } }, schema: { tags: ['allegations'], params: uuidParam, response: { 200: allegation } } }, (req) => r.allegations.get(req.actor, req.params.id));
  app.post('/allegations', { config: { policy: { resource: 'allegations', action: 'create' } }, schema: { tags: ['allegations'], body: allegationInput, response: { 201: allegation } } }, async (req, reply) => reply.code(201).send(await r.allegations.create(req.actor, req.body)));
  app.patch('/allegations/:id', { config: { policy: { resource: 'allegations', action: 'update' } }, schema: { tags: ['allegations'], params: uuidParam, body: allegationUpdate, response: { 200: allegation } } }, (req) => r.allegations.update(req.actor, req.params.id, req.body));
};
