import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  FindingService, ReportService, briefingRequest, facilityReportRequest, finding, findingInput, findingListQuery, findingRefParam,
  findingUpdate, recomputation, type ReportOutput,
} from '../findings';
import { page, uuidParam } from '../registry';
import type { RouteOptions } from './context';

const csvList = z.string().max(5000).transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));
const briefingQuery = z.object({
  findings: csvList.optional(), highlights: csvList.optional(), title: z.string().max(300).optional(),
  audience: z.enum(['public', 'internal']).default('public'), format: z.enum(['html', 'pdf', 'md']).default('html'),
});
const facilityQuery = z.object({ audience: z.enum(['public', 'internal']).default('public'), format: z.enum(['html', 'pdf', 'md']).default('html') });

/** A report as a file: HTML served under its own strict CSP (its style block by hash, no scripts). */
function sendReport(reply: FastifyReply, out: ReportOutput) {
  reply.header('content-type', out.contentType);
  reply.header('content-disposition', `${out.format === 'html' ? 'inline' : 'attachment'}; filename="${out.filename}"`);
  if (out.format === 'html') reply.header('content-security-policy', out.csp);
  reply.header('x-vigil-report-notes', String(out.doc.notes.length));
  return reply.send(out.body);
}

/** Findings (CRUD, compute, review, publish, revise) and the reports built from them. */
export const findingsRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ws }) => {
  const findings = new FindingService(ws.database.db);
  const reports = new ReportService(ws.database.db, ws.registry);
  const tags = ['findings'];

  app.get('/findings', { config: { policy: { resource: 'findings', action: 'read', public: true } }, schema: { tags, querystring: findingListQuery, response: { 200: page(finding) } } },
    (req) => findings.list(req.actor, req.query));
  app.get('/findings/:ref', { config: { policy: { resource: 'findings', action: 'read', public: true } }, schema: { tags, params: findingRefParam, response: { 200: finding } } },
    (req) => findings.get(req.actor, req.params.ref));
  app.post('/findings', { config: { policy: { resource: 'findings', action: 'create' } }, schema: { tags, body: findingInput, response: { 201: finding } } },
    async (req, reply) => reply.code(201).send(await findings.create(req.actor, req.body)));
  app.patch('/findings/:ref', { config: { policy: { resource: 'findings', action: 'update' } }, schema: { tags, params: findingRefParam, body: findingUpdate, response: { 200: finding } } },
    (req) => findings.update(req.actor, req.params.ref, req.body));
  app.delete('/findings/:ref', { config: { policy: { resource: 'findings', action: 'delete' } }, schema: { tags, params: findingRefParam, response: { 204: z.null() } } },
    async (req, reply) => { await findings.remove(req.actor, req.params.ref); return reply.code(204).send(null); });
  app.post('/findings/:ref/recompute', { config: { policy: { resource: 'findings', action: 'read' } }, schema: { tags, summary: 'Stored value and today\'s value side by side (nothing stored)', params: findingRefParam, response: { 200: recomputation } } },
    (req) => findings.compute(req.actor, req.params.ref, { store: false }));
  app.post('/findings/:ref/compute', { config: { policy: { resource: 'findings', action: 'update' } }, schema: { tags, summary: 'Recompute a draft and store the new value', params: findingRefParam, response: { 200: recomputation } } },
    (req) => findings.compute(req.actor, req.params.ref, { store: true }));
  app.post('/findings/:ref/review', { config: { policy: { resource: 'findings', action: 'verify' } }, schema: { tags, params: findingRefParam, body: z.object({ note: z.string().max(2000).optional() }).optional(), response: { 200: finding } } },
    (req) => findings.review(req.actor, req.params.ref, req.body?.note));
  app.post('/findings/:ref/publish', { config: { policy: { resource: 'findings', action: 'publish' } }, schema: { tags, params: findingRefParam, response: { 200: finding } } },
    (req) => findings.publish(req.actor, req.params.ref));
  app.post('/findings/:ref/revise', { config: { policy: { resource: 'findings', action: 'create' } }, schema: { tags, params: findingRefParam, body: findingUpdate.optional(), response: { 201: finding } } },
    async (req, reply) => reply.code(201).send(await findings.revise(req.actor, req.params.ref, req.body ?? {})));

  const generate = { policy: { resource: 'reports', action: 'generate' } } as const;
  app.get('/reports/briefing', { config: generate, schema: { tags: ['reports'], summary: 'A briefing from findings (HTML, PDF or Markdown)', querystring: briefingQuery } },
    async (req, reply) => sendReport(reply, await reports.briefing(req.actor, req.query)));
  app.post('/reports/briefing', { config: generate, schema: { tags: ['reports'], summary: 'A briefing with sections and highlights', body: briefingRequest } },
    async (req, reply) => sendReport(reply, await reports.briefing(req.actor, req.body)));
  app.get('/reports/facility/:id', { config: generate, schema: { tags: ['reports'], summary: 'A facility report modelled on a CPT visit report', params: uuidParam, querystring: facilityQuery } },
    async (req, reply) => sendReport(reply, await reports.facility(req.actor, req.params.id, req.query)));
  app.post('/reports/facility/:id', { config: generate, schema: { tags: ['reports'], summary: 'A facility report with staff recommendations', params: uuidParam, body: facilityReportRequest } },
    async (req, reply) => sendReport(reply, await reports.facility(req.actor, req.params.id, req.body)));
};
