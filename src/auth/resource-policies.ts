/**
 * One small policy per resource kind. Each is a function `(actor, action, resource?) → boolean`
 * built from a table action → roles; an action missing from the table is denied to everyone.
 * Labelled resources also pass the sensitivity gate (`canSee`): no role acts on what it may not see.
 */
import { roleOf, type Actor, type ActorRole } from './roles';
import { canSee, type ResourceAttributes } from './sensitivity';

/** Every action any resource knows. Which actions apply to which kind: `RESOURCE_ACTIONS` in policy.ts. */
export const ACTIONS = [
  'read', 'create', 'update', 'delete', 'publish', 'verify', 'export', 'checkpoint', 'run', 'decide', 'generate', 'assign_role', 'disable',
] as const;
export type Action = (typeof ACTIONS)[number];

export type ResourcePolicy = (actor: Actor, action: string, resource?: ResourceAttributes) => boolean;

const ADMIN = ['administrator'] as const;
const EDITORS = ['administrator', 'investigator'] as const;
const WRITERS = ['administrator', 'investigator', 'analyst'] as const;
const DECIDERS = ['administrator', 'reviewer'] as const;
const STAFF = ['administrator', 'investigator', 'analyst', 'reviewer'] as const;
const EVERYONE = [...STAFF, 'public'] as const;

type Table = Readonly<Partial<Record<Action, readonly ActorRole[]>>>;

/** A policy for a resource with a sensitivity label. `publish` needs a public resource: restricted or internal material is never published. */
export interface KindPolicy {
  actions: readonly Action[];
  allow: ResourcePolicy;
}

/** The roles the table grants an action to; none for an action it does not list (own keys only: "__proto__" grants nothing). */
function granted(table: Table, action: string): readonly ActorRole[] {
  return Object.hasOwn(table, action) ? (table[action as Action] ?? []) : [];
}

function labelled(table: Table): KindPolicy {
  return {
    actions: Object.keys(table) as Action[],
    allow: (actor, action, resource) => {
      if (!granted(table, action).includes(roleOf(actor))) return false;
      if (!canSee(actor, resource)) return false;
      if (action === 'publish' && resource !== undefined && resource.sensitivity !== 'public') return false;
      return true;
    },
  };
}

/** Witness identity and other restricted fields: always restricted, whatever the surrounding record says. */
function restricted(table: Table): KindPolicy {
  const inner = labelled(table);
  return { actions: inner.actions, allow: (actor, action, resource) => inner.allow(actor, action, { ...resource, sensitivity: 'restricted' }) };
}

/** User accounts: administrators manage them; a user may read and update their own record (not its role). */
function users(): KindPolicy {
  const table: Table = { read: ADMIN, create: ADMIN, update: ADMIN, assign_role: ADMIN, disable: ADMIN };
  const self = new Set(['read', 'update']);
  return {
    actions: Object.keys(table) as Action[],
    allow: (actor, action, resource) => {
      const role = roleOf(actor);
      if (granted(table, action).includes(role)) return true;
      return role !== 'public' && actor.kind === 'user' && self.has(action) && typeof resource?.ownerId === 'string' && resource.ownerId === actor.userId;
    },
  };
}

const registry = (extra: Table = {}) =>
  labelled({ read: EVERYONE, create: EDITORS, update: EDITORS, delete: ADMIN, publish: ADMIN, ...extra });

export const RESOURCE_POLICIES = {
  persons: registry(),
  facilities: registry(),
  sources: registry(),
  allegations: registry({ verify: DECIDERS }),
  custody: registry(),
  /** Append-only: no update or delete. `verify` checks hashes; `export` builds a bundle. */
  evidence: labelled({ read: EVERYONE, create: EDITORS, verify: STAFF, export: EDITORS, publish: ADMIN }),
  /** The Merkle log: anyone signed in reads and verifies it; published checkpoints are public; only administrators sign checkpoints. */
  log: labelled({ read: EVERYONE, verify: STAFF, checkpoint: ADMIN }),
  imports: labelled({ read: STAFF, create: EDITORS }),
  linkage: labelled({ read: STAFF, run: ['administrator', 'analyst', 'reviewer'], decide: DECIDERS }),
  statistics: labelled({ read: EVERYONE, run: ['administrator', 'analyst'], publish: ADMIN }),
  findings: labelled({ read: EVERYONE, create: WRITERS, update: WRITERS, verify: DECIDERS, delete: ADMIN, publish: ADMIN }),
  reports: labelled({ read: EVERYONE, generate: WRITERS, publish: ADMIN }),
  users: users(),
  audit: labelled({ read: ADMIN }),
  restricted_fields: restricted({ read: EDITORS, update: EDITORS }),
} as const satisfies Record<string, KindPolicy>;
