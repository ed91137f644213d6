import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns';

export const users = pgTable('users', {
  id: id(),
  username: text('username').notNull().unique(),
  displayName: text('display_name'),
  passwordHash: text('password_hash').notNull(),
  role: text('role').notNull(),
  totpSecretEnc: text('totp_secret_enc'),
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
  /** The TOTP secret above is confirmed (a code was entered once); until then it is a pending enrolment. */
  totpEnabled: boolean('totp_enabled').notNull().default(false),
  disabled: boolean('disabled').notNull().default(false),
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  failedCount: integer('failed_count').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'string' }),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true, mode: 'string' }),
  createdAt: createdAt(),
});

export const sessions = pgTable('sessions', {
  id: id(),
  userId: uuid('user_id').notNull().references(() => users.id),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  secondFactor: boolean('second_factor').notNull().default(false),
}, (t) => [index('sessions_user_idx').on(t.userId)]);

/** Persistent state of the login throttle, per account and per client address. */
export const throttleState = pgTable('throttle_state', {
  key: text('key').primaryKey(),
  state: jsonb('state').notNull(),
});
