import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  linkRun, linkRunInput, linkRunListQuery, linkRunSummary, mergeHistory, personMergeInput, personMergeResult, personsLinkage,
  personUnmergeInput, reviewDecisionInput, reviewDecisionResult, reviewListQuery, reviewPair,
} from '../persons-linkage';
import { uuidParam } from '../registry';
import type { RouteOptions } from './context';

const READ = { policy: { resource: 'linkage', action: 'read' } } as const;
const RUN = { policy: { resource: 'linkage', action: 'run' } } as const;
const DECIDE = { policy: { resource: 'linkage', action: 'decide' } } as const;

/** Linkage in the workspace: runs, the review queue, merge and unmerge of persons (staff only; decisions by reviewers and administrators). */
export const linkageRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ws }) => {
  const L = personsLinkage(ws.database.db);

  app.post('/linkage/runs', { config: RUN, schema: { tags: ['linkage'], summary: 'Link the workspace\'s person records into persons (full or incremental); answers what changed', body: linkRunInput.optional(), response: { 200: linkRunSummary } } },
    (req) => L.runs.run(req.actor, req.body ?? {}));
  app.get('/linkage/runs', { config: READ, schema: { tags: ['linkage'], summary: 'Link runs, newest first', querystring: linkRunListQuery, response: { 200: z.object({ items: z.array(linkRun), total: z.number() }) } } },
    (req) => L.runs.list(req.actor, req.query));

  app.get('/linkage/review', { config: READ, schema: { tags: ['linkage'], summary: 'Pairs waiting for review, most uncertain first, with both records and the explanation', querystring: reviewListQuery, response: { 200: z.object({ items: z.array(reviewPair), total: z.number() }) } } },
    (req) => L.review.list(req.actor, req.query));
  app.get('/linkage/review/:id', { config: READ, schema: { tags: ['linkage'], params: uuidParam, response: { 200: reviewPair } } },
    (req) => L.review.get(req.actor, req.params.id));
  app.post('/linkage/review/:id', { config: DECIDE, schema: { tags: ['linkage'], summary: 'Decide a pair: match joins the persons at once, non_match splits them, skip leaves it for later', params: uuidParam, body: reviewDecisionInput, response: { 200: reviewDecisionResult } } },
    (req) => L.review.decide(req.actor, req.params.id, req.body));

  app.post('/persons/:id/merge', { config: DECIDE, schema: { tags: ['linkage', 'persons'], summary: 'Merge persons into this one (the oldest id is kept); kept as decisions', params: uuidParam, body: personMergeInput, response: { 200: personMergeResult } } },
    (req) => L.merges.merge(req.actor, req.params.id, req.body));
  app.post('/persons/:id/unmerge', { config: DECIDE, schema: { tags: ['linkage', 'persons'], summary: 'Move records out of this person into a new person; kept as decisions', params: uuidParam, body: personUnmergeInput, response: { 200: personMergeResult } } },
    (req) => L.merges.unmerge(req.actor, req.params.id, req.body));
  app.get('/persons/:id/merges', { config: READ, schema: { tags: ['linkage', 'persons'], summary: 'Merge history of a person (also of one merged away: mergedInto)', params: uuidParam, response: { 200: mergeHistory } } },
    (req) => L.merges.history(req.actor, req.params.id));
};
