/** Errors the services raise; the server maps them to RFC 9457 problem+json and the CLI to stderr. */

export interface FieldIssue { field: string; message: string }

export class ValidationError extends Error {
  readonly status = 400;
  constructor(public readonly issues: FieldIssue[], message?: string) {
    super(message ?? issues.map((i) => `${i.field}: ${i.message}`).join('; '));
  }
}

export class NotFoundError extends Error {
  readonly status = 404;
  constructor(public readonly entity: string, public readonly id: string) {
    super(`${entity} ${id} not found`);
  }
}

export class ConflictError extends Error {
  readonly status = 409;
}

export class ForbiddenError extends Error {
  readonly status = 403;
}

export class UnauthenticatedError extends Error {
  readonly status = 401;
}
