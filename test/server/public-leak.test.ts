import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActorRole, type AuthRoom } from '../../src/auth';
import { queryRows } from '../../src/db';
import { ANONYMOUS, SYSTEM, type Actor } from '../../src/domain';
import { ReportService } from '../../src/findings';
import { EXPORT_TABLES, exportRows } from '../../src/registry';
import { buildApp } from '../../src/server';
import { authOf, evidenceOf } from '../../src/workspace';
import { createAccount, secretOf, signIn, PASSWORD } from '../helpers/auth';
import { backends, openTestWorkspace } from '../helpers/db';

/*
 * Marker values planted in every restricted field (witness identity and contact, detainees'
 * family contacts and home addresses, passwords, TOTP secrets), in restricted records and in
 * internal unpublished records; then every anonymous output — every GET route of the server with
 * every id we know, the public export, a public report — is searched for them. Analysts and
 * reviewers are crawled too: they may see internal material, never restricted. Synthetic data only.
 */
const tag = randomBytes(3).toString('hex');
const mk = (name: string) => `Mkr${tag}${name}`;
const FIELD = {
  witnessName: mk('WitnessName'), witnessOther: mk('WitnessAlias'), witnessNotes: mk('WitnessNotes'),
  witnessPhone: mk('WitnessPhone'), witnessEmail: `${mk('witnessmail')}@example.invalid`, witnessAddress: mk('WitnessAddress'),
  publicWitnessName: mk('PublicSourceWitness'), familyContact: mk('FamilyContact'), homeAddress: mk('HomeAddress'),
};
const RESTRICTED = {
  source: mk('RestrictedSourceTitle'), sourceNotes: mk('RestrictedSourceNotes'), facility: mk('RestrictedFacility'), facilityAlias: mk('RestrictedAlias'),
  familyName: mk('RestrictedFamily'), birthPlace: mk('RestrictedBirthPlace'), serviceNumber: mk('RestrictedServiceNo'),
  narrative: mk('RestrictedNarrative'), custodyNotes: mk('RestrictedCustodyNotes'), evidenceName: mk('RestrictedEvidence.jpg'), evidenceNote: mk('RestrictedEvidenceNote'),
};
const INTERNAL = {
  source: mk('InternalSourceTitle'), facility: mk('InternalFacility'), familyName: mk('InternalFamily'), narrative: mk('InternalNarrative'),
  publishedButInternal: mk('PublishedInternalNarrative'), perpetrator: mk('IndividualPerpetrator'), custodyNotes: mk('InternalCustodyNotes'),
};

function found(text: string, markers: Record<string, string>): string[] {
  return Object.entries(markers).filter(([, m]) => text.includes(m) || text.includes(m.toLowerCase())).map(([k]) => k);
}

