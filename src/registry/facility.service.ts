import type { Actor } from '../domain';
import { NotFoundError } from '../domain';
import { audit, inTransaction, queryRows, withTx, type Db } from '../db';
import { dateColumns, validate, type Page } from './common.schema';
import { facilityRepository, type FacilityNameRow, type FacilityRow } from './facility.repository';
import { facilityInput, facilityListQuery, facilityUpdate, type Dossier, type Facility } from './facility.schema';
import { facilityDossierQueries } from './facility.dossier';
import { scriptOf } from './person.derive';
import { searchColumns } from './search-text';
import { assertMayPublish, isPublicActor, readableSensitivities } from './visibility';

export function toFacility(r: FacilityRow, names: FacilityNameRow[] = [], extra: Partial<Facility> = {}): Facility {
  return {
    id: r.id, name: r.name, aliases: names.filter((n) => n.name !== r.name).map((n) => ({ name: n.name, script: n.script })),
    kind: r.kind, settlement: r.settlement, region: r.region, country: r.country, lat: r.lat, lon: r.lon,
    authority: r.authority, inUse: r.inUse, notes: r.notes, sensitivity: r.sensitivity, published: r.published, ...extra,
  };
}

function inUseColumns(from: string | null | undefined, to: string | null | undefined) {
  const f = dateColumns(from), t = dateColumns(to);
  const text = f.text && t.text ? `${f.text.split('/')[0]}/${t.text.split('/').pop()}` : f.text ? `${f.text}/` : t.text ? `/${t.text}` : null;
  return { inUse: text, inUseEarliest: f.earliest, inUseLatest: t.latest };
}

function nameRows(names: string[]) {
  return [...new Set(names)].map((name) => ({ name, script: scriptOf(name), ...searchColumns([name]) }));
}

export class FacilityService {
  constructor(private readonly db: Db) {}

  async create(actor: Actor, input: unknown, tx?: Db): Promise<Facility> {
    const v = validate(facilityInput, input);
    assertMayPublish(actor, 'facilities', null, v);
    const { aliases, inUseFrom, inUseTo, ...rest } = v;
    return withTx(this.db, tx, async (tx) => {
      const row = await facilityRepository.insert(tx, { ...rest, ...inUseColumns(inUseFrom, inUseTo) });
      await facilityRepository.replaceNames(tx, row.id, nameRows([v.name, ...aliases]));
      const names = (await facilityRepository.namesOf(tx, [row.id])).get(row.id) ?? [];
      const out = toFacility(row, names);
      await audit(tx, { actor: actor.id, entity: 'facility', entityId: row.id, action: 'create', diff: { after: out } });
      return out;
    });
  }

  async update(actor: Actor, id: string, input: unknown): Promise<Facility> {
    const v = validate(facilityUpdate, input);
    return inTransaction(this.db, async (tx) => {
      const before = await facilityRepository.get(tx, id);
      if (!before) throw new NotFoundError('facility', id);
      assertMayPublish(actor, 'facilities', before, v);
      const oldNames = (await facilityRepository.namesOf(tx, [id])).get(id) ?? [];
      const { aliases, inUseFrom, inUseTo, ...rest } = v;
      const patch: Record<string, unknown> = { ...rest };
      if (inUseFrom !== undefined || inUseTo !== undefined) Object.assign(patch, inUseColumns(inUseFrom, inUseTo));
      const after = (await facilityRepository.update(tx, id, patch))!;
      if (aliases !== undefined || v.name !== undefined) {
        const keep = aliases ?? oldNames.filter((n) => n.name !== before.name).map((n) => n.name);
        await facilityRepository.replaceNames(tx, id, nameRows([after.name, ...keep]));
      }
      const names = (await facilityRepository.namesOf(tx, [id])).get(id) ?? [];
      const out = toFacility(after, names);
      await audit(tx, { actor: actor.id, entity: 'facility', entityId: id, action: 'update', diff: { before: toFacility(before, oldNames), after: out } });
      return out;
    });
  }

  private async visible(actor: Actor, id: string): Promise<FacilityRow> {
    const r = await facilityRepository.get(this.db, id);
    if (!r || !readableSensitivities(actor).includes(r.sensitivity) || (isPublicActor(actor) && !r.published)) throw new NotFoundError('facility', id);
    return r;
  }

  async get(actor: Actor, id: string): Promise<Facility> {
    const r = await this.visible(actor, id);
    return toFacility(r, (await facilityRepository.namesOf(this.db, [id])).get(id));
  }

  async list(actor: Actor, query: unknown): Promise<Page<Facility>> {
    const q = validate(facilityListQuery, query);
    const cols = q.q ? searchColumns([q.q]) : undefined;
    const { items, total } = await facilityRepository.list(this.db, q, cols?.nameKey, cols?.nameText, readableSensitivities(actor), isPublicActor(actor));
    const names = await facilityRepository.namesOf(this.db, items.map((i) => i.row.id));
    return {
      items: items.map((i) => toFacility(i.row, names.get(i.row.id), {
        detainees: Number(i.detainees), allegations: Number(i.allegations), ...(i.score == null ? {} : { score: Number(i.score) }),
      })),
      total,
    };
  }

  /** A CPT-style dossier: where, who controls it, detainees over time, allegations by type and period, testimonies, evidence. */
  async dossier(actor: Actor, id: string): Promise<Dossier> {
    const facility = await this.get(actor, id);
    const q = facilityDossierQueries(id, readableSensitivities(actor), isPublicActor(actor));
    const [overTime, byType, byPeriod, detainees, testimonies, evidence] = await Promise.all([
      queryRows<{ period: string; persons: number }>(this.db, q.detaineesOverTime),
      queryRows<{ type_code: string; label_en: string; label_uk: string; count: number }>(this.db, q.allegationsByType),
      queryRows<{ period: string; count: number }>(this.db, q.allegationsByPeriod),
      queryRows<{ person_id: string; display_name: string; status: string; from: string | null; to: string | null }>(this.db, q.detainees),
      queryRows<{ source_id: string; title: string; obtained: string | null; reliability: string }>(this.db, q.testimonies),
      queryRows<{ id: string; sha256: string; media_type: string; received_at: string; original_name: string | null; size: string | number; leaf_index: string | number }>(this.db, q.evidence),
    ]);
    return {
      facility,
      detaineesOverTime: overTime.map((r) => ({ period: r.period, persons: Number(r.persons) })),
      allegationsByType: byType.map((r) => ({ typeCode: r.type_code, labelEn: r.label_en, labelUk: r.label_uk, count: Number(r.count) })),
      allegationsByPeriod: byPeriod.map((r) => ({ period: r.period, count: Number(r.count) })),
      detainees: detainees.map((r) => ({ personId: r.person_id, displayName: r.display_name, status: r.status, from: r.from, to: r.to })),
      testimonies: testimonies.map((r) => ({ sourceId: r.source_id, title: r.title, obtained: r.obtained, reliability: r.reliability })),
      evidence: evidence.map((r) => ({ id: r.id, sha256: r.sha256, mediaType: r.media_type, receivedAt: String(r.received_at), fileName: r.original_name, size: Number(r.size), logIndex: Number(r.leaf_index) })),
    };
  }
}

