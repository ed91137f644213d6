/**
 * FEBRL benchmark (test/fixtures/febrl, synthetic Australian records; see SOURCE.md): pairwise
 * precision/recall/F1 of the unsupervised engine with the FEBRL comparison set. Targets from the
 * brief: F1 ≥ 0.97 on dataset3, P and R ≥ 0.99 on 4a×4b; measured values are printed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { linkRecords } from '../link';
import { FEBRL_BLOCKING, FEBRL_COMPARISONS, parseFebrl } from './febrl';
import { pairwiseMetrics } from './metrics';

const dir = new URL('../../../test/fixtures/febrl/', import.meta.url);
const load = (name: string, source?: string) => parseFebrl(readFileSync(new URL(`${name}.csv`, dir), 'utf8'), source);

describe('FEBRL', () => {
  it('parses the files (", " separator, entities from rec_id)', () => {
    const d1 = load('dataset1');
    expect(d1).toHaveLength(1000);
    expect(new Set(d1.map((r) => r.entity)).size).toBe(500);
    expect(d1[0].fields?.postcode).toMatch(/^\d{4}$/);
  });

  it.each([
    ['dataset1', 0.99, 500],
    ['dataset2', 0.99, 1934],
    ['dataset3', 0.97, 6538],
  ] as const)('%s dedup: F1 ≥ %s', (name, target, truePairs) => {
    const recs = load(name);
    const r = linkRecords(recs, { comparisons: FEBRL_COMPARISONS, blockingRules: FEBRL_BLOCKING, blockingRecall: false });
    const m = pairwiseMetrics(r.clusterOf, recs.map((x) => x.entity));
    console.log(`FEBRL ${name}: P=${m.precision.toFixed(4)} R=${m.recall.toFixed(4)} F1=${m.f1.toFixed(4)} pairs=${r.report.candidatePairs}`);
    expect(m.truePairs).toBe(truePairs);
    expect(m.f1).toBeGreaterThanOrEqual(target);
  }, 180_000);

  it('dataset4a × dataset4b linkage: P ≥ 0.99 and R ≥ 0.99', () => {
    const recs = [...load('dataset4a', '4a'), ...load('dataset4b', '4b')];
    const r = linkRecords(recs, { comparisons: FEBRL_COMPARISONS, blockingRules: FEBRL_BLOCKING, mode: 'link', maxPerSource: 1, blockingRecall: { budget: 500_000 } });
    const m = pairwiseMetrics(r.clusterOf, recs.map((x) => x.entity));
    console.log(`FEBRL 4a×4b: P=${m.precision.toFixed(4)} R=${m.recall.toFixed(4)} F1=${m.f1.toFixed(4)} blocking recall est=${r.report.blockingRecall?.recall.toFixed(4)}`);
    expect(m.truePairs).toBe(5000);
    expect(m.precision).toBeGreaterThanOrEqual(0.99);
    expect(m.recall).toBeGreaterThanOrEqual(0.99);
    expect(r.report.blockingRecall!.recall).toBeGreaterThan(0.99);
    // Link mode: no pair inside one file was compared.
    for (let k = 0; k < r.pairs.count; k++) expect(recs[r.pairs.a[k]].source).not.toBe(recs[r.pairs.b[k]].source);
  }, 180_000);
});