describe.each(backends())('no restricted field in any public output on %s', (kind) => {
  let ws: Awaited<ReturnType<typeof openTestWorkspace>>;
  let auth: AuthRoom;
  let app: FastifyInstance;
  const now = Date.parse('2025-03-01T10:00:00Z');
  const ids = new Set<string>();
  const secrets: Record<string, string> = { password: PASSWORD };
  const sessions: Partial<Record<ActorRole, Record<string, string>>> = { public: {} };
  let restrictedFacilityId = '', publicFacilityId = '', witnessId = '', publicPersonId = '';

  beforeAll(async () => {
    ws = await openTestWorkspace(kind);
    auth = authOf(ws, { now: () => now });
    app = await buildApp({ workspace: ws, auth, rateLimit: { max: 1_000_000, loginMax: 1_000_000 } });
    const r = ws.registry;
    const keep = <T extends { id: string }>(x: T) => { ids.add(x.id); return x; };

    const pubSource = keep(await r.sources.create(SYSTEM, { kind: 'list', title: 'Synthetic public list', sensitivity: 'public', published: true }));
    const resSource = keep(await r.sources.create(SYSTEM, { kind: 'testimony', title: RESTRICTED.source, notes: RESTRICTED.sourceNotes, sensitivity: 'restricted' }));
    const intSource = keep(await r.sources.create(SYSTEM, { kind: 'testimony', title: INTERNAL.source, sensitivity: 'internal' }));
    const pubFacility = keep(await r.facilities.create(SYSTEM, { name: 'Synthetic public facility', sensitivity: 'public', published: true }));
    const resFacility = keep(await r.facilities.create(SYSTEM, { name: RESTRICTED.facility, aliases: [RESTRICTED.facilityAlias], sensitivity: 'restricted' }));
    const intFacility = keep(await r.facilities.create(SYSTEM, { name: INTERNAL.facility, sensitivity: 'internal' }));
    publicFacilityId = pubFacility.id;
    restrictedFacilityId = resFacility.id;

    const pubRec = keep(await r.persons.addRecord(SYSTEM, { sourceId: pubSource.id, familyName: 'Synthetic', givenName: 'Public', sensitivity: 'public', status: 'captured' }));
    publicPersonId = keep({ id: pubRec.personId }).id;
    await r.persons.update(SYSTEM, pubRec.personId, { published: true, sensitivity: 'public' });
    const resRec = keep(await r.persons.addRecord(SYSTEM, { sourceId: resSource.id, personId: pubRec.personId, familyName: RESTRICTED.familyName, birthPlace: RESTRICTED.birthPlace, serviceNumber: RESTRICTED.serviceNumber, sensitivity: 'restricted', status: 'seen_in_custody', statusDate: '2023-04' }));
    const intRec = keep(await r.persons.addRecord(SYSTEM, { sourceId: intSource.id, personId: pubRec.personId, familyName: INTERNAL.familyName, sensitivity: 'internal', status: 'seen_in_custody', statusDate: '2023-05' }));
    const resPerson = keep(await r.persons.addRecord(SYSTEM, { sourceId: resSource.id, familyName: RESTRICTED.familyName, sensitivity: 'restricted' }));
    ids.add(resPerson.personId);

    keep(await r.custody.create(SYSTEM, { personRecordId: pubRec.id, facilityId: pubFacility.id, sourceId: pubSource.id, from: '2023-01', sensitivity: 'public' }));
    keep(await r.custody.create(SYSTEM, { personRecordId: resRec.id, facilityId: resFacility.id, sourceId: resSource.id, from: '2023-02', notes: RESTRICTED.custodyNotes, sensitivity: 'restricted' }));
    keep(await r.custody.create(SYSTEM, { personRecordId: pubRec.id, facilityId: intFacility.id, sourceId: pubSource.id, from: '2023-03', notes: INTERNAL.custodyNotes, sensitivity: 'public' }));
    keep(await r.custody.create(SYSTEM, { personRecordId: intRec.id, facilityId: pubFacility.id, sourceId: intSource.id, from: '2023-03', notes: INTERNAL.custodyNotes, sensitivity: 'internal' }));

    keep(await r.allegations.create(SYSTEM, { typeCode: 'beating', facilityId: pubFacility.id, sourceId: pubSource.id, victims: [{ personRecordId: pubRec.id }], perpetrators: [{ kind: 'individual', name: INTERNAL.perpetrator }], narrative: 'Synthetic public narrative', sensitivity: 'public', published: true }));
    keep(await r.allegations.create(SYSTEM, { typeCode: 'beating', facilityId: resFacility.id, sourceId: pubSource.id, victims: [{ personId: pubRec.personId }], narrative: 'Synthetic public narrative at a restricted place', sensitivity: 'public', published: true }));
    keep(await r.allegations.create(SYSTEM, { typeCode: 'electric_shock', facilityId: pubFacility.id, sourceId: resSource.id, victims: [{ personRecordId: resRec.id }], narrative: RESTRICTED.narrative, sensitivity: 'restricted' }));
    keep(await r.allegations.create(SYSTEM, { typeCode: 'deprivation', facilityId: intFacility.id, sourceId: intSource.id, victims: [{ personRecordId: pubRec.id }], narrative: INTERNAL.narrative, sensitivity: 'internal' }));
    keep(await r.allegations.create(SYSTEM, { typeCode: 'deprivation', facilityId: pubFacility.id, sourceId: pubSource.id, victims: [{ personRecordId: pubRec.id }], narrative: INTERNAL.publishedButInternal, sensitivity: 'internal', published: true }));

    witnessId = keep(await auth.witnesses.create(SYSTEM, { sourceId: resSource.id, identity: { fullName: FIELD.witnessName, otherNames: FIELD.witnessOther, notes: FIELD.witnessNotes }, contact: { phone: FIELD.witnessPhone, email: FIELD.witnessEmail, address: FIELD.witnessAddress } })).id;
    keep(await auth.witnesses.create(SYSTEM, { sourceId: pubSource.id, identity: { fullName: FIELD.publicWitnessName } }));
    keep(await auth.witnesses.addProtectedDetail(SYSTEM, pubRec.personId, { kind: 'family_contact', value: FIELD.familyContact }));
    keep(await auth.witnesses.addProtectedDetail(SYSTEM, pubRec.personId, { kind: 'home_address', value: FIELD.homeAddress }));
    const ev = await evidenceOf(ws).intake.add(SYSTEM, Readable.from([Buffer.from(`synthetic evidence ${tag}`)]), { originalName: RESTRICTED.evidenceName, note: RESTRICTED.evidenceNote, sourceId: resSource.id, sensitivity: 'restricted' });
    ids.add(ev.item.id);

    for (const role of ['administrator', 'investigator', 'analyst', 'reviewer'] as const) {
      const account = await createAccount(auth, role);
      ids.add(account.id);
      if (account.totpSecret) secrets[`totp-${role}`] = secretOf((await auth.users.resetTotp(SYSTEM, account.id)).otpauthUri).toString('base64');
      const fresh = account.totpSecret ? { ...account, totpSecret: Buffer.from(secrets[`totp-${role}`], 'base64') } : account;
      sessions[role] = (await signIn(app, fresh, now)).headers;
    }
    for (const [k, v] of Object.entries(secrets)) if (k.startsWith('totp-')) secrets[`${k}-b32`] = (await import('../../src/auth')).base32Encode(Buffer.from(v, 'base64'), { padding: false });
  }, 600_000);
  afterAll(async () => {
    await app?.close();
    await ws?.dispose();
  }, 600_000);

  /** Every GET route, with every id we planted in every id-shaped parameter, and list queries. */
  async function crawl(role: ActorRole): Promise<{ url: string; status: number; body: string }[]> {
    const logSize = Number((await queryRows<{ n: number }>(ws.database.db, sql`select count(*)::int as n from log_leaves`))[0].n);
    const out: { url: string; status: number; body: string }[] = [];
    const gets = app.routeTable.filter((r) => r.method === 'GET' && !r.url.startsWith('/api/docs'));
    for (const r of gets) {
      const params = [...r.url.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1]);
      let urls: string[] = [r.url];
      for (const p of params) {
        const values = /id$|ref$/i.test(p) ? [...ids] : p === 'index' ? Array.from({ length: logSize + 1 }, (_, i) => String(i)) : ['0'];
        urls = urls.flatMap((u) => values.map((v) => u.replace(`:${p}`, v)));
      }
      urls = urls.flatMap((u) => (u.endsWith('*') ? ['0/000', 'entries/000', '0/000.p/1'].map((t) => u.replace('*', t)) : [u]));
      if (!params.length && r.url.startsWith('/api/v1/')) urls.push(`${r.url}?limit=500`, `${r.url}?q=${encodeURIComponent(`Mkr${tag}`)}&limit=500`, `${r.url}?personId=${publicPersonId}&facilityId=${restrictedFacilityId}`);
      for (const url of urls) {
        const res = await app.inject({ method: 'GET', url, headers: sessions[role] });
        expect(res.statusCode, `${role} GET ${url}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
        out.push({ url, status: res.statusCode, body: res.body });
      }
    }
    return out;
  }

  it('crawls every anonymous GET and finds neither restricted fields, restricted records nor internal material', async () => {
    const pages = await crawl('public');
    expect(pages.filter((p) => p.status === 200).length).toBeGreaterThan(20);
    // The crawl reaches published material (the control that the search is meaningful).
    expect(pages.some((p) => p.body.includes('Synthetic public narrative'))).toBe(true);
    const leaks = pages.flatMap((p) => found(p.body, { ...FIELD, ...RESTRICTED, ...INTERNAL, ...secrets }).map((m) => `${m} in ${p.url}`));
    expect(leaks).toEqual([]);
  });

  for (const role of ['analyst', 'reviewer'] as const) {
    it(`crawls every GET as ${role}: internal material yes, restricted never`, async () => {
      const pages = await crawl(role);
      expect(pages.some((p) => p.body.includes(INTERNAL.narrative))).toBe(true);
      const leaks = pages.flatMap((p) => found(p.body, { ...FIELD, ...RESTRICTED, ...secrets }).map((m) => `${m} in ${p.url}`));
      expect(leaks).toEqual([]);
    });
  }

  it('answers no search by a restricted or internal name with the person it belongs to (no search oracle)', async () => {
    for (const [role, names] of [['public', [RESTRICTED.familyName, INTERNAL.familyName]], ['analyst', [RESTRICTED.familyName]], ['reviewer', [RESTRICTED.familyName]]] as const) {
      for (const name of names) {
        const res = await app.inject({ method: 'GET', url: `/api/v1/persons?q=${encodeURIComponent(name)}`, headers: sessions[role] });
        expect(res.statusCode).toBe(200);
        expect(res.json().items.map((p: { id: string }) => p.id), `${role} searching ${name}`).not.toContain(publicPersonId);
      }
    }
    const control = await app.inject({ method: 'GET', url: '/api/v1/persons?q=Synthetic%20Public' });
    expect(control.json().items.map((p: { id: string }) => p.id)).toContain(publicPersonId);
  });

  it('shows the restricted fields only through the recorded view, to investigators and administrators', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/witnesses/${witnessId}/identity`, headers: sessions.investigator });
    expect(res.statusCode).toBe(200);
    expect(res.json().identity.fullName).toBe(FIELD.witnessName);
    expect(res.headers['cache-control']).toBe('no-store');
    const details = await app.inject({ method: 'GET', url: `/api/v1/persons/${publicPersonId}/protected-details`, headers: sessions.administrator });
    expect(details.json().items.map((d: { value: string }) => d.value).sort()).toEqual([FIELD.familyContact, FIELD.homeAddress].sort());
    const views = await queryRows<{ entity: string; entity_id: string; diff: unknown }>(ws.database.db, sql`select entity, entity_id, diff from audit_events where action = 'view_restricted' order by id`);
    expect(views.map((v) => v.entity)).toEqual(['witness', 'protected_detail', 'protected_detail']);
    expect(views[0].entity_id).toBe(witnessId);
    expect(JSON.stringify(views)).not.toContain(FIELD.witnessName);
    // Each view is also a `field.viewed` entry of the evidence log, named by the audit event; the log still verifies.
    const log = evidenceOf(ws).log;
    for (const v of views) {
      const leaf = await log.leaf((v.diff as { leafIndex: number }).leafIndex);
      expect(leaf.entry).toMatchObject({ kind: 'field.viewed', ref: expect.stringMatching(/^fv:[0-9a-f]{32}$/) });
      expect(found(Buffer.from(leaf.data).toString('utf8'), { ...FIELD, witnessId })).toEqual([]);
    }
    expect((await evidenceOf(ws).verify()).problems).toEqual([]);
    // Even for them, the ordinary pages carry only the pseudonym.
    const plain = await app.inject({ method: 'GET', url: `/api/v1/witnesses/${witnessId}`, headers: sessions.investigator });
    expect(plain.json().pseudonym).toMatch(/^Witness W-[0-9A-F]{6,}$/);
    expect(found(plain.body, FIELD)).toEqual([]);
  });

  it('keeps restricted fields encrypted at rest and out of the audit log', async () => {
    const tables = (await queryRows<{ t: string }>(ws.database.db, sql`select tablename as t from pg_tables where schemaname = 'public'`)).map((r) => r.t);
    for (const t of tables) {
      const rows = await queryRows<{ j: string }>(ws.database.db, sql.raw(`select row_to_json(x)::text as j from "${t}" x`));
      const text = rows.map((r) => r.j).join('\n');
      expect(found(text, { ...FIELD, ...secrets }), `table ${t}`).toEqual([]);
    }
  });

  it('exports for the public hold only published public rows; no export holds a restricted field', async () => {
    const dump = async (actor: Actor) => {
      const parts: string[] = [];
      for (const table of EXPORT_TABLES) for await (const rows of exportRows(ws.database.db, actor, table)) parts.push(JSON.stringify(rows));
      return parts.join('\n');
    };
    const pub = await dump(ANONYMOUS);
    expect(pub).toContain('Synthetic public narrative');
    expect(found(pub, { ...FIELD, ...RESTRICTED, ...INTERNAL, ...secrets })).toEqual([]);
    const analyst = await dump({ id: 'x', role: 'analyst' });
    expect(found(analyst, { ...FIELD, ...RESTRICTED, ...secrets })).toEqual([]);
    const operator = await dump(SYSTEM);
    expect(operator).toContain(RESTRICTED.narrative); // the operator's full export has restricted records …
    expect(found(operator, { ...FIELD, ...secrets })).toEqual([]); // … but never a restricted field
  });

  it('public reports about a published facility hold no restricted or internal material', async () => {
    const reports = new ReportService(ws.database.db, ws.registry);
    for (const format of ['md', 'html'] as const) {
      const out = await reports.facility(SYSTEM, publicFacilityId, { audience: 'public', format });
      const text = String(out.body);
      expect(text).toContain('Synthetic public facility');
      expect(found(text, { ...FIELD, ...RESTRICTED, ...INTERNAL, ...secrets })).toEqual([]);
    }
  });
});
