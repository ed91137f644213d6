import type { Actor } from '../domain';
import { NotFoundError, SENSITIVITY, ValidationError, type Sensitivity } from '../domain';
import { audit, auditMany, inTransaction, withTx, type Db } from '../db';
import { dateColumns, validate, type Page } from './common.schema';
import { composeName, deriveBirth, deriveStatus, nameVariants, scriptOf } from './person.derive';
import { personRepository, type PersonRecordRow, type PersonRow } from './person.repository';
import {
  personListQuery, personRecordCorrection, personRecordInput, personUpdate,
  type PersonDetail, type PersonRecord, type PersonSummary,
} from './person.schema';
import { personSearchColumns, searchColumns } from './search-text';
import { sourceRepository } from './source.repository';
import { assertMayPublish, isPublicActor, readableSensitivities } from './visibility';

export function toPersonSummary(p: PersonRow & { score?: number }): PersonSummary {
  return {
    id: p.id, displayName: p.displayName, displayNameLatin: p.displayNameLatin, status: p.status, statusDate: p.statusDate,
    birth: p.birth, recordCount: p.recordCount, sensitivity: p.sensitivity, published: p.published,
    ...(p.score === undefined ? {} : { score: p.score }),
  };
}

export function toPersonRecord(r: PersonRecordRow, sourceTitle?: string): PersonRecord {
  return {
    id: r.id, personId: r.personId, sourceId: r.sourceId, ...(sourceTitle ? { sourceTitle } : {}), version: r.version,
    supersedes: r.supersedes, isCurrent: r.isCurrent, familyName: r.familyName, givenName: r.givenName,
    patronymic: r.patronymic, fullName: r.fullName, script: r.script, birth: r.birth, birthPlace: r.birthPlace, sex: r.sex,
    citizenship: r.citizenship, unit: r.unit, rank: r.rank, serviceNumber: r.serviceNumber, status: r.status,
    statusDate: r.statusDate, sensitivity: r.sensitivity, rowRef: r.rowRef, createdAt: r.createdAt,
  };
}

type RecordValues = Omit<ReturnType<typeof validate<typeof personRecordInput>>, 'personId'>;

/** Builds the stored row of a record: partial-date columns and search keys derived from what was written. */
export function recordRow(v: RecordValues, personId: string, createdBy: string) {
  const birth = dateColumns(v.birth), status = dateColumns(v.statusDate);
  const name = composeName({ familyName: v.familyName ?? null, givenName: v.givenName ?? null, patronymic: v.patronymic ?? null, fullName: v.fullName ?? null });
  return {
    sourceId: v.sourceId, recordKey: v.recordKey ?? null, rowRef: v.rowRef ?? null,
    familyName: v.familyName ?? null, givenName: v.givenName ?? null, patronymic: v.patronymic ?? null, fullName: v.fullName ?? null,
    script: scriptOf(name), birth: birth.text, birthEarliest: birth.earliest, birthLatest: birth.latest, birthPlace: v.birthPlace ?? null,
    sex: v.sex, citizenship: v.citizenship ?? null, unit: v.unit ?? null, rank: v.rank ?? null, serviceNumber: v.serviceNumber ?? null,
    status: v.status, statusDate: status.text, statusEarliest: status.earliest, statusLatest: status.latest,
    ...searchColumns([v.familyName ?? '', v.givenName ?? '', v.patronymic ?? '', v.fullName ?? '']),
    personId, sensitivity: v.sensitivity, createdBy,
  };
}

/** The page of a list, with `estimated` when the total is the planner's estimate (more than 1,000 matches). */
export type EstimatedPage<T> = Page<T> & { estimated?: boolean };

export class PersonService {
  constructor(private readonly db: Db) {}

