/**
 * API tests that try each role without signing in: the server's `resolveActor` reads the role from a
 * test header (sign-in itself is tested in test/server/auth.test.ts). Unknown or missing roles fall
 * back to `fallback`; the actor id is `test-<role>`.
 */
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../src/domain';

const SIGNED_IN = ['administrator', 'investigator', 'analyst', 'reviewer'];
type TestRole = 'administrator' | 'investigator' | 'analyst' | 'reviewer' | 'anonymous';

export function roleFromHeader(fallback: TestRole = 'anonymous'): (req: FastifyRequest) => Promise<Actor> {
  return async (req) => {
    const header = req.headers['x-test-role'];
    const role = typeof header === 'string' && (SIGNED_IN.includes(header) || header === 'anonymous') ? header : fallback;
    return role === 'anonymous' ? { id: 'anonymous', role: 'anonymous' } : { id: `test-${role}`, role: role as Actor['role'] };
  };
}

/** The header that makes the request act as `role`. */
export const as = (role: TestRole) => ({ 'x-test-role': role });
