import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  consistencyProofView, inclusionProofView, parseEntryBundlePath, parseTilePath, TILE_WIDTH, TilePathError, toBase64,
} from '../evidence';
import { NotFoundError } from '../domain';
import { evidenceOf } from '../workspace';
import type { RouteOptions } from './context';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const size = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/**
 * The public, verifiable face of the evidence log: the signed checkpoint, the verifier key, C2SP
 * tlog-tiles (hash tiles and entry bundles) and proofs. Leaves hold no personal data, so all of it
 * is public (policy 'public').
 */
export const logRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ws }) => {
  const log = () => evidenceOf(ws).log;

  app.get('/log/checkpoint', { config: { policy: 'public' }, schema: { tags: ['log'], description: 'The latest signed checkpoint (C2SP tlog-checkpoint signed note), verbatim.' } }, async (_req, reply) => {
    const cp = await log().latest();
    if (!cp) throw new NotFoundError('checkpoint', 'latest');
    return reply.type('text/plain; charset=utf-8').header('cache-control', 'no-cache').send(cp.note);
  });

  app.get('/log/key', { config: { policy: 'public' }, schema: { tags: ['log'], description: 'The verifier key of the log (Go sumdb/note format).' } }, async (_req, reply) =>
    reply.type('text/plain; charset=utf-8').send(`${await log().verifierKey()}\n`));

  app.get('/log/tile/*', { config: { policy: 'public' }, schema: { tags: ['log'], description: 'C2SP tlog-tiles: tile/<L>/<N>[.p/<W>] and tile/entries/<N>[.p/<W>].', params: z.object({ '*': z.string().max(200) }) } }, async (req, reply) => {
    const path = `tile/${req.params['*']}`;
    let data: Uint8Array | null;
    let width: number;
    try {
      if (path.startsWith('tile/entries/')) {
        const b = parseEntryBundlePath(path);
        width = b.width;
        data = await log().entryBundle(b.index, b.width);
      } else {
        const t = parseTilePath(path);
        width = t.width;
        data = await log().tile(t);
      }
    } catch (err) {
      if (err instanceof TilePathError) throw new NotFoundError('tile', path);
      throw err;
    }
    if (!data) throw new NotFoundError('tile', path);
    return reply.type('application/octet-stream').header('cache-control', width === TILE_WIDTH ? IMMUTABLE : 'public, max-age=60').send(Buffer.from(data));
  });

  app.get('/api/v1/log/proofs/inclusion', { config: { policy: 'public' }, schema: { tags: ['log'], querystring: z.object({ index: size, size: size.optional() }), response: { 200: inclusionProofView } } }, async (req) => {
    const p = await log().inclusionProof(req.query.index, req.query.size);
    return { index: p.index, treeSize: p.treeSize, leafHash: toBase64(p.leafHash), proof: p.proof.map(toBase64) };
  });

  app.get('/api/v1/log/proofs/consistency', { config: { policy: 'public' }, schema: { tags: ['log'], querystring: z.object({ from: size, to: size.optional() }), response: { 200: consistencyProofView } } }, async (req) => {
    const p = await log().consistencyProof(req.query.from, req.query.to);
    return { size1: p.size1, size2: p.size2, proof: p.proof.map(toBase64) };
  });

  app.get('/api/v1/log/leaves/:index', { config: { policy: 'public' }, schema: { tags: ['log'], params: z.object({ index: size }), response: { 200: z.object({ index: z.number(), data: z.string(), leafHash: z.string(), entry: z.record(z.string(), z.unknown()).nullable() }) } } }, async (req) => {
    const l = await log().leaf(req.params.index);
    if (l.index >= (await log().publishedSize())) throw new NotFoundError('leaf', String(req.params.index));
    return { index: l.index, data: toBase64(l.data), leafHash: toBase64(l.leafHash), entry: l.entry };
  });
};
