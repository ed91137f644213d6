import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { base32Decode, base32Encode, Base32Error } from './base32';
import { generateTotpSecret, hotp, otpauthUri, totp, totpStep, verifyTotp, type OtpAlgorithm } from './totp';

// RFC 4226 Appendix D: secret "12345678901234567890", counters 0–9.
const RFC4226_SECRET = Buffer.from('12345678901234567890', 'ascii');
const RFC4226_HOTP = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];

// RFC 6238 Appendix B: 8 digits, period 30, seeds of 20/32/64 bytes for SHA-1/256/512.
const RFC6238_SEEDS: Record<OtpAlgorithm, Buffer> = {
  sha1: Buffer.from('12345678901234567890', 'ascii'),
  sha256: Buffer.from('12345678901234567890123456789012', 'ascii'),
  sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234', 'ascii'),
};
const RFC6238_VECTORS: Array<[number, string, OtpAlgorithm, string]> = [
  [59, '0000000000000001', 'sha1', '94287082'],
  [59, '0000000000000001', 'sha256', '46119246'],
  [59, '0000000000000001', 'sha512', '90693936'],
  [1111111109, '00000000023523EC', 'sha1', '07081804'],
  [1111111109, '00000000023523EC', 'sha256', '68084774'],
  [1111111109, '00000000023523EC', 'sha512', '25091201'],
  [1111111111, '00000000023523ED', 'sha1', '14050471'],
  [1111111111, '00000000023523ED', 'sha256', '67062674'],
  [1111111111, '00000000023523ED', 'sha512', '99943326'],
  [1234567890, '000000000273EF07', 'sha1', '89005924'],
  [1234567890, '000000000273EF07', 'sha256', '91819424'],
  [1234567890, '000000000273EF07', 'sha512', '93441116'],
  [2000000000, '0000000003F940AA', 'sha1', '69279037'],
  [2000000000, '0000000003F940AA', 'sha256', '90698825'],
  [2000000000, '0000000003F940AA', 'sha512', '38618901'],
  [20000000000, '0000000027BC86AA', 'sha1', '65353130'],
  [20000000000, '0000000027BC86AA', 'sha256', '77737706'],
  [20000000000, '0000000027BC86AA', 'sha512', '47863826'],
];

describe('HOTP (RFC 4226 Appendix D)', () => {
  it.each(RFC4226_HOTP.map((code, counter) => [counter, code]))('counter %i → %s', (counter, code) => {
    expect(hotp(RFC4226_SECRET, counter)).toBe(code);
    expect(hotp(RFC4226_SECRET, BigInt(counter))).toBe(code);
  });

  it('rejects counters and digit counts outside the definition', () => {
    expect(() => hotp(RFC4226_SECRET, -1)).toThrow(RangeError);
    expect(() => hotp(RFC4226_SECRET, 2n ** 64n)).toThrow(RangeError);
    expect(() => hotp(RFC4226_SECRET, 0, { digits: 5 })).toThrow(RangeError);
    expect(() => hotp(RFC4226_SECRET, 0, { digits: 9 })).toThrow(RangeError);
  });
});

describe('TOTP (RFC 6238 Appendix B)', () => {
  it.each(RFC6238_VECTORS)('T=%i (step %s) %s → %s', (seconds, stepHex, algorithm, code) => {
    expect(totpStep(seconds * 1000)).toBe(Number.parseInt(stepHex, 16));
    expect(totp(RFC6238_SEEDS[algorithm], seconds * 1000, { algorithm, digits: 8 })).toBe(code);
  });

  it('defaults to SHA-1, 6 digits, 30 s (the last 6 digits of the 8-digit vectors)', () => {
    expect(totp(RFC6238_SEEDS.sha1, 59_000)).toBe('287082');
    expect(totp(RFC6238_SEEDS.sha1, 1111111109_000)).toBe('081804');
  });
});

