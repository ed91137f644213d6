/**
 * Witnesses and the protected details of detained persons.
 *
 * Identity and contact of a witness, and a detainee's family contacts and exact home address, are
 * encrypted with the workspace keyring before they reach the database (the AAD binds each value to
 * its table, column and row). Everywhere else a witness is their pseudonym ("Witness W-4F2A9C", an
 * HMAC of the id under a workspace key). Only administrators and investigators read the restricted
 * values, and every reading is recorded (`recordRestrictedView`) in the same transaction — if the
 * record cannot be written, nothing is shown. A value still under a retired key is re-encrypted under
 * the active key as it is read (lazy rotation).
 */
import { randomUUID } from 'node:crypto';
import { NotFoundError, ValidationError, type Actor as DomainActor } from '../domain';
import { audit, inTransaction, type Db } from '../db';
import { policyActor } from './actor-mapping';
import { authorize } from './errors';
import type { FieldCipher } from './field-cipher';
import type { FieldContext } from './field-crypto';
import { witnessPseudonym } from './redact';
import { recordRestrictedView, type RestrictedViewCustody } from './restricted-view';
import { readScope } from './sensitivity';
import { validate } from './validate';
import { protectedDetailRepository, witnessRepository, type ProtectedDetailRow, type WitnessRow } from './witness.repository';
import {
  protectedDetailInput, witnessInput, witnessListQuery,
  type ProtectedDetail, type Witness, type WitnessContact, type WitnessIdentity, type WitnessIdentityView,
} from './witness.schema';

const ctx = (table: string, column: string, rowId: string): FieldContext => ({ table, column, rowId });

/** A witness checked and encrypted, not yet stored (see WitnessService.seal). Holds no clear text. */
export interface SealedWitness { id: string; key: Buffer; identityEnc: string; contactEnc: string | null; sourceId: string | null }

export function toWitness(r: WitnessRow): Witness {
  return { id: r.id, pseudonym: r.pseudonym, sourceId: r.sourceId, createdAt: r.createdAt };
}

export class WitnessService {
  constructor(
    private readonly db: Db,
    private readonly cipher: FieldCipher,
    private readonly custody: () => RestrictedViewCustody | null,
  ) {}

  /** Records a witness; returns the pseudonym only. Administrators and investigators. */
  async create(actor: DomainActor, input: unknown): Promise<Witness> {
    const sealed = await this.seal(actor, input);
    return inTransaction(this.db, (tx) => this.insertSealed(actor, sealed, tx));
  }

  /**
   * Checks and encrypts a witness before any transaction opens (the keyring may need the database,
   * and PGlite has one connection); `insertSealed` then stores it inside the caller's transaction.
   */
  async seal(actor: DomainActor, input: unknown): Promise<SealedWitness> {
    authorize(actor, 'update', 'restricted_fields');
    const v = validate(witnessInput, input);
    const id = randomUUID();
    const key = await this.cipher.derivedKey('witness-pseudonym');
    const identityEnc = await this.cipher.encrypt(JSON.stringify(v.identity), ctx('witnesses', 'identity_enc', id));
    const contactEnc = v.contact ? await this.cipher.encrypt(JSON.stringify(v.contact), ctx('witnesses', 'contact_enc', id)) : null;
    return { id, key, identityEnc, contactEnc, sourceId: v.sourceId ?? null };
  }

  /** Stores a sealed witness in `tx`, linked to `sourceId` when given here (else the one it was sealed with). */
  async insertSealed(actor: DomainActor, w: SealedWitness, tx: Db, sourceId?: string): Promise<Witness> {
    const src = sourceId ?? w.sourceId;
    if (src && !(await witnessRepository.sourceExists(tx, src))) throw new ValidationError([{ field: 'sourceId', message: 'no such source' }]);
    let pseudonym = witnessPseudonym(w.id, w.key);
    for (let digits = 8; await witnessRepository.pseudonymTaken(tx, pseudonym); digits += 2) pseudonym = witnessPseudonym(w.id, w.key, digits);
    const row = await witnessRepository.insert(tx, { id: w.id, pseudonym, sourceId: src, identityEnc: w.identityEnc, contactEnc: w.contactEnc, createdBy: actor.id });
    await audit(tx, { actor: actor.id, entity: 'witness', entityId: w.id, action: 'create', diff: { after: { pseudonym, sourceId: row.sourceId } } });
    return toWitness(row);
  }

