/**
 * Records a testimony in one transaction: the testimony source, the witness's encrypted identity
 * (when given), the witness's person record under a pseudonym, custody episodes, fellow detainees,
 * and allegations with victims and perpetrators resolved from their refs. Any error leaves nothing
 * behind; each part writes its own audit event through the registry and auth services.
 */
import { inTransaction, type Db } from '../db';
import { ValidationError, type Actor } from '../domain';
import { validate, type Registry } from '../registry';
import { testimonyInput, type TestimonyResult } from './testimony.schema';

/** The witness register of the auth room, as this service needs it: encrypt first, store inside the transaction. */
export interface WitnessRegister<S = unknown> {
  seal(actor: Actor, input: unknown): Promise<S>;
  insertSealed(actor: Actor, sealed: S, tx: Db, sourceId: string): Promise<{ id: string; pseudonym: string }>;
}

export class TestimonyService {
  constructor(private readonly db: Db, private readonly registry: Registry, private readonly witnesses: WitnessRegister) {}

  async record(actor: Actor, input: unknown): Promise<TestimonyResult> {
    const v = validate(testimonyInput, input);
    checkTestimony(v);
    const reg = this.registry;
    const fullName = v.witness.identity?.fullName;
    // Encrypted before the transaction opens (the keyring may read the database).
    const sealed = fullName ? await this.witnesses.seal(actor, {
      identity: { fullName, birth: v.witness.identity?.birth ?? null, notes: `Interview code: ${v.witness.pseudonym}` },
      contact: v.witness.contact ? { notes: v.witness.contact } : null,
    }) : null;
    return inTransaction(this.db, async (tx) => {
      const pseudonym = v.witness.pseudonym;
      const obtained = v.interview.obtained ?? null;
      const source = await reg.sources.create(actor, {
        kind: 'testimony', title: `Testimony of ${pseudonym}${obtained ? ` (${obtained})` : ''}`, obtained,
        language: v.interview.language ?? null, reliability: v.interview.reliability, sensitivity: 'internal', notes: v.interview.notes ?? null,
      }, tx);
      const registered = sealed ? await this.witnesses.insertSealed(actor, sealed, tx, source.id) : null;
      const witness = await reg.persons.addRecord(actor, { sourceId: source.id, fullName: pseudonym, status: v.witness.status, recordKey: 'witness', sensitivity: 'internal' }, tx);
      const records: Record<string, string> = { witness: witness.id };
      let episodes = 0;
      for (const p of v.custody) {
        await reg.custody.create(actor, { personRecordId: witness.id, facilityId: p.facilityId, sourceId: source.id, from: p.from ?? null, to: p.to ?? null, notes: p.notes ?? null }, tx);
        episodes++;
      }
      for (const f of v.fellowDetainees) {
        const rec = await reg.persons.addRecord(actor, {
          sourceId: source.id, personId: f.personId ?? null, fullName: f.name, status: 'seen_in_custody', statusDate: f.to ?? f.from ?? null, recordKey: f.ref,
        }, tx);
        records[f.ref] = rec.id;
        if (f.facilityId) {
          await reg.custody.create(actor, { personRecordId: rec.id, facilityId: f.facilityId, sourceId: source.id, from: f.from ?? null, to: f.to ?? null }, tx);
          episodes++;
        }
      }
      const perpetrators = new Map(v.perpetrators.map(({ ref, ...p }) => [ref, p]));
      const allegationIds: string[] = [];
      for (const a of v.allegations) {
        const created = await reg.allegations.create(actor, {
          typeCode: a.typeCode, when: a.when ?? null, facilityId: a.facilityId ?? null, place: a.place ?? null, narrative: a.narrative ?? null,
          credibility: a.credibility, sourceId: source.id,
          victims: a.victims.map((r) => ({ personRecordId: records[r] })), perpetrators: a.perpetrators.map((r) => perpetrators.get(r)!),
        }, tx);
        allegationIds.push(created.id);
      }
      return {
        sourceId: source.id, witnessRecordId: witness.id, witnessPersonId: witness.personId, pseudonym: registered?.pseudonym ?? pseudonym,
        witnessId: registered?.id ?? null, records, custodyEpisodes: episodes, allegationIds,
      };
    });
  }
}

/**
 * What the schema alone cannot say, each error naming its field: every ref an allegation names exists,
 * fellow detainees' refs are unique, and identity details or a contact come with the real name (the
 * witness register holds them under it; without it they would be dropped).
 */
function checkTestimony(v: ReturnType<typeof testimonyInput.parse>): void {
  const errors: { field: string; message: string }[] = [];
  if (!v.witness.identity?.fullName && (v.witness.identity?.birth || v.witness.contact)) {
    errors.push({ field: 'witness.identity.fullName', message: 'the real name is needed to store the birth date or contact in the witness register' });
  }
  const people = new Set(['witness']);
  v.fellowDetainees.forEach((f, i) => {
    if (people.has(f.ref)) errors.push({ field: `fellowDetainees.${i}.ref`, message: `"${f.ref}" is used twice (or is "witness")` });
    people.add(f.ref);
  });
  const perps = new Set(v.perpetrators.map((p) => p.ref));
  v.allegations.forEach((a, i) => {
    a.victims.forEach((r, j) => { if (!people.has(r)) errors.push({ field: `allegations.${i}.victims.${j}`, message: `no witness or fellow detainee with ref "${r}"` }); });
    a.perpetrators.forEach((r, j) => { if (!perps.has(r)) errors.push({ field: `allegations.${i}.perpetrators.${j}`, message: `no perpetrator with ref "${r}"` }); });
  });
  if (errors.length) throw new ValidationError(errors);
}