  /** Adds one record as a source describes a person; without personId it starts a new person. */
  async addRecord(actor: Actor, input: unknown, tx?: Db): Promise<PersonRecord> {
    const v = validate(personRecordInput, input);
    const run = async (db: Db) => {
      if (!(await sourceRepository.get(db, v.sourceId))) throw new ValidationError([{ field: 'sourceId', message: 'no such source' }]);
      let personId = v.personId ?? null;
      if (personId && !(await personRepository.getPerson(db, personId))) throw new ValidationError([{ field: 'personId', message: 'no such person' }]);
      if (!personId) {
        const p = await personRepository.insertPerson(db, { displayName: '…', sensitivity: v.sensitivity });
        personId = p.id;
        await audit(db, { actor: actor.id, entity: 'person', entityId: p.id, action: 'create' });
      }
      const r = await personRepository.insertRecord(db, recordRow(v, personId, actor.id));
      await audit(db, { actor: actor.id, entity: 'person_record', entityId: r.id, action: 'create', diff: { after: toPersonRecord(r) } });
      await this.refreshPerson(db, personId);
      return toPersonRecord(r);
    };
    return withTx(this.db, tx, run);
  }

  /**
   * Adds many validated records in one transaction (imports, demo data): each starts its own person
   * unless personId is given; persons' display fields are derived from their single record. One audit event per record.
   */
  async addRecordsBulk(actor: Actor, tx: Db, inputs: unknown[]): Promise<PersonRecord[]> {
    const values = inputs.map((i) => validate(personRecordInput, i));
    const out: PersonRecord[] = [];
    for (let at = 0; at < values.length; at += 1000) {
      const chunk = values.slice(at, at + 1000);
      const fresh = chunk.filter((v) => !v.personId);
      const created = await personRepository.insertPersons(tx, fresh.map((v) => {
        const one = [{ ...v, familyName: v.familyName ?? null, givenName: v.givenName ?? null, patronymic: v.patronymic ?? null, fullName: v.fullName ?? null, sourceId: v.sourceId, birth: v.birth ?? null, status: v.status, statusDate: v.statusDate ?? null }];
        const name = nameVariants(one)[0];
        const st = deriveStatus(one);
        return {
          displayName: name?.name ?? '(no name)', displayNameLatin: name?.script === 'latin' ? name.name : null,
          status: st.status, statusDate: st.statusDate, statusEarliest: dateColumns(st.statusDate).earliest,
          birth: v.birth ?? null, recordCount: 1, sensitivity: v.sensitivity,
          ...personSearchColumns([searchColumns([v.familyName ?? '', v.givenName ?? '', v.patronymic ?? '', v.fullName ?? ''])]),
        };
      }));
      let k = 0;
      const rows = chunk.map((v) => recordRow(v, v.personId ?? created[k++].id, actor.id));
      const inserted = await personRepository.insertRecords(tx, rows);
      await auditMany(tx, inserted.map((r) => ({ actor: actor.id, entity: 'person_record', entityId: r.id, action: 'create', diff: { after: toPersonRecord(r) } })));
      for (const pid of new Set(chunk.filter((v) => v.personId).map((v) => v.personId!))) await this.refreshPerson(tx, pid);
      out.push(...inserted.map((r) => toPersonRecord(r)));
    }
    return out;
  }

  /** A correction never edits in place: it adds version n+1 that supersedes the current one. */
  async correctRecord(actor: Actor, recordId: string, input: unknown): Promise<PersonRecord> {
    const patch = validate(personRecordCorrection, input);
    return inTransaction(this.db, async (tx) => {
      const old = await personRepository.getRecord(tx, recordId);
      if (!old) throw new NotFoundError('person record', recordId);
      if (!old.isCurrent) throw new ValidationError([{ field: 'id', message: 'only the current version can be corrected' }]);
      const merged = validate(personRecordInput, { ...toPersonRecord(old), ...patch, personId: old.personId, recordKey: old.recordKey, rowRef: old.rowRef });
      await personRepository.markSuperseded(tx, old.id);
      const r = await personRepository.insertRecord(tx, { ...recordRow(merged, old.personId, actor.id), version: old.version + 1, supersedes: old.id, rowHash: old.rowHash });
      await audit(tx, { actor: actor.id, entity: 'person_record', entityId: r.id, action: 'correct', diff: { before: toPersonRecord(old), after: toPersonRecord(r) } });
      await this.refreshPerson(tx, old.personId);
      return toPersonRecord(r);
    });
  }

