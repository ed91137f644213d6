import { sql } from 'drizzle-orm';
import { date, timestamp, uuid } from 'drizzle-orm/pg-core';

export const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);
export const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();
/** The earliest/latest calendar day a partial date allows (its canonical text sits in a text column beside). */
export const day = (name: string) => date(name, { mode: 'string' });
