import type { z } from 'zod';
import { ValidationError } from '../domain';

/** Validates service input with a zod schema; failures become a ValidationError naming every field (as in the registry). */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw new ValidationError(r.error.issues.map((i) => ({ field: i.path.length ? i.path.join('.') : '(body)', message: i.message })));
}
