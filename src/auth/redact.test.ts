import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { createRedactor, redact, REDACTED, witnessCode, witnessPseudonym } from './redact';

describe('redact', () => {
  it('replaces personal fields at any depth and leaves the rest', () => {
    const event = {
      action: 'person.update',
      actorId: 'u-1',
      person: {
        id: 'p-1',
        fullName: 'Олег Петренко',
        birth_date: '1991-03-14',
        status: 'captured',
        contacts: [{ phone: '+380 67 000 0000' }],
        home_address: { street: 'Хрещатик 1', city: 'Kyiv' },
      },
      witnesses: [{ id: 'w-1', witnessName: 'Марія', WITNESS_CONTACT: 'maria@example.org', statement: 'seen in Olenivka' }],
      changes: { password: 'hunter2hunter2', totpSecret: 'JBSWY3DP' },
    };
    expect(redact(event)).toEqual({
      action: 'person.update',
      actorId: 'u-1',
      person: { id: 'p-1', fullName: REDACTED, birth_date: REDACTED, status: 'captured', contacts: REDACTED, home_address: REDACTED },
      witnesses: [{ id: 'w-1', witnessName: REDACTED, WITNESS_CONTACT: REDACTED, statement: 'seen in Olenivka' }],
      changes: { password: REDACTED, totpSecret: REDACTED },
    });
    expect(JSON.stringify(redact(event))).not.toMatch(/Петренко|1991|380|Хрещатик|Марія|maria|hunter2/);
  });

  it('does not modify its input', () => {
    const input = { name: 'Ivan', nested: { email: 'ivan@example.org' } };
    const copy = structuredClone(input);
    redact(input);
    expect(input).toEqual(copy);
  });

  it('keeps null and undefined, dates, primitives and arrays', () => {
    expect(redact({ name: null, email: undefined, at: new Date(0), n: 1 })).toEqual({ name: null, email: undefined, at: new Date(0), n: 1 });
    expect(redact('plain')).toBe('plain');
    expect(redact(null)).toBeNull();
    expect(redact([{ surname: 'X' }, 2])).toEqual([{ surname: REDACTED }, 2]);
  });

  it('uses a caller-given field list, matched ignoring case, "_" and "-"', () => {
    const only = createRedactor(['callSign', 'unitNumber']);
    expect(only({ call_sign: 'Grim', 'UNIT-NUMBER': 7, name: 'kept' })).toEqual({ call_sign: REDACTED, 'UNIT-NUMBER': REDACTED, name: 'kept' });
    expect(redact({ fullName: 'kept', x: 'gone' }, ['x'])).toEqual({ fullName: 'kept', x: REDACTED });
  });

  it('survives cycles and deep nesting', () => {
    const a: Record<string, unknown> = { name: 'x' };
    a.self = a;
    expect(redact(a)).toEqual({ name: REDACTED, self: '[circular]' });
    let deep: Record<string, unknown> = { email: 'e' };
    for (let i = 0; i < 100; i++) deep = { inner: deep };
    expect(JSON.stringify(redact(deep))).toContain('[truncated]');
  });

  it('does not let "__proto__" keys change the prototype of the copy', () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "name": "x"}');
    const out = redact(hostile) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(out)).toContain('__proto__');
  });
});

describe('witness pseudonyms', () => {
  const key = randomBytes(32);

  it('are stable, formatted, and differ between witnesses and workspaces', () => {
    const p = witnessPseudonym('witness-123', key);
    expect(p).toMatch(/^Witness W-[0-9A-F]{6}$/);
    expect(witnessPseudonym('witness-123', key)).toBe(p);
    expect(witnessPseudonym('witness-124', key)).not.toBe(p);
    expect(witnessPseudonym('witness-123', randomBytes(32))).not.toBe(p);
    expect(witnessCode('witness-123', key, 4)).toMatch(/^W-[0-9A-F]{4}$/);
    expect(p.endsWith(witnessCode('witness-123', key).slice(2))).toBe(true);
  });

  it('do not contain the id and refuse weak keys or odd lengths', () => {
    expect(witnessPseudonym('ABCDEF', key)).not.toContain('ABCDEF');
    expect(() => witnessPseudonym('w', randomBytes(8))).toThrow(RangeError);
    expect(() => witnessCode('w', key, 3)).toThrow(RangeError);
    expect(() => witnessCode('', key)).toThrow(TypeError);
  });

  it('rarely collide: 1000 witnesses, 6 hex digits', () => {
    const codes = new Set(Array.from({ length: 1000 }, (_, i) => witnessCode(`w-${i}`, key)));
    expect(codes.size).toBeGreaterThanOrEqual(995);
  });
});
