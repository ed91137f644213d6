import type { Actor } from '../domain';
import { NotFoundError } from '../domain';
import { audit, inTransaction, withTx, type Db } from '../db';
import { dateColumns, validate, type Page } from './common.schema';
import { sourceRepository, type SourceRow } from './source.repository';
import { sourceInput, sourceListQuery, sourceUpdate, type Source } from './source.schema';
import { assertMayPublish, isPublicActor, readableSensitivities } from './visibility';

export function toSource(r: SourceRow, recordCount?: number): Source {
  return {
    id: r.id, kind: r.kind, title: r.title, origin: r.origin, language: r.language, obtained: r.obtained,
    reliability: r.reliability, sensitivity: r.sensitivity, published: r.published, url: r.url,
    fileSha256: r.fileSha256, notes: r.notes, createdAt: r.createdAt,
    ...(recordCount === undefined ? {} : { recordCount }),
  };
}

export class SourceService {
  constructor(private readonly db: Db) {}

  async create(actor: Actor, input: unknown, tx?: Db): Promise<Source> {
    const v = validate(sourceInput, input);
    assertMayPublish(actor, 'sources', null, v);
    const d = dateColumns(v.obtained);
    return withTx(this.db, tx, async (tx) => {
      const row = await sourceRepository.insert(tx, {
        ...v, obtained: d.text, obtainedEarliest: d.earliest, obtainedLatest: d.latest, createdBy: actor.id,
      });
      await audit(tx, { actor: actor.id, entity: 'source', entityId: row.id, action: 'create', diff: { after: toSource(row) } });
      return toSource(row);
    });
  }

  async update(actor: Actor, id: string, input: unknown): Promise<Source> {
    const v = validate(sourceUpdate, input);
    return inTransaction(this.db, async (tx) => {
      const before = await sourceRepository.get(tx, id);
      if (!before) throw new NotFoundError('source', id);
      assertMayPublish(actor, 'sources', before, v);
      const patch: Record<string, unknown> = { ...v };
      if (v.obtained !== undefined) {
        const d = dateColumns(v.obtained);
        Object.assign(patch, { obtained: d.text, obtainedEarliest: d.earliest, obtainedLatest: d.latest });
      }
      const after = (await sourceRepository.update(tx, id, patch))!;
      await audit(tx, { actor: actor.id, entity: 'source', entityId: id, action: 'update', diff: { before: toSource(before), after: toSource(after) } });
      return toSource(after);
    });
  }

  async get(actor: Actor, id: string): Promise<Source> {
    const r = await sourceRepository.get(this.db, id);
    if (!r || !readableSensitivities(actor).includes(r.sensitivity) || (isPublicActor(actor) && !r.published)) throw new NotFoundError('source', id);
    return toSource(r);
  }

  async list(actor: Actor, query: unknown): Promise<Page<Source>> {
    const q = validate(sourceListQuery, query);
    const { items, total } = await sourceRepository.list(this.db, q, readableSensitivities(actor), isPublicActor(actor));
    return { items: items.map((i) => toSource(i.row, i.recordCount)), total };
  }

  /** Finds a source by exact title or creates it (used by importers and intake). */
  async ensure(actor: Actor, input: unknown): Promise<Source> {
    const v = validate(sourceInput, input);
    const existing = await sourceRepository.findByTitle(this.db, v.title);
    return existing ? toSource(existing) : this.create(actor, v);
  }
}
