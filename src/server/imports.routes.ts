import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { ValidationError } from '../domain';
import {
  DocumentService, ImportService, documentListQuery, documentView, importPreview, importRunListQuery, importRunView, isImportError, parseMappingJson,
  type ImportCallOptions, type ImportInput, type MappingFile,
} from '../importers';
import { evidenceOf } from '../workspace';
import type { RouteOptions } from './context';

const idParam = z.object({ id: z.uuid() });
/** Multipart fields the import routes read (any other field is ignored). */
const FIELDS = ['as', 'mapping', 'source', 'sourceTitle', 'reliability', 'obtained', 'sensitivity', 'skipInvalid', 'dryRun', 'telegramUsername', 'ocr'] as const;
const truthy = (v: string | undefined) => (v === undefined ? undefined : ['1', 'true', 'yes', 'on'].includes(v.toLowerCase()));

interface Upload { dir: string; files: ImportInput[]; fields: Record<string, string> }

/** Streams every file part to a temporary folder (names kept for the report) and collects the fields. */
async function receive(req: FastifyRequest, maxFiles: number): Promise<Upload> {
  if (!req.isMultipart()) throw new ValidationError([{ field: '(body)', message: 'send multipart/form-data with one or more "file" parts' }]);
  const dir = await mkdtemp(join(tmpdir(), 'vigil-import-'));
  const files: ImportInput[] = [];
  const fields: Record<string, string> = {};
  try {
    for await (const part of req.parts()) {
      if (part.type === 'field') {
        if ((FIELDS as readonly string[]).includes(part.fieldname) && typeof part.value === 'string') fields[part.fieldname] = part.value;
        continue;
      }
      const file = part as MultipartFile;
      if (files.length >= maxFiles) { file.file.resume(); throw new ValidationError([{ field: 'file', message: `at most ${maxFiles} file(s) per request` }]); }
      const path = join(dir, randomUUID());
      await pipeline(file.file, createWriteStream(path));
      if (file.file.truncated) throw new ValidationError([{ field: 'file', message: `${file.filename} is larger than the upload limit` }]);
      files.push({ path, name: (file.filename || 'upload').replace(/[\\/]/g, '_').slice(-255) });
    }
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  if (files.length === 0) {
    await rm(dir, { recursive: true, force: true });
    throw new ValidationError([{ field: 'file', message: 'a "file" part is required' }]);
  }
  return { dir, files, fields };
}

function optionsOf(fields: Record<string, string>): ImportCallOptions {
  let mapping: MappingFile | undefined;
  if (fields.mapping) {
    try {
      mapping = parseMappingJson(fields.mapping, 'mapping');
    } catch (e) {
      throw new ValidationError([{ field: 'mapping', message: isImportError(e) ? e.message : String(e) }]);
    }
  }
  const source = fields.source ?? fields.sourceTitle;
  return {
    ...(fields.as ? { as: fields.as as 'auto' } : {}),
    ...(mapping ? { mapping } : {}),
    ...(source ? { source } : {}),
    ...(fields.reliability ? { reliability: fields.reliability as 'F' } : {}),
    ...(fields.obtained ? { obtained: fields.obtained } : {}),
    ...(fields.sensitivity ? { sensitivity: fields.sensitivity as 'internal' } : {}),
    ...(fields.telegramUsername ? { telegramUsername: fields.telegramUsername } : {}),
    ...(fields.ocr ? { ocr: fields.ocr as 'auto' } : {}),
    skipInvalid: truthy(fields.skipInvalid) ?? false,
    dryRun: truthy(fields.dryRun) ?? false,
  };
}

/** File-level import failures (unreadable, unsupported, bad mapping…) are the caller's input problems. */
function asInputError(e: unknown): unknown {
  return isImportError(e) ? new ValidationError([{ field: e.code === 'bad_mapping' ? 'mapping' : 'file', message: e.message }]) : e;
}

/**
 * Imports: preview (nothing written), import with streamed progress, the list of import runs with
 * their rejected rows; and the searchable text of imported documents and messages.
 */
export const importsRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ws }) => {
  const service = new ImportService({ db: ws.database.db, kind: ws.database.kind, registry: ws.registry, vault: () => evidenceOf(ws) });
  const docs = new DocumentService(ws.database.db);
  await app.register(multipart, { limits: { fileSize: evidenceOf(ws).maxUploadBytes, files: 50, fields: 30, fieldSize: 1024 * 1024 } });

  app.post('/imports/preview', {
    config: { policy: { resource: 'imports', action: 'read' } },
    schema: {
      tags: ['imports'], consumes: ['multipart/form-data'],
      description: 'What importing one file would do, writing nothing: its kind, columns with their field and confidence, suggestions, the first 20 validated rows, every problem (file, row, column, message) and counts. Fields: as (persons|custody|allegations|auto), mapping (mapping-file JSON), telegramUsername; then the "file" part.',
      response: { 200: importPreview },
    },
  }, async (req) => {
    const up = await receive(req, 1);
    try {
      return await service.preview(req.actor, up.files[0], optionsOf(up.fields));
    } catch (e) {
      throw asInputError(e);
    } finally {
      await rm(up.dir, { recursive: true, force: true });
    }
  });

  app.post('/imports', {
    config: { policy: { resource: 'imports', action: 'create' } },
    schema: {
      tags: ['imports'], consumes: ['multipart/form-data'], produces: ['application/x-ndjson', 'application/json'],
      description: 'Imports one or more files in one transaction (all or nothing; the same file twice adds nothing). Fields: as, mapping, source (or sourceTitle), reliability, obtained, sensitivity, skipInvalid, dryRun, telegramUsername; then "file" parts. Answers application/x-ndjson: progress lines {"phase","done","total"} then {"report": …} (or {"error": problem}); with Accept: application/json, the report alone.',
    },
  }, async (req, reply) => {
    const up = await receive(req, 50);
    let options: ImportCallOptions;
    try {
      options = optionsOf(up.fields);
    } catch (e) {
      await rm(up.dir, { recursive: true, force: true });
      throw e;
    }
    const accept = String(req.headers.accept ?? '');
    if (/application\/json/.test(accept) && !/ndjson/.test(accept)) {
      try {
        const report = await service.run(req.actor, up.files, options);
        return reply.code(report.written ? 201 : 200).send(report);
      } finally {
        await rm(up.dir, { recursive: true, force: true });
      }
    }
    const out = new PassThrough();
    reply.type('application/x-ndjson; charset=utf-8').header('cache-control', 'no-store').send(out);
    let last = 0;
    const line = (v: unknown) => out.write(JSON.stringify(v) + '\n');
    void (async () => {
      try {
        const report = await service.run(req.actor, up.files, {
          ...options,
          onProgress: (p) => {
            const now = Date.now();
            if (p.done === p.total || p.done === 0 || now - last > 200) { last = now; line({ phase: p.phase, done: p.done, total: p.total, ...(p.file ? { file: p.file } : {}) }); }
          },
        });
        line({ report });
      } catch (e) {
        req.log.error({ err: e, reqId: req.id }, 'import failed');
        line({ error: { title: 'Import failed', status: 500, detail: 'the import could not complete; nothing was written; see the server log for the request id' } });
      } finally {
        out.end();
        await rm(up.dir, { recursive: true, force: true });
      }
    })();
    return reply;
  });

  app.get('/imports', {
    config: { policy: { resource: 'imports', action: 'read' } },
    schema: { tags: ['imports'], querystring: importRunListQuery, response: { 200: z.object({ items: z.array(importRunView), total: z.number().int() }) } },
  }, (req) => service.list(req.actor, req.query));

  app.get('/imports/:id', {
    config: { policy: { resource: 'imports', action: 'read' } },
    schema: { tags: ['imports'], params: idParam, response: { 200: importRunView.extend({ status: z.literal('done') }) } },
  }, async (req) => {
    const run = await service.get(req.actor, req.params.id);
    return { ...run, status: 'done' as const };
  });

  const docView = documentView.extend({ textLength: z.number().int() });
  app.get('/documents', {
    config: { policy: { resource: 'sources', action: 'read' } },
    schema: {
      tags: ['documents'], querystring: documentListQuery,
      description: 'Text of imported documents and Telegram messages, newest first. With q: those whose text or title contains q (ILIKE, trigram index); when none does, the most similar (fuzzy: true). Texts are cut to 5,000 characters here; GET /documents/{id} has the whole text.',
      response: { 200: z.object({ items: z.array(docView), total: z.number().int(), fuzzy: z.boolean().optional() }) },
    },
  }, (req) => docs.list(req.actor, req.query));

  app.get('/documents/:id', {
    config: { policy: { resource: 'sources', action: 'read' } },
    schema: { tags: ['documents'], params: idParam, response: { 200: docView } },
  }, (req) => docs.get(req.actor, req.params.id));
};