  /** Witnesses by pseudonym; never their identity. Any signed-in role, limited to witnesses whose source it may read. */
  async list(actor: DomainActor, query: unknown): Promise<{ items: Witness[]; total: number }> {
    authorize(actor, 'read', 'sources');
    const q = validate(witnessListQuery, query);
    const { items, total } = await witnessRepository.list(this.db, q, readScope(policyActor(actor)));
    return { items: items.map(toWitness), total };
  }

  async get(actor: DomainActor, id: string): Promise<Witness> {
    authorize(actor, 'read', 'sources');
    const r = await witnessRepository.get(this.db, id, readScope(policyActor(actor)));
    if (!r) throw new NotFoundError('witness', id);
    return toWitness(r);
  }

  /** The witness's identity and contact: administrators and investigators only; the view is audited and handed to the custody log. */
  async identity(actor: DomainActor, id: string): Promise<WitnessIdentityView> {
    authorize(actor, 'read', 'restricted_fields');
    await this.cipher.ring();
    return inTransaction(this.db, async (tx) => {
      const r = await witnessRepository.get(tx, id, readScope(policyActor(actor)));
      if (!r) throw new NotFoundError('witness', id);
      const identity = r.identityEnc ? await this.open<WitnessIdentity>(tx, r, 'identity_enc') : null;
      const contact = r.contactEnc ? await this.open<WitnessContact>(tx, r, 'contact_enc') : null;
      if (!identity) throw new NotFoundError('witness identity', id);
      await recordRestrictedView(tx, {
        actor: actor.id, entity: 'witness', entityId: r.id, fields: contact ? ['identity', 'contact'] : ['identity'],
        subject: r.sourceId ? { kind: 'source', id: r.sourceId } : null,
      }, this.custody());
      return { ...toWitness(r), identity, contact };
    });
  }

  /** Adds a family contact or the exact home address of a detained person (encrypted). */
  async addProtectedDetail(actor: DomainActor, personId: string, input: unknown): Promise<Omit<ProtectedDetail, 'value'>> {
    authorize(actor, 'update', 'restricted_fields');
    const v = validate(protectedDetailInput, input);
    const id = randomUUID();
    const valueEnc = await this.cipher.encrypt(v.value, ctx('protected_details', 'value_enc', id));
    return inTransaction(this.db, async (tx) => {
      if (!(await protectedDetailRepository.person(tx, personId))) throw new NotFoundError('person', personId);
      const r = await protectedDetailRepository.insert(tx, { id, personId, kind: v.kind, valueEnc, createdBy: actor.id });
      await audit(tx, { actor: actor.id, entity: 'protected_detail', entityId: id, action: 'create', diff: { after: { personId, kind: v.kind } } });
      return { id: r.id, personId, kind: v.kind, createdAt: r.createdAt };
    });
  }

  /** A detained person's protected details: administrators and investigators; each detail shown is a recorded view. */
  async protectedDetails(actor: DomainActor, personId: string): Promise<ProtectedDetail[]> {
    authorize(actor, 'read', 'restricted_fields');
    await this.cipher.ring();
    return inTransaction(this.db, async (tx) => {
      if (!(await protectedDetailRepository.person(tx, personId))) throw new NotFoundError('person', personId);
      const out: ProtectedDetail[] = [];
      for (const r of await protectedDetailRepository.ofPerson(tx, personId)) {
        out.push({ id: r.id, personId, kind: r.kind as ProtectedDetail['kind'], value: await this.openDetail(tx, r), createdAt: r.createdAt });
        await recordRestrictedView(tx, { actor: actor.id, entity: 'protected_detail', entityId: r.id, fields: [r.kind], subject: { kind: 'person', id: personId } }, this.custody());
      }
      return out;
    });
  }

  private async open<T>(tx: Db, r: WitnessRow, column: 'identity_enc' | 'contact_enc'): Promise<T> {
    const context = ctx('witnesses', column, r.id);
    const stored = column === 'identity_enc' ? r.identityEnc! : r.contactEnc!;
    const { plaintext, envelope, changed } = await this.cipher.open(stored, context);
    if (changed) await witnessRepository.updateEnvelopes(tx, r.id, column === 'identity_enc' ? { identityEnc: envelope } : { contactEnc: envelope });
    return JSON.parse(plaintext) as T;
  }

  private async openDetail(tx: Db, r: ProtectedDetailRow): Promise<string> {
    const context = ctx('protected_details', 'value_enc', r.id);
    const { plaintext, envelope, changed } = await this.cipher.open(r.valueEnc, context);
    if (changed) await protectedDetailRepository.updateEnvelope(tx, r.id, envelope);
    return plaintext;
  }
}
