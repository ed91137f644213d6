/**
 * Blocking rules: a rule is a list of parts, each a field and a transform ("familyName:key",
 * "birthDate:year"); records whose parts all agree (none missing) fall in one block. A rule
 * can be written as text: "familyName:key+birthDate:year". A rule may skip blocks above its own size
 * ("familyName:phonetic+givenName:key@50"): records that share a frequent name are many namesakes,
 * so such a block costs many pairs and yields few links.
 *
 * One part of a rule may be multi-valued: "familyName:deletions" puts a record in one block per
 * one-character deletion of its family-name key (block/deletion-keys.ts), so a surname with one typo
 * meets its correct spelling.
 */
import type { ColumnStore } from '../encode/columns';
import { Interner } from '../encode/interner';
import { phoneticKey } from '../strings';
import { deletionVariantTable } from './deletion-keys';

export const BLOCK_TRANSFORMS = ['key', 'phonetic', 'phonetic4', 'initial', 'year', 'yearMonth', 'month', 'monthDay', 'date', 'value', 'text', 'unitNumber', 'deletions'] as const;
export type BlockTransform = (typeof BLOCK_TRANSFORMS)[number];

export interface BlockPart { field: string; as: BlockTransform }
/** `maxBlockSize`: blocks with more records are skipped for this rule (at most the run's own limit). */
export interface BlockingRule { name: string; parts: readonly BlockPart[]; maxBlockSize?: number }
export type BlockingRuleInput = string | BlockingRule;

export function parseBlockingRule(input: BlockingRuleInput): BlockingRule {
  if (typeof input !== 'string') return input;
  const [body, cap, extra] = input.split('@');
  const maxBlockSize = cap === undefined ? undefined : Number(cap);
  if (extra !== undefined || (maxBlockSize !== undefined && !(Number.isInteger(maxBlockSize) && maxBlockSize >= 2))) throw new Error(`blocking rule "${input}": the block size after "@" must be an integer ≥ 2`);
  const parts = body.split('+').map((p) => {
    const [field, as = 'key'] = p.trim().split(':');
    if (!(BLOCK_TRANSFORMS as readonly string[]).includes(as)) throw new Error(`blocking rule "${input}": unknown transform "${as}" (one of ${BLOCK_TRANSFORMS.join(', ')})`);
    return { field, as: as as BlockTransform };
  });
  if (parts.filter((p) => p.as === 'deletions').length > 1) throw new Error(`blocking rule "${input}": at most one multi-valued ("deletions") part`);
  return maxBlockSize === undefined ? { name: input, parts } : { name: input, parts, maxBlockSize };
}

/** Default rules for person records; their candidate pairs are unioned. */
export const DEFAULT_BLOCKING_RULES: readonly string[] = [
  'familyName:key+givenName:key',
  'familyName:phonetic+givenName:key+birthDate:year',
  'givenName:key+birthDate:date',
  'familyName:phonetic+birthDate:yearMonth',
  'familyName:key+birthDate:year',
  'serviceNumber:value',
  'givenName:key+patronymic:key+birthDate:year',
  // A typo in one name part with no birth date to rescue it; blocks of frequent names are skipped
  // (their pairs are many and, being namesakes, rarely linkable).
  'familyName:phonetic+givenName:key@20',
  'familyName:key+patronymic:key@20',
  'familyName:initial+givenName:key+birthDate:year@15',
  // One typo in the family name (any letter, also the first), given name equal: blocks of one-deletion variants.
  'familyName:deletions+givenName:key@20',
];

