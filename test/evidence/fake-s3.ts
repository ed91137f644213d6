// A tiny in-process S3-compatible server for tests: path-style PUT/GET/HEAD objects, ListObjectsV2
// and multipart uploads, kept in memory. Signatures are not checked.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';

export interface FakeS3 { url: string; objects: Map<string, Buffer>; requests: string[]; close(): Promise<void> }

const xml = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export async function startFakeS3(): Promise<FakeS3> {
  const objects = new Map<string, Buffer>();
  const uploads = new Map<string, Map<number, Buffer>>();
  const requests: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const parts: Buffer[] = [];
    for await (const c of req) parts.push(c as Buffer);
    const body = Buffer.concat(parts);
    const [, bucket, ...rest] = u.pathname.split('/');
    const key = decodeURIComponent(rest.join('/'));
    const id = `${bucket}/${key}`;
    const q = u.searchParams;
    requests.push(`${req.method} ${key ? 'object' : 'bucket'}${[...q.keys()].length ? `?${[...q.keys()].sort().join('&')}` : ''}`);
    const send = (status: number, text = '', headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/xml', ...headers });
      res.end(text);
    };
    const etag = (b: Buffer) => `"${b.length.toString(16)}-${randomUUID().slice(0, 8)}"`;
    if (req.method === 'GET' && !key && q.get('list-type') === '2') {
      const prefix = q.get('prefix') ?? '';
      const keys = [...objects.keys()].filter((k) => k.startsWith(`${bucket}/${prefix}`)).sort();
      const contents = keys.map((k) => `<Contents><Key>${esc(k.slice(bucket.length + 1))}</Key><Size>${objects.get(k)!.length}</Size></Contents>`).join('');
      return send(200, xml(`<ListBucketResult><Name>${bucket}</Name><Prefix>${esc(prefix)}</Prefix><KeyCount>${keys.length}</KeyCount><IsTruncated>false</IsTruncated>${contents}</ListBucketResult>`));
    }
    if (req.method === 'POST' && q.has('uploads')) {
      const uploadId = randomUUID();
      uploads.set(uploadId, new Map());
      return send(200, xml(`<InitiateMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${esc(key)}</Key><UploadId>${uploadId}</UploadId></InitiateMultipartUploadResult>`));
    }
    if (req.method === 'PUT' && q.has('uploadId')) {
      uploads.get(q.get('uploadId')!)!.set(Number(q.get('partNumber')), body);
      return send(200, '', { etag: etag(body) });
    }
    if (req.method === 'POST' && q.has('uploadId')) {
      const up = uploads.get(q.get('uploadId')!)!;
      objects.set(id, Buffer.concat([...up.keys()].sort((a, b) => a - b).map((n) => up.get(n)!)));
      uploads.delete(q.get('uploadId')!);
      return send(200, xml(`<CompleteMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${esc(key)}</Key><ETag>"x"</ETag></CompleteMultipartUploadResult>`));
    }
    if (req.method === 'DELETE' && q.has('uploadId')) {
      uploads.delete(q.get('uploadId')!);
      return send(204);
    }
    if (req.method === 'PUT') {
      objects.set(id, body);
      return send(200, '', { etag: etag(body) });
    }
    const obj = objects.get(id);
    if (req.method === 'HEAD') {
      res.writeHead(obj ? 200 : 404, obj ? { 'content-length': String(obj.length) } : {});
      return res.end();
    }
    if (req.method === 'GET') {
      if (!obj) return send(404, xml('<Error><Code>NoSuchKey</Code><Message>not found</Message></Error>'));
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(obj.length) });
      return res.end(obj);
    }
    send(405, xml('<Error><Code>MethodNotAllowed</Code></Error>'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, objects, requests, close: () => new Promise((r) => server.close(() => r())) };
}
