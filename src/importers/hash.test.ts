import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './hash';

/** The same form by another route: JSON.stringify over NFC strings and objects rebuilt with sorted keys (keys never integer-like). */
const reference = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => {
  if (typeof x === 'string') return x.normalize('NFC');
  if (x && typeof x === 'object' && !Array.isArray(x)) {
    const o = x as Record<string, unknown>;
    return Object.fromEntries(Object.keys(o).sort().map((k) => [k.normalize('NFC'), o[k]]));
  }
  return x;
});

describe('canonicalJson (row hashes: its output must never change)', () => {
  it('keeps the form of stored row hashes', () => {
    const v = { v: 1, kind: 'persons', data: { familyName: 'Коваленко', birthDate: { text: '1991-03', earliest: '1991-03-01', latest: '1991-03-31' }, n: [1, -0, NaN, null, undefined, 'é'], u: undefined, z: 'e\u0301' }, extra: { '№': '12', 'Примітка': 'a"b\\c\n' } };
    expect(canonicalJson(v)).toBe('{"data":{"birthDate":{"earliest":"1991-03-01","latest":"1991-03-31","text":"1991-03"},"familyName":"Коваленко","n":[1,0,null,null,null,"é"],"z":"é"},"extra":{"Примітка":"a\\"b\\\\c\\n","№":"12"},"kind":"persons","v":1}');
  });

  it('equals sorted-key JSON of NFC text on arbitrary values', () => {
    const key = fc.string().map((s) => `k${s}`);
    const value = fc.letrec((tie) => ({
      any: fc.oneof({ depthSize: 'small' }, fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie('any'), { maxLength: 4 }), fc.dictionary(key, tie('any'), { maxKeys: 4 })),
    })).any;
    fc.assert(fc.property(value, (v) => canonicalJson(v) === reference(v)), { numRuns: 500 });
  });
});
