import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { StatisticsService, countQuery, countsTableInput, groupQuery, rateQuery, registryFilter } from '../analysis';
import type { RouteOptions } from './context';

const RUN = { policy: { resource: 'statistics', action: 'run' } } as const;

/** One body for both forms: a counts table (counts or csv) or workspace sources as lists. */
const mseBody = z.object({
  counts: countsTableInput.optional(),
  csv: z.string().max(100_000).optional(),
  lists: z.array(z.string().min(1).max(500)).min(2).max(6).optional().describe('source ids or titles: MSE from the workspace'),
  where: registryFilter.optional(),
  stratify: z.enum(['period', 'region']).optional(),
  periodField: z.enum(['status', 'custody']).optional(),
  model: z.string().max(200).optional().describe('best-bic (default), best-aic, independence or a bracket model such as [12,3,4]'),
  ci: z.enum(['profile', 'chao']).optional(),
  level: z.number().gt(0).lt(1).optional(),
});

const interval = z.object({ lower: z.number(), upper: z.number() });
const proportion = z.object({
  numerator: z.number(), denominatorCount: z.number(), denominator: z.string(), proportion: z.number().nullable(), level: z.number(),
  wilson: interval, clopperPearson: interval,
});
const ratesStratum = proportion.extend({ key: z.string(), label: z.string(), public: z.boolean(), sensitivity: z.string() });
/** The CLI's JSON contract, plus (for lists) the capture-pattern table, the sources and the strata. */
const mseResult = z.object({
  n: z.number(), lists: z.array(z.string()), model: z.string(), N: z.number().nullable(), se: z.number().nullable(),
  ci: z.tuple([z.number().nullable(), z.number().nullable()]), deviance: z.number().nullable(), df: z.number(),
  aic: z.number().nullable(), bic: z.number().nullable(), models: z.array(z.unknown()), warnings: z.array(z.string()), sentence: z.string(),
  table: z.unknown().optional(), sources: z.unknown().optional(), description: z.string().optional(), strata: z.unknown().optional(),
});
const ratesResult = z.object({
  unit: z.string(), numeratorText: z.string(), denominatorText: z.string(), level: z.number(), total: proportion,
  strata: z.object({ by: z.string(), partition: z.boolean(), note: z.string(), items: z.array(ratesStratum) }).nullable(),
});
const stratum = z.object({ key: z.string(), label: z.string(), public: z.boolean(), sensitivity: z.string(), count: z.number() });

/** Statistics over the workspace: MSE, rates, counts and breakdowns (analysts and administrators). */
export const statsRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ws }) => {
  const stats = new StatisticsService(ws.database.db);

  app.post('/stats/mse', { config: RUN, schema: { tags: ['statistics'], summary: 'Multiple systems estimation from a counts table or from sources as lists', body: mseBody, response: { 200: mseResult } } },
    async (req) => {
      const { lists, where, stratify, periodField, counts, csv, ...method } = req.body;
      if (lists) return stats.mseLists(req.actor, { lists, where, stratify, periodField, ...method });
      return stats.mseCounts(req.actor, { counts, csv, ...method });
    });
  app.post('/stats/rates', { config: RUN, schema: { tags: ['statistics'], summary: 'A share with Wilson and Clopper–Pearson intervals; the denominator in words', body: rateQuery, response: { 200: ratesResult } } },
    (req) => stats.rates(req.actor, req.body));
  app.post('/stats/count', { config: RUN, schema: { tags: ['statistics'], body: countQuery, response: { 200: z.object({ unit: z.string(), count: z.number(), description: z.string() }) } } },
    (req) => stats.count(req.actor, req.body));
  app.post('/stats/breakdown', { config: RUN, schema: { tags: ['statistics'], body: groupQuery, response: { 200: z.object({ unit: z.string(), by: z.string(), partition: z.boolean(), total: z.number(), description: z.string(), items: z.array(stratum), omitted: z.number() }) } } },
    (req) => stats.groups(req.actor, req.body));
};
