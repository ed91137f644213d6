/**
 * Access control entry point: `can(actor, action, resourceKind, resource?)`.
 * Default deny: an unknown resource kind, an action the kind does not list, an actor that is not
 * a well-formed signed-in user (treated as public) — all answer false. The matrix is in POLICY.md.
 *
 * Without `resource`, `can` answers the class-level question ("may an analyst read persons?"),
 * evaluated as for an unpublished internal resource; the service then filters rows with
 * `readScope(actor)` or checks each row with its attributes.
 */
import { type Actor } from './roles';
import { ACTIONS, RESOURCE_POLICIES, type Action } from './resource-policies';
import type { ResourceAttributes } from './sensitivity';

export { ACTIONS, type Action } from './resource-policies';

export type ResourceKind = keyof typeof RESOURCE_POLICIES;
export const RESOURCE_KINDS = Object.keys(RESOURCE_POLICIES) as ResourceKind[];

/** The actions each resource kind knows; any other action on that kind is denied to everyone. */
export const RESOURCE_ACTIONS: Readonly<Record<ResourceKind, readonly Action[]>> = Object.fromEntries(
  RESOURCE_KINDS.map((kind) => [kind, RESOURCE_POLICIES[kind].actions]),
) as Record<ResourceKind, readonly Action[]>;

export function isResourceKind(value: unknown): value is ResourceKind {
  return typeof value === 'string' && Object.hasOwn(RESOURCE_POLICIES, value);
}

export function isAction(value: unknown): value is Action {
  return typeof value === 'string' && (ACTIONS as readonly string[]).includes(value);
}

/** May `actor` perform `action` on `resource` (or, without it, on resources of this kind)? */
export function can(actor: Actor, action: Action, resourceKind: ResourceKind, resource?: ResourceAttributes): boolean {
  if (!isResourceKind(resourceKind) || !isAction(action)) return false;
  try {
    return RESOURCE_POLICIES[resourceKind].allow(actor, action, resource) === true;
  } catch {
    return false; // a malformed actor or resource never grants access
  }
}

/** The actions `actor` may perform on this kind (and resource), e.g. to show or hide buttons. */
export function allowedActions(actor: Actor, resourceKind: ResourceKind, resource?: ResourceAttributes): Action[] {
  if (!isResourceKind(resourceKind)) return [];
  return RESOURCE_ACTIONS[resourceKind].filter((action) => can(actor, action, resourceKind, resource));
}

export class AccessDeniedError extends Error {
  override name = 'AccessDeniedError';
  constructor(readonly action: string, readonly resourceKind: string) {
    super(`not allowed to ${action} ${resourceKind}`);
  }
}

/** `can`, or throw AccessDeniedError (for services; the server maps it to 403, or 404 to hide existence). */
export function assertCan(actor: Actor, action: Action, resourceKind: ResourceKind, resource?: ResourceAttributes): void {
  if (!can(actor, action, resourceKind, resource)) throw new AccessDeniedError(action, resourceKind);
}
