/**
 * The two actor shapes of Vigil meet here. Services receive the domain `Actor` ({ id, role }, with
 * `system` for the CLI and background jobs on the operator's machine, `anonymous` for the public);
 * the policies of this room read the auth `Actor` ({ kind: 'user', userId, role } | anonymous).
 * Every translation goes through `policyActor`, so the server, the registry and the auth services
 * apply one rule: `system` acts as an administrator, anything else unknown as the public.
 */
import type { Actor as DomainActor } from '../domain';
import { ANONYMOUS, isRole, type Actor, type Role } from './roles';

export function policyActor(actor: DomainActor | null | undefined): Actor {
  if (!actor || typeof actor.id !== 'string' || actor.id === '') return ANONYMOUS;
  if (actor.role === 'system') return { kind: 'user', userId: actor.id, role: 'administrator' };
  if (isRole(actor.role)) return { kind: 'user', userId: actor.id, role: actor.role };
  return ANONYMOUS;
}

/** The domain actor of a signed-in user. */
export function userActor(user: { id: string; role: Role }): DomainActor {
  return { id: user.id, role: user.role };
}

/**
 * Who an unauthenticated request acts as in a DEMO workspace (synthetic data only): an
 * investigator, so `npm start` shows the demo registry without signing in. Never used for a real workspace.
 */
export const DEMO_VISITOR: DomainActor = Object.freeze({ id: 'demo-visitor', role: 'investigator' });

/** Roles that see restricted material must pass a second factor (TOTP) before their session acts. */
export const SECOND_FACTOR_ROLES: readonly Role[] = ['administrator', 'investigator'];

export function roleNeedsSecondFactor(role: string, workspaceKind: 'demo' | 'real'): boolean {
  return workspaceKind === 'real' && (SECOND_FACTOR_ROLES as readonly string[]).includes(role);
}
