import { describe, expect, it } from 'vitest';
import { linkRecords } from './link';
import { linkIncremental } from './incremental';
import { pairwiseMetrics } from './evaluation/metrics';
import { generateSynthetic } from './synthetic';
import type { LinkRecord } from './record';

describe('synthetic data', () => {
  it('is deterministic per seed, exact in size, and clearly synthetic', () => {
    const a = generateSynthetic({ records: 500, seed: 3 });
    const b = generateSynthetic({ records: 500, seed: 3 });
    expect(a).toEqual(b);
    expect(a).toHaveLength(500);
    expect(a.every((r) => r.id.startsWith('SYN-') && r.source?.startsWith('synthetic-'))).toBe(true);
    expect(generateSynthetic({ records: 500, seed: 4 })).not.toEqual(a);
    // Several writings occur: Cyrillic and Latin, full names and separate fields.
    expect(a.some((r) => /[А-Яа-яІіЇї]/.test(r.fullName ?? r.familyName ?? ''))).toBe(true);
    expect(a.some((r) => /^[A-Za-z]/.test(r.fullName ?? r.familyName ?? ''))).toBe(true);
  });

  it('10k records: pairwise F1 ≥ 0.95 with default settings', () => {
    const recs = generateSynthetic({ records: 10_000, seed: 7 });
    const r = linkRecords(recs, { blockingRecall: { budget: 1_000_000 } });
    const m = pairwiseMetrics(r.clusterOf, recs.map((x) => x.entity));
    console.log(`synthetic 10k: P=${m.precision.toFixed(4)} R=${m.recall.toFixed(4)} F1=${m.f1.toFixed(4)} blocking recall est=${r.report.blockingRecall?.recall.toFixed(4)} pairs=${r.report.candidatePairs}`);
    expect(m.f1).toBeGreaterThanOrEqual(0.95);
    expect(r.report.blockingRecall!.recall).toBeGreaterThan(0.9);
  }, 180_000);
});

const people: LinkRecord[] = [
  { id: 'a1', familyName: 'Коваленко', givenName: 'Олександр', patronymic: 'Петрович', birthDate: '1990-03-14', source: 'list-1' },
  { id: 'a2', fullName: 'Kovalenko Oleksandr', birthDate: '14.03.1990', source: 'list-2' },
  { id: 'a3', fullName: 'Александр Петрович Коваленко', birthDate: '1990', source: 'list-3' },
  { id: 'b1', familyName: 'Бондаренко', givenName: 'Сергій', birthDate: '1985-07-01', source: 'list-1' },
  { id: 'b2', fullName: 'Bondarenko Serhii', birthDate: '1985-07-01', source: 'list-2' },
  { id: 'c1', familyName: 'Мельник', givenName: 'Іван', birthDate: '1979-11-30', source: 'list-1' },
];
const background = generateSynthetic({ records: 3000, seed: 11 });
const withBackground = (extra: LinkRecord[]) => [...extra, ...background];

