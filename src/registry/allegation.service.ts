import { eq } from 'drizzle-orm';
import type { Actor } from '../domain';
import { NotFoundError, ValidationError } from '../domain';
import { audit, inTransaction, schema, withTx, type Db } from '../db';
import { allegationRepository, type AllegationRow } from './allegation.repository';
import { allegationInput, allegationListQuery, allegationUpdate, type Allegation } from './allegation.schema';
import { dateColumns, validate, type Page } from './common.schema';
import { assertMayPublish, isPublicActor, readableSensitivities } from './visibility';

type Parties = Awaited<ReturnType<typeof allegationRepository.partiesOf>>;

function toAllegation(a: AllegationRow, parties: Parties, extra: Partial<Allegation> = {}): Allegation {
  return {
    id: a.id, typeCode: a.typeCode, when: a.when, facilityId: a.facilityId, place: a.place, narrative: a.narrative,
    sourceId: a.sourceId, credibility: a.credibility, status: a.status, sensitivity: a.sensitivity, published: a.published,
    victims: parties.victims.filter((v) => v.allegationId === a.id).map((v) => ({ personId: v.personId, personRecordId: v.personRecordId })),
    perpetrators: parties.perpetrators.filter((p) => p.allegationId === a.id).map((p) => ({ kind: p.kind, name: p.name, notes: p.notes })),
    createdAt: a.createdAt, ...extra,
  };
}

async function checkRefs(db: Db, v: { typeCode?: string; facilityId?: string | null; sourceId?: string; victims?: { personId?: string | null; personRecordId?: string | null }[] }) {
  const issues: { field: string; message: string }[] = [];
  if (v.typeCode !== undefined && !(await allegationRepository.typeExists(db, v.typeCode))) issues.push({ field: 'typeCode', message: `unknown allegation type "${v.typeCode}"` });
  const exists = async (table: typeof schema.facilities | typeof schema.sources | typeof schema.persons | typeof schema.personRecords, id: string) =>
    (await db.select({ id: table.id }).from(table).where(eq(table.id, id))).length > 0;
  if (v.facilityId && !(await exists(schema.facilities, v.facilityId))) issues.push({ field: 'facilityId', message: 'no such facility' });
  if (v.sourceId && !(await exists(schema.sources, v.sourceId))) issues.push({ field: 'sourceId', message: 'no such source' });
  for (const [i, victim] of (v.victims ?? []).entries()) {
    if (victim.personId && !(await exists(schema.persons, victim.personId))) issues.push({ field: `victims.${i}.personId`, message: 'no such person' });
    if (victim.personRecordId && !(await exists(schema.personRecords, victim.personRecordId))) issues.push({ field: `victims.${i}.personRecordId`, message: 'no such person record' });
  }
  if (issues.length) throw new ValidationError(issues);
}

export class AllegationService {
  constructor(private readonly db: Db) {}

  types() {
    return allegationRepository.types(this.db);
  }

  async create(actor: Actor, input: unknown, tx?: Db): Promise<Allegation> {
    const v = validate(allegationInput, input);
    assertMayPublish(actor, 'allegations', null, v);
    const run = async (db: Db) => {
      await checkRefs(db, v);
      const w = dateColumns(v.when);
      const { victims, perpetrators, when: _w, ...rest } = v;
      const row = await allegationRepository.insert(db, { ...rest, when: w.text, whenEarliest: w.earliest, whenLatest: w.latest, createdBy: actor.id });
      await allegationRepository.setVictims(db, row.id, victims.map((x) => ({ personId: x.personId ?? null, personRecordId: x.personRecordId ?? null })));
      await allegationRepository.setPerpetrators(db, row.id, perpetrators.map((p) => ({ kind: p.kind, name: p.name, notes: p.notes ?? null })));
      const out = toAllegation(row, await allegationRepository.partiesOf(db, [row.id]));
      await audit(db, { actor: actor.id, entity: 'allegation', entityId: row.id, action: 'create', diff: { after: out } });
      return out;
    };
    return withTx(this.db, tx, run);
  }

  async update(actor: Actor, id: string, input: unknown): Promise<Allegation> {
    const v = validate(allegationUpdate, input);
    return inTransaction(this.db, async (tx) => {
      const before = await allegationRepository.get(tx, id);
      if (!before) throw new NotFoundError('allegation', id);
      assertMayPublish(actor, 'allegations', before, v);
      await checkRefs(tx, v);
      const beforeOut = toAllegation(before, await allegationRepository.partiesOf(tx, [id]));
      const { victims, perpetrators, when, ...rest } = v;
      const patch: Record<string, unknown> = { ...rest };
      if (when !== undefined) { const w = dateColumns(when); Object.assign(patch, { when: w.text, whenEarliest: w.earliest, whenLatest: w.latest }); }
      const row = await allegationRepository.update(tx, id, patch);
      if (victims) await allegationRepository.setVictims(tx, id, victims.map((x) => ({ personId: x.personId ?? null, personRecordId: x.personRecordId ?? null })));
      if (perpetrators) await allegationRepository.setPerpetrators(tx, id, perpetrators.map((p) => ({ kind: p.kind, name: p.name, notes: p.notes ?? null })));
      const out = toAllegation(row, await allegationRepository.partiesOf(tx, [id]));
      await audit(tx, { actor: actor.id, entity: 'allegation', entityId: id, action: 'update', diff: { before: beforeOut, after: out } });
      return out;
    });
  }

  async get(actor: Actor, id: string): Promise<Allegation> {
    const a = await allegationRepository.get(this.db, id);
    if (!a || !readableSensitivities(actor).includes(a.sensitivity) || (isPublicActor(actor) && !a.published)) throw new NotFoundError('allegation', id);
    return this.present(actor, [a]).then((x) => x[0]);
  }

  async list(actor: Actor, query: unknown): Promise<Page<Allegation>> {
    const q = validate(allegationListQuery, query);
    const { items, total } = await allegationRepository.list(this.db, q, readableSensitivities(actor), isPublicActor(actor));
    const parties = await allegationRepository.partiesOf(this.db, items.map((i) => i.a.id));
    return {
      items: items.map((i) => this.redact(actor, toAllegation(i.a, parties, { typeLabelEn: i.labelEn, typeLabelUk: i.labelUk, facilityName: i.facilityName }))),
      total,
    };
  }

  private async present(actor: Actor, rows: AllegationRow[]) {
    const parties = await allegationRepository.partiesOf(this.db, rows.map((r) => r.id));
    return rows.map((r) => this.redact(actor, toAllegation(r, parties)));
  }

  /** The public sees what happened, never who told it nor victims' record links. */
  private redact(actor: Actor, a: Allegation): Allegation {
    return isPublicActor(actor) ? { ...a, victims: [], perpetrators: a.perpetrators.filter((p) => p.kind !== 'individual') } : a;
  }
}
