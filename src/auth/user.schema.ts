import { z } from 'zod';
import { ROLES } from './roles';

/** User names: lower-case letters, digits, ".", "_" and "-", 2–63 characters, starting with a letter or digit. */
export const username = z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9._-]{1,62}$/, 'use 2–63 characters: letters, digits, ".", "_" or "-", starting with a letter or digit');
export const role = z.enum(ROLES);
/** Passwords are checked by the password policy (length, common words); the schema only bounds the request. */
const password = z.string().min(1).max(1024);
const code = z.string().trim().min(1).max(20);

export const userCreateInput = z.object({
  username,
  password,
  role,
  displayName: z.string().trim().max(200).nullish(),
});
export type UserCreateInput = z.input<typeof userCreateInput>;

export const loginInput = z.object({
  username: z.string().max(200),
  password: z.string().max(1024),
  totp: code.optional(),
});
export type LoginInput = z.input<typeof loginInput>;

export const passwordChangeInput = z.object({ currentPassword: z.string().max(1024), newPassword: password });
export const totpCodeInput = z.object({ code });
export const roleInput = z.object({ role });

/** What the API and CLI show of a user: never the hash, the TOTP secret or lock-out internals. */
export const publicUser = z.object({
  id: z.uuid(),
  username: z.string(),
  role: z.string(),
  displayName: z.string().nullable(),
});
export type PublicUser = z.infer<typeof publicUser>;

export const userSummary = publicUser.extend({
  disabled: z.boolean(),
  totpEnabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
});
export type UserSummary = z.infer<typeof userSummary>;
