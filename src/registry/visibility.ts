import type { Actor } from '../domain';

/** The public faces (anonymous API, public reports) see only what is published and public. */
export function isPublicActor(actor: Actor): boolean {
  return actor.role === 'anonymous';
}

/** Roles that may see restricted records (never analysts, reviewers or the public). */
export function maySeeRestricted(actor: Actor): boolean {
  return actor.role === 'administrator' || actor.role === 'investigator' || actor.role === 'system';
}

/** Sensitivity levels an actor may read. */
export function readableSensitivities(actor: Actor): string[] {
  if (isPublicActor(actor)) return ['public'];
  return maySeeRestricted(actor) ? ['public', 'internal', 'restricted'] : ['public', 'internal'];
}
