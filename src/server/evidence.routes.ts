import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { evidenceDetail, evidenceItem, evidenceListQuery, inclusionProofView, transferInput, custodyEvent, toBase64 } from '../evidence';
import { ValidationError } from '../domain';
import { evidenceOf } from '../workspace';
import type { RouteOptions } from './context';

const idParam = z.object({ id: z.uuid() });
const intakeResult = z.object({ item: evidenceItem, duplicate: z.boolean(), leafIndex: z.number(), treeSize: z.number() });
const FIELDS = ['originalName', 'sourceId', 'sensitivity', 'derivedFrom', 'note'] as const;

/** Evidence: upload (multipart, streamed into the blob store), list, detail with custody, download, proofs, transfers. */
export const evidenceRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ws }) => {
  const vault = () => evidenceOf(ws);
  await app.register(multipart, { limits: { fileSize: evidenceOf(ws).maxUploadBytes, files: 1, fields: 20, fieldSize: 4096 } });

  app.get('/evidence', { config: { policy: { resource: 'evidence', action: 'read' } }, schema: { tags: ['evidence'], querystring: evidenceListQuery, response: { 200: z.object({ items: z.array(evidenceItem), total: z.number() }) } } },
    (req) => vault().custody.list(req.actor, req.query));

  app.get('/evidence/:id', { config: { policy: { resource: 'evidence', action: 'read' } }, schema: { tags: ['evidence'], params: idParam, response: { 200: evidenceDetail } } },
    (req) => vault().custody.get(req.actor, req.params.id));

  app.post('/evidence', {
    config: { policy: { resource: 'evidence', action: 'create' } },
    schema: { tags: ['evidence'], consumes: ['multipart/form-data'], description: 'Upload one file (form field "file"); send the fields originalName, sourceId, sensitivity, derivedFrom, note before the file.', response: { 201: intakeResult } },
  }, async (req, reply) => {
    if (!req.isMultipart()) throw new ValidationError([{ field: '(body)', message: 'send multipart/form-data with a "file" part' }]);
    const file = await req.file();
    if (!file) throw new ValidationError([{ field: 'file', message: 'a file part is required' }]);
    const input: Record<string, unknown> = { declaredType: file.mimetype };
    for (const f of FIELDS) {
      const field = file.fields[f];
      const v = field && !Array.isArray(field) && field.type === 'field' ? field.value : undefined;
      if (typeof v === 'string' && v !== '') input[f] = v;
    }
    if (input.originalName === undefined && file.filename) input.originalName = file.filename;
    const result = await vault().intake.add(req.actor, file.file, input);
    return reply.code(201).send(result);
  });

  app.get('/evidence/:id/content', {
    config: { policy: { resource: 'evidence', action: 'read' } },
    schema: { tags: ['evidence'], params: idParam, querystring: z.object({ download: z.enum(['0', '1']).default('0') }), description: 'The bytes. Restricted items leave a custody event (viewed, or exported when downloaded).' },
  }, async (req, reply) => {
    const download = req.query.download === '1';
    const { item, stream } = await vault().custody.open(req.actor, req.params.id, download ? 'exported' : 'viewed');
    return reply
      .type(download ? 'application/octet-stream' : item.mediaType)
      .header('content-length', String(item.size))
      .header('content-disposition', `${download ? 'attachment' : 'inline'}; filename="${item.sha256}"`)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "sandbox; default-src 'none'")
      .header('cache-control', 'private, no-store')
      .header('x-evidence-sha256', item.sha256)
      .send(stream);
  });

  app.get('/evidence/:id/proof', {
    config: { policy: { resource: 'evidence', action: 'read' } },
    schema: { tags: ['evidence'], params: idParam, response: { 200: inclusionProofView.extend({ leaf: z.string(), checkpoint: z.string(), verifierKey: z.string(), sha256: z.string() }) } },
  }, async (req, reply) => {
    const v = vault();
    const item = await v.custody.get(req.actor, req.params.id);
    const cp = await v.log.latest();
    const p = await v.log.inclusionProof(item.leafIndex, cp?.size);
    const leaf = await v.log.leaf(item.leafIndex);
    reply.header('content-disposition', `attachment; filename="evidence-${item.sha256.slice(0, 16)}-proof.json"`);
    return {
      sha256: item.sha256, index: p.index, treeSize: p.treeSize, leafHash: toBase64(p.leafHash), proof: p.proof.map(toBase64),
      leaf: toBase64(leaf.data), checkpoint: cp?.note ?? '', verifierKey: await v.log.verifierKey(),
    };
  });

  app.post('/evidence/:id/transfers', { config: { policy: { resource: 'evidence', action: 'export' } }, schema: { tags: ['evidence'], params: idParam, body: transferInput, response: { 201: custodyEvent } } },
    async (req, reply) => reply.code(201).send(await vault().custody.transfer(req.actor, req.params.id, req.body)));
};
