/**
 * Findings: add (computed at once), edit and recompute drafts, review, publish, revise. A published
 * finding is frozen (database trigger); a newer version supersedes it and never overwrites it. Every
 * change is audited in its own transaction. Review needs the `verify` permission on findings
 * (administrator, reviewer) and someone other than the author; publishing needs `publish`
 * (administrator) and a value that today's data still gives.
 */
import { can, policyActor, type Actor as AuthActor } from '../auth';
import { StatisticsService, type SourceSupport } from '../analysis';
import { audit, inTransaction, withTx, type Db } from '../db';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type Actor } from '../domain';
import { isPublicActor, readableSensitivities, validate, type Page } from '../registry';
import { computeFinding, type Computed } from './finding.compute';
import { findingRepository, type FindingRow } from './finding.repository';
import {
  DEFAULT_STATEMENT, METHOD_OF_KIND, findingInput, parseStoredMethod as parseMethod, findingListQuery, findingMethod, findingQuery, findingUpdate,
  type Finding, type FindingKind, type FindingMethod, type FindingQuery, type Recomputation,
} from './finding.schema';
import { isPublicList, labelOf, maskListNames, renderStatement, statementIssues, valueDifferences, type FindingValue, type MseListRef } from './finding.value';

/** The auth room's view of a domain actor: the CLI operator (system) acts as administrator. */
/** The policies' actor for a domain actor: the auth room's one mapping (unknown roles are the public). */
export const authActor = (actor: Actor): AuthActor => policyActor(actor);

