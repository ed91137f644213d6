/**
 * Sensitivity rules, shared by every resource policy:
 *
 * - public     → any signed-in role; the anonymous public only once it is published;
 * - internal   → any signed-in role;
 * - restricted → administrator and investigator only (analysts and reviewers never).
 *
 * A resource passed without a sensitivity label counts as restricted (fail closed). A check
 * without any resource (the class-level question "may this actor read persons at all?") counts
 * as an unpublished internal resource, so it never opens anything to the public.
 */
import { SENSITIVITY, type Sensitivity } from '../domain';
import { roleOf, type Actor } from './roles';

/** What a policy needs to know about one resource; all optional, loaded by the service from its row. */
export interface ResourceAttributes {
  sensitivity?: Sensitivity | null;
  published?: boolean | null;
  /** For users: the id of the user the record is about (self-service rules). */
  ownerId?: string | null;
}

const CLASS_LEVEL: ResourceAttributes = { sensitivity: 'internal', published: false };

export function effectiveSensitivity(resource: ResourceAttributes | undefined): Sensitivity {
  const label = (resource ?? CLASS_LEVEL).sensitivity;
  return typeof label === 'string' && (SENSITIVITY as readonly string[]).includes(label) ? label : 'restricted';
}

/** May this actor see a resource with these attributes at all (before any action-specific rule)? */
export function canSee(actor: Actor, resource?: ResourceAttributes): boolean {
  const role = roleOf(actor);
  const sensitivity = effectiveSensitivity(resource);
  switch (sensitivity) {
    case 'public':
      return role !== 'public' || (resource ?? CLASS_LEVEL).published === true;
    case 'internal':
      return role !== 'public';
    case 'restricted':
      return role === 'administrator' || role === 'investigator';
  }
}

/** What an actor may read, as a filter a repository can turn into SQL (`sensitivity IN (…) [AND published]`). */
export interface ReadScope {
  sensitivities: Sensitivity[];
  publishedOnly: boolean;
}

export function readScope(actor: Actor): ReadScope {
  switch (roleOf(actor)) {
    case 'administrator':
    case 'investigator':
      return { sensitivities: ['public', 'internal', 'restricted'], publishedOnly: false };
    case 'analyst':
    case 'reviewer':
      return { sensitivities: ['public', 'internal'], publishedOnly: false };
    case 'public':
      return { sensitivities: ['public'], publishedOnly: true };
  }
}
