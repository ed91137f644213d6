import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '../domain';

/** RFC 9457 problem details. Validation problems name every field in `errors`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: { field: string; message: string }[];
}

function problem(status: number, title: string, detail?: string, errors?: Problem['errors']): Problem {
  return { type: status === 400 ? 'https://vigil.invalid/problems/validation' : 'about:blank', title, status, ...(detail ? { detail } : {}), ...(errors ? { errors } : {}) };
}

export function toProblem(err: unknown): Problem {
  if (err instanceof ValidationError) return problem(400, 'Invalid input', err.message, err.issues);
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as FastifyError).validationContext ?? 'body';
    const errors = err.validation.map((v) => ({
      field: [where === 'body' ? '' : where, ...String(v.instancePath ?? '').split('/').filter(Boolean)].filter(Boolean).join('.') || where,
      message: v.message ?? 'invalid',
    }));
    return problem(400, 'Invalid input', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
  }
  if (err instanceof NotFoundError) return problem(404, 'Not found', err.message);
  if (err instanceof ConflictError) return problem(409, 'Conflict', err.message);
  if (err instanceof ForbiddenError) return problem(403, 'Forbidden', err.message);
  if (err instanceof UnauthenticatedError) return problem(401, 'Sign-in required', err.message);
  const fe = err as FastifyError;
  if (fe && typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return problem(fe.statusCode, fe.code ?? 'Request error', fe.message);
  }
  return problem(500, 'Internal error', 'the server could not complete the request; see the server log for the request id');
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, err: unknown): FastifyReply {
  const p = toProblem(err);
  if (p.status >= 500) request.log.error({ err, reqId: request.id }, 'request failed');
  return reply.status(p.status).type('application/problem+json').send({ ...p, instance: request.url.split('?')[0] });
}
