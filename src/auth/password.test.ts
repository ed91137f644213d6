import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, PASSWORD_HASH_PARAMS, verifyPassword, verifyPasswordOfUnknownUser } from './password';
import { checkPasswordPolicy, type PasswordProblemCode } from './password-policy';

const codes = (password: string, username?: string, personalWords?: string[]): PasswordProblemCode[] =>
  checkPasswordPolicy(password, { username, personalWords }).problems.map((p) => p.code);

describe('password hashing (argon2id)', () => {
  it('hashes with argon2id at the OWASP parameters and verifies', async () => {
    const hash = await hashPassword('correct staple horse battery');
    expect(hash).toMatch(/^\$argon2id\$v=19\$/);
    expect(hash).toContain('m=19456');
    expect(hash).toContain('t=2');
    expect(hash).toContain('p=1');
    expect(await verifyPassword(hash, 'correct staple horse battery')).toBe(true);
    expect(await verifyPassword(hash, 'correct staple horse batterY')).toBe(false);
    expect(await hashPassword('correct staple horse battery')).not.toBe(hash); // fresh salt
  });

  it('verifies composed and decomposed Unicode alike (NFC)', async () => {
    const composed = 'Йосип Сліпий 1893 й';
    const hash = await hashPassword(composed);
    expect(await verifyPassword(hash, composed.normalize('NFD'))).toBe(true);
  });

  it('answers false for malformed hashes and overlong passwords, never throws', async () => {
    expect(await verifyPassword('not a hash', 'whatever')).toBe(false);
    expect(await verifyPassword('', '')).toBe(false);
    const hash = await hashPassword('long enough password');
    expect(await verifyPassword(hash, 'x'.repeat(10_000))).toBe(false);
    expect(await verifyPasswordOfUnknownUser('anything')).toBe(false);
  });

  it('refuses weak parameters and overlong passwords when hashing', async () => {
    await expect(hashPassword('long enough password', { memoryCost: 1024, timeCost: 2, parallelism: 1 })).rejects.toThrow(RangeError);
    await expect(hashPassword('x'.repeat(300))).rejects.toThrow(RangeError);
  });

  it('needsRehash: weaker, older or foreign hashes yes; current or stronger no', async () => {
    const current = await hashPassword('long enough password');
    expect(needsRehash(current)).toBe(false);
    const stronger = await hashPassword('long enough password', { memoryCost: 47104, timeCost: 3, parallelism: 1 });
    expect(needsRehash(stronger)).toBe(false);
    expect(needsRehash(current, { ...PASSWORD_HASH_PARAMS, timeCost: 3 })).toBe(true);
    const salt = 'c2FsdHNhbHRzYWx0c2FsdA';
    const digest = 'aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g';
    expect(needsRehash(`$argon2id$v=19$m=4096,t=3,p=1$${salt}$${digest}`)).toBe(true);
    expect(needsRehash(`$argon2i$v=19$m=65536,t=3,p=1$${salt}$${digest}`)).toBe(true);
    expect(needsRehash(`$argon2id$v=16$m=65536,t=3,p=1$${salt}$${digest}`)).toBe(true);
    expect(needsRehash('$2b$12$abcdefghijklmnopqrstuv')).toBe(true);
    expect(needsRehash(`$argon2id$v=19$m=65536,t=3,p=1$${salt}$${digest}`)).toBe(false);
  });
});

describe('password policy', () => {
  it('accepts long, uncommon passwords', () => {
    expect(checkPasswordPolicy('violet river under the bridge', { username: 'olena' })).toEqual({ ok: true, problems: [] });
    expect(checkPasswordPolicy('Тиха ніч над Дніпром 1944').ok).toBe(true);
  });

  it('requires at least 12 characters, counted as characters, not bytes', () => {
    expect(codes('short1!')).toEqual(['too_short']);
    expect(codes('abcdefghijk')).toContain('too_short');
    expect(codes('ґїєщґїєщґїєщ')).not.toContain('too_short'); // 12 Cyrillic letters, 24 bytes
    expect(codes('ґїєщґїєщґїє')).toContain('too_short');
    const message = checkPasswordPolicy('short').problems[0].message;
    expect(message).toMatch(/at least 12 characters/);
    expect(message).toMatch(/has 5/);
  });

  it('caps the length', () => {
    expect(codes('a b'.repeat(100))).toContain('too_long');
  });

  it('rejects common passwords, case-insensitively, and common words dressed in digits', () => {
    for (const common of ['123456789012', 'Password1234', 'QWERTYUIOP123', '1q2w3e4r5t6y', 'P@ssw0rd2024!', 'iloveyou!!!!2024', 'passwordpassword', 'SlavaUkraini!', '!!!letmein!!!', 'пароль123456']) {
      expect(codes(common), common).toContain('common');
    }
    expect(checkPasswordPolicy('Password1234').problems.find((p) => p.code === 'common')?.message).toMatch(/attackers try/);
    expect(codes('password manager horse')).not.toContain('common');
  });

  it('rejects passwords that contain the user name or personal words', () => {
    expect(codes('my name is Olena.K and I like tea', 'olena.k')).toContain('contains_username');
    expect(codes('my name is OLENA.K and I like tea', 'Olena.K')).toContain('contains_username');
    expect(codes('violet river under the bridge', 'ab')).toEqual([]); // too short a name to matter
    expect(codes('petrenko sunflower lantern', 'olena', ['Petrenko'])).toEqual(['contains_personal_word']);
    expect(checkPasswordPolicy('xolenax-long-enough', { username: 'olena' }).problems[0].message).toMatch(/user name/);
  });

  it('rejects one character repeated', () => {
    expect(codes('zzzzzzzzzzzzzz')).toContain('repeated_character');
  });

  it('reports every problem at once', () => {
    expect(codes('olena123', 'olena').sort()).toEqual(['contains_username', 'too_short']);
  });
});
