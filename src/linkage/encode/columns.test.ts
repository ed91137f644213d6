import { describe, expect, it } from 'vitest';
import type { LinkRecord } from '../record';
import { ColumnStore } from './columns';

describe('name columns read a source in its own Latin orthography', () => {
  const german: LinkRecord[] = Array.from({ length: 25 }, (_, i) => ({ id: `de${i}`, source: 'press-de', fullName: `Taras Schewtschenko${'abcdefghijklmnopqrstuvwxy'[i]}` }));
  const records: LinkRecord[] = [
    ...german,
    { id: 'de-x', source: 'press-de', fullName: 'Larissa Chomenko' },
    { id: 'ua', source: 'registry', familyName: 'Хоменко', givenName: 'Лариса' },
    { id: 'en', source: 'media', familyName: 'Chomenko', givenName: 'Larysa' },
    ...Array.from({ length: 25 }, (_, i) => ({ id: `m${i}`, source: 'media', familyName: 'Kovalenko', givenName: 'Larysa' })),
  ];
  it('an unmarked "Chomenko" of a German list is Хоменко; the same spelling elsewhere is Чоменко', () => {
    const store = new ColumnStore(records);
    const fam = store.names('familyName');
    const at = (id: string) => records.findIndex((r) => r.id === id);
    expect(store.orthographies()[at('de-x')]).toBe('german');
    expect(store.orthographies()[at('en')]).toBeUndefined();
    expect(fam.key[at('de-x')]).toBe(fam.key[at('ua')]);
    expect(fam.key[at('en')]).not.toBe(fam.key[at('ua')]);
  });
});
