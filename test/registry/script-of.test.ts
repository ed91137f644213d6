import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scriptOf } from '../../src/registry';

/** The definition the fast path must agree with. */
function byRegex(text: string): string {
  const cyr = /\p{Script=Cyrillic}/u.test(text);
  const lat = /\p{Script=Latin}/u.test(text);
  return cyr && lat ? 'mixed' : cyr ? 'cyrillic' : lat ? 'latin' : 'unknown';
}

describe('scriptOf', () => {
  it('agrees with the Unicode Script property on every code point up to U+0600', () => {
    for (let c = 0; c < 0x600; c++) {
      const ch = String.fromCharCode(c);
      expect(scriptOf(ch), `U+${c.toString(16)}`).toBe(byRegex(ch));
      expect(scriptOf(`Іван ${ch}`), `U+${c.toString(16)}`).toBe(byRegex(`Іван ${ch}`));
      expect(scriptOf(`Ivan ${ch}`), `U+${c.toString(16)}`).toBe(byRegex(`Ivan ${ch}`));
    }
  });

  it('agrees with it on mixed strings', () => {
    const chars = fc.oneof(fc.integer({ min: 0, max: 0x600 }), fc.integer({ min: 0x1d00, max: 0x1eff }), fc.integer({ min: 0xa640, max: 0xa7ff }))
      .map((c) => String.fromCharCode(c));
    fc.assert(fc.property(fc.array(chars, { maxLength: 12 }), (a) => scriptOf(a.join('')) === byRegex(a.join(''))), { numRuns: 2000 });
  });
});