describe('linkRecords', () => {
  it('links the same person across scripts and orders; every scored pair is explained', () => {
    const r = linkRecords(withBackground(people), { blockingRecall: false });
    const c = (id: string) => r.clusterOf[r.recordIds.indexOf(id)];
    expect(c('a1')).toBe(c('a2'));
    expect(c('a1')).toBe(c('a3'));
    expect(c('b1')).toBe(c('b2'));
    expect(c('a1')).not.toBe(c('b1'));
    expect(r.clusterIds[c('a2')]).toBe('a1');
    for (let k = 0; k < Math.min(r.pairs.count, 300); k++) {
      const e = r.pairs.explain(k);
      const sum = e.prior + e.terms.reduce((s, t) => s + t.weight + t.tfAdjustment, 0);
      expect(e.total).toBeCloseTo(sum, 6);
      expect(e.total).toBeCloseTo(r.pairs.weight[k], 3);
      expect(e.probability).toBeCloseTo(r.pairs.probability(k), 4);
      expect(e.terms.map((t) => t.comparison)).toEqual(['familyName', 'givenName', 'patronymic', 'birthDate', 'serviceNumber', 'unit', 'rank', 'birthPlace']);
      for (const t of e.terms) if (t.level === null) expect(t.weight).toBe(0); else expect(t.weight).toBeCloseTo(Math.log2(t.m! / t.u!), 9);
    }
    expect(r.report.timingsMs.train).toBeGreaterThanOrEqual(0);
    expect(r.model.training.method).toBe('sessions');
  }, 120_000);

  it('reviewer decisions override the model: non-match splits, match joins', () => {
    const decisions = [
      { a: 'b1', b: 'b2', decision: 'non-match' as const },
      { a: 'c1', b: 'a1', decision: 'match' as const },
    ];
    const r = linkRecords(withBackground(people), { decisions, blockingRecall: false });
    const c = (id: string) => r.clusterOf[r.recordIds.indexOf(id)];
    expect(c('b1')).not.toBe(c('b2'));
    expect(c('c1')).toBe(c('a1'));
    expect(r.review.some((x) => (x.a === 'b1' && x.b === 'b2') || (x.a === 'b2' && x.b === 'b1'))).toBe(false);
    expect(() => linkRecords(people, { decisions: [{ a: 'zz', b: 'a1', decision: 'match' }], blockingRecall: false })).toThrow(/unknown record id \(zz\)/);
  }, 120_000);

  it('returns uncertain pairs in the review band with explanations', () => {
    const r = linkRecords(generateSynthetic({ records: 3000, seed: 5 }), { blockingRecall: false, threshold: 0.8, reviewLower: 0.2 });
    expect(r.review.length).toBeGreaterThan(0);
    for (const x of r.review) {
      if (x.reason === 'uncertain') { expect(x.probability).toBeGreaterThanOrEqual(0.2); expect(x.probability).toBeLessThan(0.8); }
      expect(x.explanation.probability).toBeCloseTo(x.probability, 4);
    }
  }, 120_000);

  it('handles tiny inputs', () => {
    expect(linkRecords([], { blockingRecall: false }).clusterIds).toEqual([]);
    const one = linkRecords([{ id: 'a' }]);
    expect(one.clusterIds).toEqual(['a']);
    expect(Number.isFinite(one.model.lambda)).toBe(true);
  });

  it('refuses a model trained with other comparison levels (e.g. saved before the unit levels changed)', () => {
    const r = linkRecords(withBackground(people), { blockingRecall: false });
    const u = r.model.comparisons.findIndex((c) => c.kind === 'unit');
    const old = { ...r.model, levels: r.model.levels.map((l, k) => (k === u ? ['exact', 'same number', 'different'] : l)) };
    expect(() => linkRecords(people, { model: old, blockingRecall: false })).toThrow(/other levels for comparison "unit"/);
  });
  it('person-level term frequencies (default) can be switched off; both link the example people', () => {
    for (const personFrequencies of [true, false]) {
      const r = linkRecords(withBackground(people), { blockingRecall: false, personFrequencies });
      const c = (id: string) => r.clusterOf[r.recordIds.indexOf(id)];
      expect(c('a1') === c('a2') && c('b1') === c('b2') && c('a1') !== c('b1')).toBe(true);
    }
  });
  it('rejects duplicate record ids', () => {
    expect(() => linkRecords([{ id: 'x' }, { id: 'x' }])).toThrow(/duplicate record id "x"/);
  });
});

describe('linkIncremental', () => {
  it('adds new records with the trained model, keeping existing clusters and ids', () => {
    const all = generateSynthetic({ records: 6000, seed: 21 });
    const old = all.slice(0, 4500), fresh = all.slice(4500);
    const first = linkRecords(old, { blockingRecall: false });
    const existing = { records: old, clusterIds: old.map((_, i) => first.clusterIds[first.clusterOf[i]]) };
    const inc = linkIncremental(existing, first.model, fresh);
    expect(inc.model).toBe(first.model); // no retraining
    // Existing records that were together stay together under their old cluster id.
    for (let i = 0; i < old.length; i++) {
      const before = existing.clusterIds[i];
      const after = inc.clusterIds[inc.clusterOf[i]];
      if (!inc.merges.some((m) => m.from.includes(before))) expect(after).toBe(before);
    }
    // Only pairs with a new record were compared.
    for (let k = 0; k < inc.pairs.count; k++) expect(Math.max(inc.pairs.a[k], inc.pairs.b[k])).toBeGreaterThanOrEqual(old.length);
    expect(inc.joinedExisting).toBeGreaterThan(0);
    const full = linkRecords(all, { blockingRecall: false, model: first.model });
    const mi = pairwiseMetrics(inc.clusterOf, all.map((x) => x.entity));
    const mf = pairwiseMetrics(full.clusterOf, all.map((x) => x.entity));
    console.log(`incremental F1=${mi.f1.toFixed(4)} vs full F1=${mf.f1.toFixed(4)}`);
    expect(mi.f1).toBeGreaterThan(mf.f1 - 0.02);
  }, 120_000);
});
