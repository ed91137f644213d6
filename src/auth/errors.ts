import { ForbiddenError, UnauthenticatedError, type Actor as DomainActor } from '../domain';
import { policyActor } from './actor-mapping';
import { can, type Action, type ResourceKind } from './policy';
import type { ResourceAttributes } from './sensitivity';

/** Too many attempts: answered 429 with Retry-After. Carries no hint whether the account exists. */
export class ThrottledError extends Error {
  readonly statusCode = 429;
  readonly code = 'Too many attempts';
  readonly retryAfterSeconds: number;
  constructor(readonly retryAt: number, now: number, readonly reason: 'locked' | 'delayed') {
    super(reason === 'locked'
      ? 'too many failed sign-ins: sign-in is locked for a while; try again later or ask an administrator'
      : 'too many failed sign-ins: wait a moment before trying again');
    this.retryAfterSeconds = Math.max(1, Math.ceil((retryAt - now) / 1000));
  }
}

/** The one answer to every failed sign-in (unknown user, wrong password, wrong code, disabled account). */
export class SignInFailedError extends UnauthenticatedError {
  constructor() {
    super('the user name, password or code is not correct');
  }
}

/** `can` for a domain actor, or a ForbiddenError (403) naming what was refused. */
export function authorize(actor: DomainActor, action: Action, kind: ResourceKind, resource?: ResourceAttributes): void {
  if (!can(policyActor(actor), action, kind, resource)) {
    throw new ForbiddenError(`your role (${actor.role}) may not ${action} ${kind}`);
  }
}
