import { can, policyActor, readScope, roleOf, type ResourceKind } from '../auth';
import { ForbiddenError, type Actor } from '../domain';

/*
 * Who reads what: the auth room's rules (`readScope`), applied to the domain actor, so the
 * registry, the findings and the statistics filter exactly as the policies decide. An actor that is
 * not a well-formed signed-in user (unknown role, malformed object) is the public.
 */

/** The public faces (anonymous API, public reports) see only what is published and public. */
export function isPublicActor(actor: Actor): boolean {
  return roleOf(policyActor(actor)) === 'public';
}

/** Roles that may see restricted records: administrators (and the system) and investigators; never analysts, reviewers or the public. */
export function maySeeRestricted(actor: Actor): boolean {
  return readScope(policyActor(actor)).sensitivities.includes('restricted');
}

/** Sensitivity levels an actor may read. */
export function readableSensitivities(actor: Actor): string[] {
  return readScope(policyActor(actor)).sensitivities;
}

/** Publication is an administrator's act: refuses to set `published` (on create, or a change to true) for anyone else. */
export function assertMayPublish(actor: Actor, kind: ResourceKind, before: { published: boolean } | null, after: { published?: boolean | null }): void {
  if (after.published !== true || before?.published === true) return;
  if (!can(policyActor(actor), 'publish', kind)) throw new ForbiddenError(`your role (${actor.role}) may not publish ${kind}`);
}
