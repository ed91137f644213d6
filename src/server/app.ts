import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { existsSync } from 'node:fs';
import { authOf } from '../workspace';
import type { RateLimitOptions, ServerDeps } from './context';
import { sendProblem } from './problem';
import { installInputGuard } from './input-guard';
import { installPolicies } from './policy';
import { ROUTE_PLUGINS } from './routes';
import { installSessions } from './session';

export const API_PREFIX = '/api/v1';

const RATE_LIMIT_DEFAULTS: Required<RateLimitOptions> = { max: 600, loginMax: 20, allowList: [] };

export async function buildApp(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger
      ? {
          // Query strings carry names people searched for: never logged.
          serializers: { req: (req) => ({ id: req.id, method: req.method, url: req.url.split('?')[0] }) },
        }
      : false,
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: (deps.trustProxy ?? false) as boolean, // the union of Fastify's accepted forms confuses its overloads
  });
  const auth = deps.auth ?? authOf(deps.workspace);
  const limits = { ...RATE_LIMIT_DEFAULTS, ...deps.rateLimit };
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((err, request, reply) => sendProblem(reply, request, err));
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.url.startsWith('/log/') || !deps.webRoot || !existsSync(deps.webRoot)) {
      return reply.status(404).type('application/problem+json').send({ type: 'about:blank', title: 'Not found', status: 404, instance: request.url.split('?')[0] });
    }
    return reply.sendFile('index.html');
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"], fontSrc: ["'self'"], objectSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'self'"],
        formAction: ["'self'"], upgradeInsecureRequests: null,
      },
    },
    hsts: false, // set per request below, only over HTTPS
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-vigil-workspace-kind', deps.workspace.meta.kind);
    if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });
  // Every route is rate-limited per client address; routes may set a stricter limit (sign-in).
  await app.register(rateLimit, { max: limits.max, timeWindow: '1 minute', allowList: limits.allowList });
  await app.register(cookie);

  await app.register(swagger, {
    openapi: {
      info: { title: 'Vigil API', version: '1', description: 'Registry of detained persons, facilities, allegations and evidence.' },
      servers: [{ url: '/' }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  installSessions(app, { workspace: deps.workspace, auth, resolveActor: deps.resolveActor });
  installPolicies(app);
  installInputGuard(app);

  for (const r of ROUTE_PLUGINS) await app.register(r.plugin, { ws: deps.workspace, auth, rateLimit: limits, ...(r.prefix ? { prefix: r.prefix } : {}) });
  app.get('/api/v1/openapi.json', { config: { policy: 'public' }, schema: { hide: true } }, async () => app.swagger());

  if (deps.webRoot && existsSync(deps.webRoot)) {
    // preCompressed: the build writes .br and .gz beside each text asset (vite.config.ts), sent when the browser accepts them.
    await app.register(fastifyStatic, { root: deps.webRoot, prefix: '/', wildcard: false, index: ['index.html'], preCompressed: true });
  }
  return app;
}
