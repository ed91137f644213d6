import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db';
import { INITIAL_THROTTLE_STATE, parseThrottleState, type ThrottleState } from './throttle';

/** Throttle states by key (`account:…`, `ip:…`, keyed hashes: no user names or addresses in clear), locked for the transaction. */
export const throttleRepository = {
  /** Loads the states of these keys and locks their rows until the transaction ends, so parallel attempts queue. */
  async lock(tx: Db, keys: string[], now: number): Promise<Map<string, ThrottleState>> {
    for (const key of keys) {
      await tx.execute(sql`insert into throttle_state (key, state) values (${key}, ${JSON.stringify(INITIAL_THROTTLE_STATE)}::jsonb) on conflict (key) do nothing`);
    }
    const rows = await queryRows<{ key: string; state: unknown }>(tx, sql`select key, state from throttle_state where key in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)}) order by key for update`);
    const out = new Map<string, ThrottleState>();
    for (const key of keys) {
      const raw = rows.find((r) => r.key === key)?.state;
      const parsed = parseThrottleState(typeof raw === 'string' ? JSON.parse(raw) : raw);
      // A corrupted state fails closed: treat the key as locked for an hour.
      out.set(key, parsed ?? { failures: 0, lastFailureAt: now, lockedUntil: now + 3_600_000, lockouts: 1 });
    }
    return out;
  },
  async save(tx: Db, key: string, state: ThrottleState): Promise<void> {
    await tx.execute(sql`update throttle_state set state = ${JSON.stringify(state)}::jsonb where key = ${key}`);
  },
  /** Forgets states with no lock and no failure since `before` (ms): they would count nothing any more. */
  async prune(tx: Db, now: number, before: number): Promise<void> {
    await tx.execute(sql`delete from throttle_state
      where coalesce((state->>'lockedUntil')::float8, 0) < ${now} and coalesce((state->>'lastFailureAt')::float8, 0) < ${before}`);
  },
};
