/**
 * Who acts. Four roles for signed-in users and the anonymous public:
 *
 * - administrator — everything, including users, audit, publication and key-bound operations;
 * - investigator  — records and edits registry material, sees restricted fields (witness identity);
 * - analyst       — reads, runs statistics, writes findings and reports; never sees restricted material;
 * - reviewer      — reads; decides record linkage and verification; never sees restricted material;
 * - public        — anonymous; reads published public material only.
 *
 * An Actor is built by the session service from the row it loaded; anything that does not parse
 * as one of these (unknown role, disabled user) must become ANONYMOUS, never a guess.
 */

export const ROLES = ['administrator', 'investigator', 'analyst', 'reviewer'] as const;
export type Role = (typeof ROLES)[number];

/** The pseudo-role of an actor who is not signed in. */
export const PUBLIC_ROLE = 'public';
/** Every role an actor can have, signed in or not: the rows of the policy matrix. */
export const ACTOR_ROLES = [...ROLES, PUBLIC_ROLE] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

export type Actor =
  | { kind: 'user'; userId: string; role: Role }
  | { kind: 'anonymous' };

export const ANONYMOUS: Actor = Object.freeze({ kind: 'anonymous' });

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Builds an actor from a user row; a disabled user or an unknown role yields ANONYMOUS. */
export function actorFromUser(user: { id: string; role: string; disabled?: boolean | null }): Actor {
  if (user.disabled || !isRole(user.role) || user.id === '') return ANONYMOUS;
  return { kind: 'user', userId: user.id, role: user.role };
}

/** The role of an actor, re-checked at run time: a forged or corrupted actor object counts as public. */
export function roleOf(actor: Actor | null | undefined): ActorRole {
  if (actor && actor.kind === 'user' && isRole(actor.role) && typeof actor.userId === 'string' && actor.userId !== '') return actor.role;
  return PUBLIC_ROLE;
}

export function isSignedIn(actor: Actor | null | undefined): actor is Extract<Actor, { kind: 'user' }> {
  return roleOf(actor) !== PUBLIC_ROLE;
}