function allow(actor: Actor, action: 'read' | 'create' | 'update' | 'verify' | 'publish' | 'delete'): void {
  if (!can(authActor(actor), action, 'findings', { sensitivity: 'public', published: action === 'read' })) {
    throw new ForbiddenError(`your role (${actor.role}) may not ${action === 'verify' ? 'review' : action} findings`);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function slugify(title: string): string {
  const s = title.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return /^[a-z]/.test(s) && s.length >= 2 ? s : `finding-${s || 'x'}`.slice(0, 60);
}

function methodFor(kind: FindingKind, given: FindingMethod | undefined): FindingMethod {
  const m = given ?? findingMethod.parse({ name: METHOD_OF_KIND[kind] });
  if (m.name !== METHOD_OF_KIND[kind]) {
    throw new ValidationError([{ field: 'method.name', message: `a ${kind} finding is computed with method "${METHOD_OF_KIND[kind]}", not "${m.name}"` }]);
  }
  return m;
}

function checkStatement(statement: string, kind: FindingKind): void {
  const issues = statementIssues(statement, kind);
  if (issues.length) throw new ValidationError(issues.map((message) => ({ field: 'statement', message })));
}

/** Shows labels (places, sources) only to those who may read them; the public sees only public ones. */
function presentValue(value: FindingValue | null, actor: Actor): FindingValue | null {
  if (!value) return value;
  const sens = readableSensitivities(actor);
  const show = (item: { label: string; public: boolean; sensitivity: string }) =>
    isPublicActor(actor) ? labelOf(item, 'public') : sens.includes(item.sensitivity) ? item.label : '(withheld)';
  switch (value.kind) {
    case 'rate':
      return value.strata ? { ...value, strata: { ...value.strata, items: value.strata.items.map((s) => ({ ...s, label: show(s), denominator: value.denominatorText })) } } : value;
    case 'list':
      return { ...value, items: value.items.map((i) => ({ ...i, label: show(i) })) };
    case 'mse': {
      const visible = (l: MseListRef) => (isPublicActor(actor) ? isPublicList(l) : sens.includes(l.sensitivity));
      const lists = value.lists.map((l, i) => (visible(l) ? l : { ...l, id: '', title: `list ${i + 1}` }));
      const mask = (t: string) => maskListNames(t, value.lists, visible);
      return {
        ...value, lists, table: { ...value.table, lists: lists.map((l) => l.title) }, warnings: value.warnings.map(mask), sentence: mask(value.sentence),
        models: value.models.map((m) => ({ ...m, warnings: m.warnings.map(mask) })),
      };
    }
    default:
      return value;
  }
}

function presentSources(s: SourceSupport | null, actor: Actor): Finding['sources'] {
  if (!s) return null;
  const sens = readableSensitivities(actor);
  return {
    ...s,
    items: s.items.map((i) => {
      const visible = isPublicActor(actor) ? i.published && i.sensitivity === 'public' : sens.includes(i.sensitivity);
      return visible ? i : { ...i, id: null, title: `(${i.published ? 'withheld' : 'unpublished'} ${i.kind.replace(/_/g, ' ')})`, origin: null };
    }),
  };
}

export class FindingService {
  constructor(private readonly db: Db) {}

  private toFinding(r: FindingRow, actor: Actor, supersededBy: string | null): Finding {
    const value = presentValue(r.value as FindingValue | null, actor);
    return {
      id: r.id, slug: r.slug, version: r.version, ref: `${r.slug}@${r.version}`, supersedes: r.supersedes, supersededBy,
      title: r.title, statement: r.statement, text: value ? renderStatement(r.statement, value, isPublicActor(actor) ? 'public' : 'internal') : null,
      kind: r.kind, query: r.query, method: parseMethod(r.method, r.kind), value, sources: presentSources(r.sources as SourceSupport | null, actor),
      checkpointSize: r.checkpointSize, dataVersion: r.dataVersion, status: r.status, computedAt: r.computedAt,
      publishedAt: r.publishedAt, publishedBy: r.publishedBy, createdAt: r.createdAt, createdBy: r.createdBy,
    };
  }

  private async present(db: Db, r: FindingRow, actor: Actor): Promise<Finding> {
    const by = await findingRepository.supersededBy(db, [r.id], isPublicActor(actor));
    return this.toFinding(r, actor, by.get(r.id) ?? null);
  }

  /** Resolves an id, a slug (latest version) or slug@version. */
  private async row(db: Db, actor: Actor, ref: string, published = false): Promise<FindingRow> {
    const publicOnly = isPublicActor(actor) || published;
    let r: FindingRow | undefined;
    if (UUID.test(ref)) r = await findingRepository.get(db, ref);
    else {
      const m = /^([a-z][a-z0-9-]*)(?:@(\d+))?$/.exec(ref.trim());
      if (m) r = await findingRepository.bySlug(db, m[1], m[2] === undefined ? undefined : Number(m[2]), publicOnly);
    }
    if (!r || (publicOnly && r.status !== 'published')) throw new NotFoundError('finding', ref);
    return r;
  }

  /** Sources named by title in an MSE query are stored by id, so renaming a source does not change the finding. */
  private async normalise(db: Db, actor: Actor, query: FindingQuery): Promise<FindingQuery> {
    if (query.kind !== 'mse') return query;
    const sources = await new StatisticsService(db).resolveSources(actor, query.lists);
    return { ...query, lists: sources.map((s) => s.id) };
  }

  private computedColumns(c: Computed) {
    return {
      value: c.value as object, sources: c.sources as object, checkpointSize: c.state.logSize, dataVersion: c.state.dataVersion,
      computedAt: new Date().toISOString(),
    };
  }

  async create(actor: Actor, input: unknown, tx?: Db): Promise<Finding> {
    allow(actor, 'create');
    const v = validate(findingInput, input);
    const kind = v.query.kind;
    const method = methodFor(kind, v.method);
    const statement = v.statement ?? DEFAULT_STATEMENT[kind];
    checkStatement(statement, kind);
    return withTx(this.db, tx, async (tx) => {
      const slug = v.slug ?? slugify(v.title);
      if (await findingRepository.maxVersion(tx, slug)) {
        throw new ConflictError(`a finding "${slug}" exists already; revise it (a new version) or choose another slug`);
      }
      const query = await this.normalise(tx, actor, v.query);
      const computed = v.compute ? this.computedColumns(await computeFinding(tx, query, method)) : {};
      const row = await findingRepository.insert(tx, {
        slug, version: 1, title: v.title, statement, kind, query, method: JSON.stringify(method), status: 'draft', createdBy: actor.id, ...computed,
      });
      await audit(tx, { actor: actor.id, entity: 'finding', entityId: row.id, action: 'create', diff: { after: { ref: `${slug}@1`, kind, title: v.title, status: 'draft', dataVersion: row.dataVersion } } });
      return this.toFinding(row, actor, null);
    });
  }

  async get(actor: Actor, ref: string): Promise<Finding> {
    allow(actor, 'read');
    return this.present(this.db, await this.row(this.db, actor, ref), actor);
  }

  async list(actor: Actor, query: unknown): Promise<Page<Finding>> {
    allow(actor, 'read');
    const q = validate(findingListQuery, query);
    const { items, total } = await findingRepository.list(this.db, q, isPublicActor(actor));
    const by = await findingRepository.supersededBy(this.db, items.map((i) => i.id), isPublicActor(actor));
    return { items: items.map((r) => this.toFinding(r, actor, by.get(r.id) ?? null)), total };
  }

  /** Edits a draft (a reviewed finding goes back to draft); a new query or method recomputes it. */
  async update(actor: Actor, ref: string, input: unknown): Promise<Finding> {
    allow(actor, 'update');
    const v = validate(findingUpdate, input);
    return inTransaction(this.db, async (tx) => {
      const before = await this.row(tx, actor, ref);
      if (before.status === 'published') throw new ConflictError(`finding ${before.slug}@${before.version} is published and frozen; revise it to make a new version`);
      const query = v.query ? await this.normalise(tx, actor, v.query) : (findingQuery.parse(before.query));
      if (v.query && v.query.kind !== before.kind) throw new ValidationError([{ field: 'query.kind', message: `a ${before.kind} finding stays a ${before.kind} finding; add a new one instead` }]);
      const method = v.method ? methodFor(query.kind, v.method) : parseMethod(before.method, before.kind);
      const statement = v.statement ?? before.statement;
      checkStatement(statement, query.kind);
      const recompute = Boolean(v.query || v.method);
      const row = await findingRepository.update(tx, before.id, {
        title: v.title ?? before.title, statement, query, method: JSON.stringify(method), status: 'draft',
        ...(recompute ? this.computedColumns(await computeFinding(tx, query, method)) : {}),
      });
      await audit(tx, { actor: actor.id, entity: 'finding', entityId: row.id, action: 'update', diff: { before: { title: before.title, statement: before.statement, status: before.status }, after: { title: row.title, statement: row.statement, status: row.status, recomputed: recompute } } });
      return this.present(tx, row, actor);
    });
  }

  /**
   * Computes the finding on today's data and compares it with the stored value. With `store`, a
   * draft (or reviewed finding, which returns to draft) keeps the new value; a published one never does.
   */
  async compute(actor: Actor, ref: string, opts: { store?: boolean } = {}): Promise<Recomputation> {
    allow(actor, opts.store ? 'update' : 'read');
    if (isPublicActor(actor)) throw new ForbiddenError('sign in to recompute findings');
    return inTransaction(this.db, async (tx) => {
      const r = await this.row(tx, actor, ref);
      const method = parseMethod(r.method, r.kind);
      const today = await computeFinding(tx, findingQuery.parse(r.query), method);
      const stored = r.value as FindingValue | null;
      const differences = valueDifferences(stored, today.value);
      let saved = false;
      if (opts.store) {
        if (r.status === 'published') throw new ConflictError(`finding ${r.slug}@${r.version} is published and frozen; revise it to store a new value in a new version`);
        await findingRepository.update(tx, r.id, { ...this.computedColumns(today), status: 'draft' });
        await audit(tx, { actor: actor.id, entity: 'finding', entityId: r.id, action: 'compute', diff: { before: { dataVersion: r.dataVersion, status: r.status }, after: { dataVersion: today.state.dataVersion, status: 'draft' }, differences } });
        saved = true;
      }
      const storedShown = presentValue(stored, actor);
      const todayShown = presentValue(today.value, actor)!;
      return {
        id: r.id, ref: `${r.slug}@${r.version}`, status: saved ? 'draft' : r.status,
        stored: { value: storedShown, text: storedShown ? renderStatement(r.statement, storedShown) : null, dataVersion: r.dataVersion, checkpointSize: r.checkpointSize, computedAt: r.computedAt },
        today: { value: todayShown, text: renderStatement(r.statement, todayShown), dataVersion: today.state.dataVersion, checkpointSize: today.state.logSize },
        same: stored !== null && differences.length === 0, differences, saved,
      };
    });
  }

  /** A reviewer (not the author) checks definition, method and value; publishing needs this step. */
  async review(actor: Actor, ref: string, note?: string, tx?: Db): Promise<Finding> {
    allow(actor, 'verify');
    return withTx(this.db, tx, async (tx) => {
      const r = await this.row(tx, actor, ref);
      if (r.status !== 'draft') throw new ConflictError(`finding ${r.slug}@${r.version} is ${r.status}, not a draft`);
      if (r.value === null) throw new ConflictError(`finding ${r.slug}@${r.version} has no computed value yet; compute it first`);
      if (actor.role !== 'system' && r.createdBy === actor.id) throw new ForbiddenError('a finding is reviewed by someone other than its author');
      const row = await findingRepository.update(tx, r.id, { status: 'reviewed' });
      await audit(tx, { actor: actor.id, entity: 'finding', entityId: r.id, action: 'review', diff: { before: { status: r.status }, after: { status: 'reviewed', note: note ?? null } } });
      return this.present(tx, row, actor);
    });
  }

  /** Publishes a reviewed finding whose value today's data still gives; from then on the row is frozen. */
  async publish(actor: Actor, ref: string, tx?: Db): Promise<Finding> {
    allow(actor, 'publish');
    return withTx(this.db, tx, async (tx) => {
      const r = await this.row(tx, actor, ref);
      if (r.status === 'published') throw new ConflictError(`finding ${r.slug}@${r.version} is published already`);
      if (r.status !== 'reviewed') throw new ConflictError(`finding ${r.slug}@${r.version} has not been reviewed; a reviewer must review it before it is published`);
      const today = await computeFinding(tx, findingQuery.parse(r.query), parseMethod(r.method, r.kind));
      const differences = valueDifferences(r.value as FindingValue | null, today.value);
      if (differences.length) {
        throw new ConflictError(`the data changed since finding ${r.slug}@${r.version} was computed (${differences.slice(0, 3).map((d) => `${d.figure}: ${d.stored} → ${d.today}`).join('; ')}); compute it again and have it reviewed`);
      }
      const row = await findingRepository.update(tx, r.id, { status: 'published', publishedAt: new Date().toISOString(), publishedBy: actor.id });
      await audit(tx, { actor: actor.id, entity: 'finding', entityId: r.id, action: 'publish', diff: { before: { status: r.status }, after: { status: 'published', ref: `${r.slug}@${r.version}`, dataVersion: r.dataVersion, checkpointSize: r.checkpointSize } } });
      return this.present(tx, row, actor);
    });
  }

  /** A new version of a published finding, computed on today's data; it supersedes the old one once published. */
  async revise(actor: Actor, ref: string, input: unknown = {}): Promise<Finding> {
    allow(actor, 'create');
    const v = validate(findingUpdate, input);
    return inTransaction(this.db, async (tx) => {
      const base = await this.row(tx, actor, ref);
      if (base.status !== 'published') throw new ConflictError(`finding ${base.slug}@${base.version} is not published; edit the ${base.status} version instead`);
      const latest = await findingRepository.maxVersion(tx, base.slug);
      if (latest > base.version) throw new ConflictError(`version ${latest} of "${base.slug}" already revises it; edit that version`);
      if (v.query && v.query.kind !== base.kind) throw new ValidationError([{ field: 'query.kind', message: `a ${base.kind} finding stays a ${base.kind} finding` }]);
      const query = v.query ? await this.normalise(tx, actor, v.query) : findingQuery.parse(base.query);
      const method = v.method ? methodFor(query.kind, v.method) : parseMethod(base.method, base.kind);
      const statement = v.statement ?? base.statement;
      checkStatement(statement, query.kind);
      const computed = await computeFinding(tx, query, method);
      const row = await findingRepository.insert(tx, {
        slug: base.slug, version: base.version + 1, supersedes: base.id, title: v.title ?? base.title, statement, kind: base.kind, query,
        method: JSON.stringify(method), status: 'draft', createdBy: actor.id, ...this.computedColumns(computed),
      });
      await audit(tx, { actor: actor.id, entity: 'finding', entityId: row.id, action: 'revise', diff: { before: { ref: `${base.slug}@${base.version}` }, after: { ref: `${row.slug}@${row.version}`, supersedes: base.id, status: 'draft' } } });
      return this.toFinding(row, actor, null);
    });
  }

  /** Deletes a draft (administrators); published findings stay forever. */
  async remove(actor: Actor, ref: string): Promise<void> {
    allow(actor, 'delete');
    await inTransaction(this.db, async (tx) => {
      const r = await this.row(tx, actor, ref);
      if (r.status === 'published') throw new ConflictError(`finding ${r.slug}@${r.version} is published and stays; revise it instead`);
      await findingRepository.remove(tx, r.id);
      await audit(tx, { actor: actor.id, entity: 'finding', entityId: r.id, action: 'delete', diff: { before: { ref: `${r.slug}@${r.version}`, status: r.status } } });
    });
  }

  /** Stored rows for reports (values unmasked: the report masks for its audience). */
  async rowsFor(actor: Actor, refs: string[], opts: { publishedOnly?: boolean } = {}): Promise<FindingRow[]> {
    allow(actor, 'read');
    const out: FindingRow[] = [];
    for (const ref of refs) {
      // a slug names its latest published version for a public report; an id or slug@version names exactly one row
      const exact = UUID.test(ref) || ref.includes('@');
      out.push(await this.row(this.db, actor, ref, Boolean(opts.publishedOnly) && !exact));
    }
    return out;
  }
}