/** Per-record integer value of one part, −1 when missing; `size` bounds the values. */
function partValues(store: ColumnStore, part: BlockPart): { v: Int32Array; size: number } {
  const n = store.n;
  const v = new Int32Array(n).fill(-1);
  switch (part.as) {
    case 'key': case 'phonetic': case 'initial': case 'phonetic4': {
      const c = store.names(part.field);
      if (part.as === 'key') return { v: c.key, size: c.keyStr.length };
      if (part.as === 'phonetic') return { v: c.phon, size: c.phonStr.length };
      if (part.as === 'initial') { for (let i = 0; i < n; i++) v[i] = c.initial[i] === 0 ? -1 : c.initial[i]; return { v, size: 65536 }; }
      const I = new Interner();
      const map = Int32Array.from(c.keyStr, (k) => I.id(k.split(' ').map((t) => phoneticKey(t, 4)).join(' ')));
      for (let i = 0; i < n; i++) v[i] = c.key[i] < 0 ? -1 : map[c.key[i]];
      return { v, size: I.size };
    }
    case 'year': case 'yearMonth': case 'month': case 'monthDay': case 'date': {
      const d = store.dates(part.field);
      for (let i = 0; i < n; i++) {
        const y = d.year[i], m = d.month[i], dd = d.day[i];
        if (y === 0 || d.yearTo[i] !== y && part.as !== 'year') continue;
        if (part.as === 'year') v[i] = y;
        else if (part.as === 'month') v[i] = m > 0 ? m : -1;
        else if (part.as === 'yearMonth') v[i] = m > 0 ? y * 100 + m : -1;
        else if (part.as === 'monthDay') v[i] = m > 0 && dd > 0 ? m * 100 + dd : -1;
        else v[i] = m > 0 && dd > 0 ? (y * 100 + m) * 100 + dd : -1;
      }
      return { v, size: 2100 * 10000 + 10000 };
    }
    case 'value': { const c = store.values(part.field, 'identifier'); return { v: c.id, size: c.str.length }; }
    case 'text': { const c = store.values(part.field, 'text'); return { v: c.id, size: c.str.length }; }
    case 'unitNumber': { const c = store.units(part.field); return { v: c.num, size: c.keyStr.length + n }; }
    case 'deletions': { const c = store.names(part.field); return { v: c.key, size: c.keyStr.length }; }
  }
}

export interface RuleKeys {
  rule: BlockingRule;
  /** Dense block id per record, −1 when a part is missing (always −1 for a multi-valued rule). */
  key: Int32Array;
  blocks: number;
  /** Multi-valued rule: the block ids of record i are keys[start[i] … start[i+1]), ascending. */
  multi?: { start: Int32Array; keys: Int32Array };
}

/** True when the rule has a multi-valued part ("deletions"). */
export const isMultiRule = (rule: BlockingRule) => rule.parts.some((p) => p.as === 'deletions');

/** Block id per record for one rule (parts combined numerically when the product fits, else as text). */
export function ruleKeys(store: ColumnStore, rule: BlockingRule): RuleKeys {
  if (isMultiRule(rule)) return multiRuleKeys(store, rule);
  const parts = rule.parts.map((p) => partValues(store, p));
  const n = store.n;
  const key = new Int32Array(n).fill(-1);
  const numeric = parts.reduce((acc, p) => acc * (p.size + 1), 1) < 2 ** 52;
  const dense = new Map<number | string, number>();
  for (let i = 0; i < n; i++) {
    let k: number | string = numeric ? 0 : '';
    let missing = false;
    for (const p of parts) {
      const x = p.v[i];
      if (x < 0) { missing = true; break; }
      k = numeric ? (k as number) * (p.size + 1) + x : `${k as string}|${x}`;
    }
    if (missing) continue;
    let d = dense.get(k);
    if (d === undefined) { d = dense.size; dense.set(k, d); }
    key[i] = d;
  }
  return { rule, key, blocks: dense.size };
}

/**
 * Block ids of a rule with a "deletions" part: one block per variant of that part combined with the
 * other parts. Integer bucketing throughout (records by variant, then by the other parts' value within
 * a variant), so a million records with ~9 variants each cost no hash lookups per variant.
 */
