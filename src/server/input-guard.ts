import type { FastifyInstance } from 'fastify';
import { ValidationError, type FieldIssue } from '../domain';

/** Paths of every string holding a NUL character (PostgreSQL text cannot store one). */
function nulFields(value: unknown, path: string[], out: FieldIssue[], depth = 0): void {
  if (depth > 64 || out.length > 20) return;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push({ field: path.join('.') || '(body)', message: 'contains a NUL character' });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => nulFields(v, [...path, String(i)], out, depth + 1));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) nulFields(v, [...path, k], out, depth + 1);
  }
}

/** Refuses NUL characters in bodies, query strings and parameters with 400 naming the field, before validation. */
export function installInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const issues: FieldIssue[] = [];
    nulFields(request.body, [], issues);
    nulFields(request.query, [], issues);
    nulFields(request.params, [], issues);
    if (issues.length) throw new ValidationError(issues);
  });
}
