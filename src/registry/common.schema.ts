import { z } from 'zod';
import { parsePartialDate, checkOrder, partialDate, SENSITIVITY, ValidationError, type PartialDate } from '../domain';

/** Canonical partial-date text (YYYY, YYYY-MM, YYYY-MM-DD or a range A/B); impossible dates rejected. */
export const partialDateText = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .superRefine((v, ctx) => {
    const r = parsePartialDate(v);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.error });
  })
  .describe('Partial date: YYYY, YYYY-MM, YYYY-MM-DD or a range A/B');

export const optText = (max = 500) => z.string().trim().max(max).nullish();
export const sensitivity = z.enum(SENSITIVITY);
export const uuidParam = z.object({ id: z.uuid() });

export const listQuery = z.object({
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListQuery = z.infer<typeof listQuery>;

export function page<T>(schema: z.ZodType<T>) {
  return z.object({
    items: z.array(schema),
    total: z.number().int(),
    estimated: z.boolean().optional().describe('true when total is an estimate (more than 1,000 matches)'),
  });
}
export interface Page<T> { items: T[]; total: number }

/** Validates input with a zod schema; failures become a ValidationError naming every field. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw new ValidationError(
    r.error.issues.map((i) => ({ field: i.path.length ? i.path.join('.') : '(body)', message: i.message })),
  );
}

/** The three columns of a partial date, or nulls. */
export function dateColumns(text: string | null | undefined): { text: string | null; earliest: string | null; latest: string | null } {
  if (text == null || text === '') return { text: null, earliest: null, latest: null };
  const d = partialDate(text);
  return { text: d.text, earliest: d.earliest, latest: d.latest };
}

/** zod refinement: `to` must not end before `from` starts. */
export function refineOrder(fromKey: string, toKey: string) {
  return (v: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const f = v[fromKey], t = v[toKey];
    if (typeof f !== 'string' || typeof t !== 'string') return;
    const a = parsePartialDate(f), b = parsePartialDate(t);
    if (!a.ok || !b.ok) return;
    const err = checkOrder(a.value as PartialDate, b.value as PartialDate);
    if (err) ctx.addIssue({ code: 'custom', path: [toKey], message: err });
  };
}

/** An ILIKE pattern that matches `s` literally anywhere. */
export function likePattern(s: string): string {
  return `%${s.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
}
