import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { SENSITIVITY } from '../domain';
import { AccessDeniedError, ACTIONS, allowedActions, assertCan, can, RESOURCE_ACTIONS, RESOURCE_KINDS, type Action, type ResourceKind } from './policy';
import { renderPolicyMatrix, sampleActor } from './policy-matrix';
import { ACTOR_ROLES, actorFromUser, ANONYMOUS, roleOf, ROLES, type Actor } from './roles';
import { canSee, readScope, type ResourceAttributes } from './sensitivity';

const actors = ACTOR_ROLES.map(sampleActor);
const RESOURCES: Array<ResourceAttributes | undefined> = [
  undefined,
  {},
  { sensitivity: 'public', published: true },
  { sensitivity: 'public', published: false },
  { sensitivity: 'internal', published: true },
  { sensitivity: 'restricted', published: true },
  { ownerId: 'matrix-self' },
];
const resourceArb: fc.Arbitrary<ResourceAttributes | undefined> = fc.option(
  fc.record(
    {
      sensitivity: fc.option(fc.constantFrom(...SENSITIVITY, 'secret' as never), { nil: undefined }),
      published: fc.option(fc.boolean(), { nil: undefined }),
      ownerId: fc.option(fc.constantFrom('matrix-self', 'someone-else', ''), { nil: undefined }),
    },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);

describe('default deny', () => {
  const unknownKinds = ['', 'Persons', 'person', 'witnesses', 'secrets', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '*'];
  const unknownActions = ['', 'READ', 'write', 'admin', 'manage', '*', '__proto__', 'constructor', 'toString', 'valueOf'];

  it('denies unknown resource kinds to every role, for every action and resource', () => {
    for (const actor of actors) for (const kind of unknownKinds) for (const action of [...ACTIONS, ...unknownActions]) for (const resource of RESOURCES) {
      expect(can(actor, action as Action, kind as ResourceKind, resource), `${roleOf(actor)} ${action} ${kind}`).toBe(false);
    }
  });

  it('denies unknown actions on every resource kind to every role', () => {
    for (const actor of actors) for (const kind of RESOURCE_KINDS) for (const action of unknownActions) for (const resource of RESOURCES) {
      expect(can(actor, action as Action, kind, resource), `${roleOf(actor)} ${action} ${kind}`).toBe(false);
    }
  });

  it('denies known actions that a kind does not list (e.g. deleting evidence, editing the log)', () => {
    for (const kind of RESOURCE_KINDS) {
      const foreign = ACTIONS.filter((a) => !RESOURCE_ACTIONS[kind].includes(a));
      for (const actor of actors) for (const action of foreign) for (const resource of RESOURCES) expect(can(actor, action, kind, resource)).toBe(false);
    }
    expect(RESOURCE_ACTIONS.evidence).not.toContain('delete');
    expect(RESOURCE_ACTIONS.evidence).not.toContain('update');
    expect(RESOURCE_ACTIONS.log).not.toContain('update');
  });

  it('treats malformed actors as the public', () => {
    const forged = [
      { kind: 'user', userId: 'u1', role: 'superuser' },
      { kind: 'user', userId: 'u1', role: 'public' },
      { kind: 'user', userId: '', role: 'administrator' },
      { kind: 'user', role: 'administrator' },
      { kind: 'admin', userId: 'u1', role: 'administrator' },
      null,
      undefined,
      {},
    ] as unknown as Actor[];
    for (const actor of forged) {
      expect(roleOf(actor)).toBe('public');
      expect(can(actor, 'read', 'audit')).toBe(false);
      expect(can(actor, 'read', 'persons', { sensitivity: 'internal' })).toBe(false);
      expect(can(actor, 'read', 'persons', { sensitivity: 'public', published: true })).toBe(true);
    }
  });

  it('treats a resource without a sensitivity label as restricted (fail closed)', () => {
    const [admin, investigator, analyst, reviewer, anonymous] = actors;
    for (const resource of [{}, { sensitivity: null }, { sensitivity: 'secret' as never }]) {
      expect(can(admin, 'read', 'persons', resource)).toBe(true);
      expect(can(investigator, 'read', 'persons', resource)).toBe(true);
      expect(can(analyst, 'read', 'persons', resource)).toBe(false);
      expect(can(reviewer, 'read', 'persons', resource)).toBe(false);
      expect(can(anonymous, 'read', 'persons', { ...resource, published: true })).toBe(false);
    }
  });

  it('the class-level question never opens anything to the public', () => {
    for (const kind of RESOURCE_KINDS) for (const action of RESOURCE_ACTIONS[kind]) expect(can(ANONYMOUS, action, kind)).toBe(false);
  });
});

describe('sensitivity', () => {
  it('the anonymous public reads published public material only, and does nothing else', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RESOURCE_KINDS), fc.constantFrom(...ACTIONS), resourceArb, (kind, action, resource) => {
        if (can(ANONYMOUS, action, kind, resource)) {
          expect(action).toBe('read');
          expect(resource?.sensitivity).toBe('public');
          expect(resource?.published).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('the anonymous public never reads anything restricted, published or not', () => {
    for (const kind of RESOURCE_KINDS) for (const action of RESOURCE_ACTIONS[kind]) for (const published of [true, false, undefined]) {
      expect(can(ANONYMOUS, action, kind, { sensitivity: 'restricted', published })).toBe(false);
    }
  });

  it('analysts and reviewers never act on restricted material or restricted fields', () => {
    for (const role of ['analyst', 'reviewer'] as const) {
      const actor = sampleActor(role);
      for (const kind of RESOURCE_KINDS) for (const action of RESOURCE_ACTIONS[kind]) {
        expect(can(actor, action, kind, { sensitivity: 'restricted' }), `${role} ${action} ${kind}`).toBe(false);
      }
      expect(allowedActions(actor, 'restricted_fields')).toEqual([]);
      expect(allowedActions(actor, 'restricted_fields', { sensitivity: 'public', published: true })).toEqual([]);
    }
  });

  it('administrators and investigators read restricted material and witness identity', () => {
    for (const role of ['administrator', 'investigator'] as const) {
      const actor = sampleActor(role);
      expect(can(actor, 'read', 'persons', { sensitivity: 'restricted' })).toBe(true);
      expect(can(actor, 'read', 'restricted_fields')).toBe(true);
      expect(can(actor, 'update', 'restricted_fields', { sensitivity: 'public' })).toBe(true);
    }
  });

  it('internal material is for any signed-in role', () => {
    for (const role of ROLES) expect(can(sampleActor(role), 'read', 'findings', { sensitivity: 'internal' })).toBe(true);
    expect(can(ANONYMOUS, 'read', 'findings', { sensitivity: 'internal', published: true })).toBe(false);
  });

  it('readScope (the SQL filter) agrees with canSee for every actor and resource', () => {
    fc.assert(
      fc.property(fc.constantFrom(...actors), fc.constantFrom(...SENSITIVITY), fc.boolean(), (actor, sensitivity, published) => {
        const scope = readScope(actor);
        const inScope = scope.sensitivities.includes(sensitivity) && (!scope.publishedOnly || published);
        expect(inScope).toBe(canSee(actor, { sensitivity, published }));
      }),
    );
  });

  it('only public resources can be published', () => {
    const admin = sampleActor('administrator');
    expect(can(admin, 'publish', 'findings', { sensitivity: 'public' })).toBe(true);
    expect(can(admin, 'publish', 'findings', { sensitivity: 'internal' })).toBe(false);
    expect(can(admin, 'publish', 'findings', { sensitivity: 'restricted' })).toBe(false);
  });
});

describe('role rules', () => {
  it('separates recording from verification: investigators record, reviewers decide', () => {
    const investigator = sampleActor('investigator');
    const reviewer = sampleActor('reviewer');
    const internal = { sensitivity: 'internal' as const };
    expect(can(investigator, 'create', 'allegations', internal)).toBe(true);
    expect(can(investigator, 'verify', 'allegations', internal)).toBe(false);
    expect(can(reviewer, 'verify', 'allegations', internal)).toBe(true);
    expect(can(reviewer, 'update', 'allegations', internal)).toBe(false);
    expect(can(reviewer, 'decide', 'linkage', internal)).toBe(true);
    expect(can(sampleActor('analyst'), 'decide', 'linkage', internal)).toBe(false);
    expect(can(sampleActor('analyst'), 'run', 'statistics')).toBe(true);
    expect(can(sampleActor('analyst'), 'generate', 'reports', internal)).toBe(true);
    expect(can(sampleActor('analyst'), 'update', 'persons', internal)).toBe(false);
  });

  it('users read and update their own account but never assign roles; only administrators see the audit log', () => {
    const analyst: Actor = { kind: 'user', userId: 'u-7', role: 'analyst' };
    expect(can(analyst, 'read', 'users', { ownerId: 'u-7' })).toBe(true);
    expect(can(analyst, 'update', 'users', { ownerId: 'u-7' })).toBe(true);
    expect(can(analyst, 'assign_role', 'users', { ownerId: 'u-7' })).toBe(false);
    expect(can(analyst, 'disable', 'users', { ownerId: 'u-7' })).toBe(false);
    expect(can(analyst, 'read', 'users', { ownerId: 'u-8' })).toBe(false);
    expect(can(analyst, 'read', 'users')).toBe(false);
    expect(can(ANONYMOUS, 'read', 'users', { ownerId: '' })).toBe(false);
    expect(ROLES.filter((role) => can(sampleActor(role), 'read', 'audit'))).toEqual(['administrator']);
  });

  it('assertCan throws AccessDeniedError, allowedActions lists what can', () => {
    expect(() => assertCan(ANONYMOUS, 'read', 'audit')).toThrow(AccessDeniedError);
    expect(() => assertCan(sampleActor('administrator'), 'read', 'audit')).not.toThrow();
    expect(allowedActions(sampleActor('reviewer'), 'allegations', { sensitivity: 'internal' })).toEqual(['read', 'verify']);
    expect(allowedActions(ANONYMOUS, 'nope' as ResourceKind)).toEqual([]);
  });

  it('actorFromUser turns disabled users and unknown roles into the public', () => {
    expect(actorFromUser({ id: 'u1', role: 'analyst' })).toEqual({ kind: 'user', userId: 'u1', role: 'analyst' });
    expect(actorFromUser({ id: 'u1', role: 'analyst', disabled: true })).toBe(ANONYMOUS);
    expect(actorFromUser({ id: 'u1', role: 'root' })).toBe(ANONYMOUS);
    expect(actorFromUser({ id: '', role: 'administrator' })).toBe(ANONYMOUS);
  });
});

describe('POLICY.md', () => {
  it('documents exactly the matrix that can() computes', () => {
    const doc = readFileSync(new URL('./POLICY.md', import.meta.url), 'utf8');
    const block = /<!-- matrix:start -->\n([\s\S]*?)\n<!-- matrix:end -->/.exec(doc);
    expect(block, 'POLICY.md needs a matrix block').not.toBeNull();
    expect(block![1]).toBe(renderPolicyMatrix());
    expect(renderPolicyMatrix()).not.toContain('?'); // every cell has a legend entry
  });
});