describe('verifyTotp', () => {
  const secret = Buffer.from('3132333435363738393031323334353637383930', 'hex');
  const now = 1_700_000_000_000;
  const step = totpStep(now);
  const codeAt = (s: number) => hotp(secret, s);

  it('accepts the current step and one either side, and returns the matched step', () => {
    for (const delta of [-1, 0, 1]) {
      expect(verifyTotp(secret, codeAt(step + delta), { nowMs: now })).toEqual({ ok: true, step: step + delta });
    }
  });

  it('has distinct codes in the steps used here (so the checks below are meaningful)', () => {
    const codes = [-2, -1, 0, 1, 2].map((d) => codeAt(step + d));
    expect(new Set(codes).size).toBe(5);
  });

  it('refuses codes two steps away, or with window 0 one step away', () => {
    expect(verifyTotp(secret, codeAt(step + 2), { nowMs: now })).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyTotp(secret, codeAt(step - 2), { nowMs: now })).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyTotp(secret, codeAt(step - 1), { nowMs: now, window: 0 })).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyTotp(secret, codeAt(step + 2), { nowMs: now, window: 2 })).toEqual({ ok: true, step: step + 2 });
  });

  it('refuses a replay of the stored step and any older one', () => {
    const first = verifyTotp(secret, codeAt(step), { nowMs: now });
    expect(first.ok).toBe(true);
    const last = first.ok ? first.step : null;
    expect(verifyTotp(secret, codeAt(step), { nowMs: now + 5_000, lastUsedStep: last })).toEqual({ ok: false, reason: 'replayed' });
    expect(verifyTotp(secret, codeAt(step - 1), { nowMs: now, lastUsedStep: last })).toEqual({ ok: false, reason: 'replayed' });
    expect(verifyTotp(secret, codeAt(step + 1), { nowMs: now + 30_000, lastUsedStep: last })).toEqual({ ok: true, step: step + 1 });
  });

  it('answers malformed for codes that are not 6 digits, and tolerates spaces', () => {
    for (const bad of ['', '12345', '1234567', 'abcdef', '12345a', '１２３４５６']) {
      expect(verifyTotp(secret, bad, { nowMs: now })).toEqual({ ok: false, reason: 'malformed' });
    }
    const code = codeAt(step);
    expect(verifyTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, { nowMs: now }).ok).toBe(true);
  });

  it('works with the RFC secret at the RFC times', () => {
    expect(verifyTotp(RFC6238_SEEDS.sha1, '94287082', { nowMs: 59_000, digits: 8 })).toEqual({ ok: true, step: 1 });
    expect(verifyTotp(RFC6238_SEEDS.sha1, '94287082', { nowMs: 59_000, digits: 8, lastUsedStep: 1 })).toEqual({ ok: false, reason: 'replayed' });
  });
});

describe('generateTotpSecret', () => {
  it('gives 20 random bytes by default and refuses short secrets', () => {
    const a = generateTotpSecret();
    expect(a).toHaveLength(20);
    expect(a.equals(generateTotpSecret())).toBe(false);
    expect(() => generateTotpSecret(10)).toThrow(RangeError);
  });
});

describe('otpauth URI', () => {
  it('has the key URI format fields and a base32 secret without padding', () => {
    const uri = otpauthUri({ issuer: 'Vigil Kyiv', accountName: 'olena@example.org', secret: RFC4226_SECRET });
    expect(uri).toBe('otpauth://totp/Vigil%20Kyiv:olena%40example.org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Vigil%20Kyiv&algorithm=SHA1&digits=6&period=30');
    const url = new URL(uri);
    expect(base32Decode(url.searchParams.get('secret')!)).toEqual(RFC4226_SECRET);
  });

  it('refuses colons and empty labels', () => {
    expect(() => otpauthUri({ issuer: 'a:b', accountName: 'x', secret: RFC4226_SECRET })).toThrow(/":"/);
    expect(() => otpauthUri({ issuer: 'Vigil', accountName: ' ', secret: RFC4226_SECRET })).toThrow(/empty/);
  });
});

describe('base32 (RFC 4648)', () => {
  // RFC 4648 §10 test vectors.
  const vectors: Array<[string, string]> = [
    ['', ''], ['f', 'MY======'], ['fo', 'MZXQ===='], ['foo', 'MZXW6==='], ['foob', 'MZXW6YQ='], ['fooba', 'MZXW6YTB'], ['foobar', 'MZXW6YTBOI======'],
  ];
  it.each(vectors)('%j ↔ %s', (plain, encoded) => {
    expect(base32Encode(Buffer.from(plain))).toBe(encoded);
    expect(base32Decode(encoded).toString()).toBe(plain);
    expect(base32Decode(encoded.replace(/=/g, '').toLowerCase()).toString()).toBe(plain);
  });

  it('round-trips any bytes, padded or not', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.boolean(), (bytes, padding) => {
        const text = base32Encode(bytes, { padding });
        expect(text).toMatch(padding ? /^[A-Z2-7]*=*$/ : /^[A-Z2-7]*$/);
        if (padding) expect(text.length % 8).toBe(0);
        expect(new Uint8Array(base32Decode(text))).toEqual(bytes);
      }),
    );
  });

  it('accepts only canonical text: decode then encode gives the same text back', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z2-7]{0,24}$/), (text) => {
        let bytes: Buffer;
        try {
          bytes = base32Decode(text);
        } catch (error) {
          expect(error).toBeInstanceOf(Base32Error);
          return;
        }
        expect(base32Encode(bytes, { padding: false })).toBe(text);
      }),
    );
  });

  it('rejects foreign characters, impossible lengths, bad padding and trailing bits', () => {
    for (const bad of ['MZXW6YT1', 'M', 'MZX', 'MZXW6Y', 'MY=', 'MZXW6YTB========', 'MZ======', 'MZ=XW6==', 'MZ']) {
      expect(() => base32Decode(bad), bad).toThrow(Base32Error);
    }
    expect(base32Decode('mzxw 6ytb-oi').toString()).toBe('foobar');
  });
});