function multiRuleKeys(store: ColumnStore, rule: BlockingRule): RuleKeys {
  const n = store.n;
  const mp = rule.parts.find((p) => p.as === 'deletions')!;
  const col = store.names(mp.field);
  const table = deletionVariantTable(col.keyStr);
  // The other parts as one dense value per record (−1 when one is missing).
  const others = rule.parts.filter((p) => p !== mp).map((p) => partValues(store, p));
  let other: Int32Array, otherSize: number;
  if (others.length === 1) ({ v: other, size: otherSize } = others[0]);
  else {
    other = new Int32Array(n).fill(others.length === 0 ? 0 : -1);
    const dense = new Map<string, number>();
    if (others.length > 0) for (let i = 0; i < n; i++) {
      if (others.some((p) => p.v[i] < 0)) continue;
      const k = others.map((p) => p.v[i]).join('|');
      let d = dense.get(k);
      if (d === undefined) { d = dense.size; dense.set(k, d); }
      other[i] = d;
    }
    otherSize = Math.max(1, dense.size);
  }
  // Records bucketed by variant (counting sort).
  const V = table.size;
  const vStart = new Int32Array(V + 1);
  for (let i = 0; i < n; i++) {
    const k = col.key[i];
    if (k < 0 || other[i] < 0) continue;
    for (let x = table.start[k]; x < table.start[k + 1]; x++) vStart[table.ids[x] + 1]++;
  }
  for (let v = 0; v < V; v++) vStart[v + 1] += vStart[v];
  const fill = vStart.slice(0, V);
  const members = new Int32Array(vStart[V]);
  for (let i = 0; i < n; i++) {
    const k = col.key[i];
    if (k < 0 || other[i] < 0) continue;
    for (let x = table.start[k]; x < table.start[k + 1]; x++) members[fill[table.ids[x]]++] = i;
  }
  // Within a variant, one block per value of the other parts; block ids ascend with the variant.
  const seenIn = new Int32Array(otherSize).fill(-1), blockOf = new Int32Array(otherSize);
  const entryBlock = new Int32Array(members.length);
  const perRecord = new Int32Array(n + 1);
  let blocks = 0;
  for (let v = 0; v < V; v++) {
    for (let x = vStart[v]; x < vStart[v + 1]; x++) {
      const o = other[members[x]];
      if (seenIn[o] !== v) { seenIn[o] = v; blockOf[o] = blocks++; }
      entryBlock[x] = blockOf[o];
      perRecord[members[x] + 1]++;
    }
  }
  // Per record, its blocks (visited in ascending block order, so each record's list ascends).
  for (let i = 0; i < n; i++) perRecord[i + 1] += perRecord[i];
  const at = perRecord.slice(0, n);
  const keys = new Int32Array(members.length);
  for (let x = 0; x < members.length; x++) keys[at[members[x]]++] = entryBlock[x];
  return { rule, key: new Int32Array(n).fill(-1), blocks, multi: { start: perRecord, keys } };
}

/** Records grouped by block of a multi-valued rule: order[start[b] … start[b+1]) are the members of block b. */
export function groupByMultiKey(multi: NonNullable<RuleKeys['multi']>, blocks: number): { order: Int32Array; start: Int32Array } {
  const start = new Int32Array(blocks + 1);
  const { keys } = multi;
  for (let x = 0; x < keys.length; x++) start[keys[x] + 1]++;
  for (let b = 0; b < blocks; b++) start[b + 1] += start[b];
  const fill = start.slice(0, blocks);
  const order = new Int32Array(keys.length);
  const n = multi.start.length - 1;
  for (let i = 0; i < n; i++) for (let x = multi.start[i]; x < multi.start[i + 1]; x++) order[fill[keys[x]]++] = i;
  return { order, start };
}

/** Records grouped by block: order[start[b] … start[b+1]) are the members of block b. */
export function groupByKey(key: Int32Array, blocks: number): { order: Int32Array; start: Int32Array } {
  const start = new Int32Array(blocks + 1);
  for (let i = 0; i < key.length; i++) if (key[i] >= 0) start[key[i] + 1]++;
  for (let b = 0; b < blocks; b++) start[b + 1] += start[b];
  const fill = start.slice(0, blocks);
  const order = new Int32Array(start[blocks]);
  for (let i = 0; i < key.length; i++) if (key[i] >= 0) order[fill[key[i]]++] = i;
  return { order, start };
}
