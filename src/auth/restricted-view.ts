/**
 * Every view of a restricted field (witness identity and contact, detainees' family contacts and
 * home addresses) is recorded, in the transaction that reads it: no record, no view.
 *
 * `recordRestrictedView` hands the view to the custody recorder, which appends a `field.viewed`
 * entry to the evidence log, and writes the audit event naming that entry. The recorder is passed
 * in where the workspace is opened (`createAuth({ restrictedViewCustody })`, wired in
 * src/workspace/auth.ts): the auth room does not import the evidence room. A view names the fields
 * shown, never their values.
 */
import { audit, type Db } from '../db';

export interface RestrictedView {
  /** The actor's id (a user id, pseudonymous). */
  actor: string;
  entity: 'witness' | 'protected_detail';
  entityId: string;
  /** Names of the fields shown, never their values. */
  fields: readonly string[];
  /** What the view concerns: the witness's source, or the detained person. */
  subject?: { kind: 'source' | 'person'; id: string } | null;
}

/** The evidence room's half: appends a custody event for the view to the evidence log, in `tx`; returns the leaf index. */
export type RestrictedViewCustody = (tx: Db, view: RestrictedView) => Promise<{ leafIndex: number }>;

export async function recordRestrictedView(tx: Db, view: RestrictedView, custody?: RestrictedViewCustody | null): Promise<void> {
  const logged = custody ? await custody(tx, view) : null;
  await audit(tx, {
    actor: view.actor, entity: view.entity, entityId: view.entityId, action: 'view_restricted',
    diff: { fields: [...view.fields], ...(view.subject ? { subject: view.subject } : {}), ...(logged ? { leafIndex: logged.leafIndex } : {}) },
  });
}
