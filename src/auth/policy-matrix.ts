/**
 * The role × resource × action matrix, computed from `can` itself, so the documentation
 * (POLICY.md) and the tests can never drift from the code. Each cell evaluates the rule on a
 * set of sample resources and names the pattern it finds.
 */
import { can, RESOURCE_ACTIONS, RESOURCE_KINDS, type Action, type ResourceKind } from './policy';
import { ACTOR_ROLES, ANONYMOUS, type Actor, type ActorRole } from './roles';
import type { ResourceAttributes } from './sensitivity';

const SELF = 'matrix-self';

export function sampleActor(role: ActorRole): Actor {
  return role === 'public' ? ANONYMOUS : { kind: 'user', userId: SELF, role };
}

const SAMPLES: ReadonlyArray<[string, ResourceAttributes | undefined]> = [
  ['class', undefined],
  ['published', { sensitivity: 'public', published: true }],
  ['public', { sensitivity: 'public', published: false }],
  ['internal', { sensitivity: 'internal' }],
  ['restricted', { sensitivity: 'restricted' }],
  ['own', { ownerId: SELF, sensitivity: 'internal' }],
];

/** Cell legend: the signature (which samples are allowed) → its name in the matrix. */
export const CELL_LEGEND: Readonly<Record<string, string>> = {
  'class published public internal restricted own': '✓',
  'class published public internal own': '✓ ¬R',
  'published': 'published',
  'class published public': 'public only',
  'own': 'own',
  '': '—',
};

export function matrixCell(role: ActorRole, action: Action, kind: ResourceKind): string {
  const actor = sampleActor(role);
  const signature = SAMPLES.filter(([, resource]) => can(actor, action, kind, resource)).map(([name]) => name).join(' ');
  return CELL_LEGEND[signature] ?? `? (${signature})`;
}

/** The matrix as a Markdown table: one row per (resource, action), one column per role. */
export function renderPolicyMatrix(): string {
  const lines = [`| resource | action | ${ACTOR_ROLES.join(' | ')} |`, `|---|---|${ACTOR_ROLES.map(() => ':-:').join('|')}|`];
  for (const kind of RESOURCE_KINDS) {
    for (const action of RESOURCE_ACTIONS[kind]) {
      lines.push(`| ${kind} | ${action} | ${ACTOR_ROLES.map((role) => matrixCell(role, action, kind)).join(' | ')} |`);
    }
  }
  return lines.join('\n');
}
