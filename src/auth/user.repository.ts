import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { schema, type Db } from '../db';

const { users, sessions } = schema;
export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;
export type SessionRow = typeof sessions.$inferSelect;

export const userRepository = {
  async insert(db: Db, row: NewUserRow): Promise<UserRow> {
    const [r] = await db.insert(users).values(row).returning();
    return r;
  },
  async update(db: Db, id: string, patch: Partial<NewUserRow>): Promise<UserRow | undefined> {
    const [r] = await db.update(users).set(patch).where(eq(users.id, id)).returning();
    return r;
  },
  async get(db: Db, id: string): Promise<UserRow | undefined> {
    const [r] = await db.select().from(users).where(eq(users.id, id));
    return r;
  },
  /** By user name (stored lower-case). */
  async byUsername(db: Db, username: string): Promise<UserRow | undefined> {
    const [r] = await db.select().from(users).where(eq(users.username, username.toLowerCase()));
    return r;
  },
  /** Locks the row for the rest of the transaction. */
  async getForUpdate(db: Db, id: string): Promise<UserRow | undefined> {
    const [r] = await db.select().from(users).where(eq(users.id, id)).for('update');
    return r;
  },
  async list(db: Db): Promise<UserRow[]> {
    return db.select().from(users).orderBy(asc(users.username));
  },
  async countActive(db: Db, role: string): Promise<number> {
    const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(users).where(and(eq(users.role, role), eq(users.disabled, false)));
    return Number(r.n);
  },
};

export const sessionRepository = {
  async insert(db: Db, row: typeof sessions.$inferInsert): Promise<SessionRow> {
    const [r] = await db.insert(sessions).values(row).returning();
    return r;
  },
  async byTokenHash(db: Db, tokenHash: string): Promise<{ session: SessionRow; user: UserRow } | undefined> {
    const [r] = await db.select({ session: sessions, user: users }).from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(eq(sessions.tokenHash, tokenHash));
    return r;
  },
  async get(db: Db, id: string): Promise<SessionRow | undefined> {
    const [r] = await db.select().from(sessions).where(eq(sessions.id, id));
    return r;
  },
  async touch(db: Db, id: string, at: string): Promise<void> {
    await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
  },
  async delete(db: Db, id: string): Promise<void> {
    await db.delete(sessions).where(eq(sessions.id, id));
  },
  async deleteByTokenHash(db: Db, tokenHash: string): Promise<SessionRow | undefined> {
    const [r] = await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).returning();
    return r;
  },
  /** Ends every session of a user, or every one but `exceptId`. */
  async deleteForUser(db: Db, userId: string, exceptId?: string): Promise<number> {
    const r = await db.delete(sessions).where(exceptId ? and(eq(sessions.userId, userId), ne(sessions.id, exceptId)) : eq(sessions.userId, userId)).returning({ id: sessions.id });
    return r.length;
  },
  async deleteExpired(db: Db, before: string): Promise<void> {
    await db.delete(sessions).where(sql`${sessions.expiresAt} < ${before}::timestamptz`);
  },
};