  async recordHistory(actor: Actor, recordId: string): Promise<PersonRecord[]> {
    const rows = await personRepository.history(this.db, recordId);
    const allowed = readableSensitivities(actor);
    if (!rows.length || isPublicActor(actor)) throw new NotFoundError('person record', recordId);
    return rows.filter((r) => allowed.includes(r.sensitivity)).map((r) => toPersonRecord(r));
  }

  /**
   * Recomputes a person's derived display and search fields from its current records — only those
   * no more sensitive than the person: whoever may see the person sees these fields, so a name
   * from a restricted record must never become the display name (or a search key) of an internal
   * or public person.
   */
  async refreshPerson(db: Db, personId: string): Promise<void> {
    const person = await personRepository.getPerson(db, personId);
    const tier = SENSITIVITY.slice(0, Math.max(0, SENSITIVITY.indexOf(person?.sensitivity as Sensitivity)) + 1);
    const recs = (await personRepository.recordsOf(db, personId, tier)).map((x) => x.r);
    const variants = nameVariants(recs);
    const cyr = variants.find((n) => n.script === 'cyrillic');
    const lat = variants.find((n) => n.script === 'latin');
    const st = deriveStatus(recs);
    await personRepository.updatePerson(db, personId, {
      ...personSearchColumns(recs),
      displayName: (cyr ?? lat ?? variants[0])?.name ?? '(no name)',
      displayNameLatin: lat?.name ?? null,
      status: st.status,
      statusDate: st.statusDate,
      statusEarliest: dateColumns(st.statusDate).earliest,
      birth: deriveBirth(recs.map((r) => r.birth)),
      recordCount: recs.length,
    });
  }

  async list(actor: Actor, query: unknown): Promise<EstimatedPage<PersonSummary>> {
    const q = validate(personListQuery, query);
    const cols = q.q ? searchColumns([q.q]) : undefined;
    const res = await personRepository.search(this.db, {
      query: q, key: cols?.nameKey, text: cols?.nameText,
      sensitivities: readableSensitivities(actor), publicOnly: isPublicActor(actor),
    });
    return { items: res.items.map(toPersonSummary), total: res.total, ...(res.estimated ? { estimated: true } : {}) };
  }

  async get(actor: Actor, id: string): Promise<PersonDetail> {
    const p = await personRepository.getPerson(this.db, id);
    const allowed = readableSensitivities(actor);
    if (!p || !allowed.includes(p.sensitivity) || (isPublicActor(actor) && !p.published)) throw new NotFoundError('person', id);
    const recs = await personRepository.recordsOf(this.db, id, allowed);
    return {
      ...toPersonSummary(p),
      names: nameVariants(recs.map((x) => x.r)),
      // A source's title only to those who may read the source (a restricted testimony's title may name its witness).
      records: isPublicActor(actor) ? [] : recs.map((x) => toPersonRecord(x.r, allowed.includes(x.sourceSensitivity) ? x.sourceTitle : undefined)),
    };
  }

  async update(actor: Actor, id: string, input: unknown): Promise<PersonSummary> {
    const v = validate(personUpdate, input);
    return inTransaction(this.db, async (tx) => {
      const before = await personRepository.getPerson(tx, id);
      if (!before) throw new NotFoundError('person', id);
      assertMayPublish(actor, 'persons', before, v);
      let after = (await personRepository.updatePerson(tx, id, v))!;
      if (after.sensitivity !== before.sensitivity) {
        await this.refreshPerson(tx, id);
        after = (await personRepository.getPerson(tx, id))!;
      }
      await audit(tx, { actor: actor.id, entity: 'person', entityId: id, action: 'update', diff: { before: { published: before.published, sensitivity: before.sensitivity }, after: v } });
      return toPersonSummary(after);
    });
  }
}
