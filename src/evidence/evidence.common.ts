// Small helpers shared by the evidence services: who may see what, and pseudonymous actor ids.
import { createHash } from 'node:crypto';
import { can, policyActor, readScope } from '../auth';
import { ForbiddenError, NotFoundError, type Actor } from '../domain';
import { OPAQUE_ID } from './log/index';
import type { EvidenceItem } from './evidence.schema';

/**
 * Sensitivity levels an actor may read: the auth room's read scope. Evidence items are never
 * published as such, so a scope limited to published material (the anonymous public) reads none.
 */
export function readableSensitivities(actor: Actor): string[] {
  const scope = readScope(policyActor(actor));
  return scope.publishedOnly ? [] : scope.sensitivities;
}

/** Throws NotFound for items the actor may not see (their existence is not revealed either). */
export function assertVisible(actor: Actor, item: EvidenceItem | null, id: string): EvidenceItem {
  if (!item || !readableSensitivities(actor).includes(item.sensitivity)) throw new NotFoundError('evidence', id);
  return item;
}

/** The evidence policy of the auth room decides who adds evidence. */
export function assertMayWrite(actor: Actor): void {
  if (!can(policyActor(actor), 'create', 'evidence')) throw new ForbiddenError(`your role (${actor.role}) may not add evidence`);
}

/**
 * The actor as it appears in the public log: the id itself when it is an opaque id (user UUIDs,
 * `system`, `local-operator`), otherwise a hash of it, so a name or e-mail never enters a leaf.
 */
export function actorPseudonym(actorId: string): string {
  return OPAQUE_ID.test(actorId) && !actorId.includes('@') ? actorId : `h:${createHash('sha256').update(actorId).digest('hex').slice(0, 32)}`;
}

export class UnsupportedMediaError extends Error {
  override name = 'UnsupportedMediaError';
  readonly status = 415;
  /** For the server's problem+json mapping. */
  readonly statusCode = 415;
  readonly code = 'Unsupported media type';
}
