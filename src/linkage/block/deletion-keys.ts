/**
 * One-deletion neighbourhoods (the symmetric-deletion idea of SymSpell): a key and every string made by
 * deleting one of its characters. Two keys within one edit (a character inserted, deleted or replaced,
 * or two neighbours swapped) always share one of these, so blocking on them finds a typo'd surname
 * without comparing every pair of surnames.
 */

/** The key itself and its one-character deletions, distinct; keys shorter than `minLength` only themselves. */
export function deletionVariants(key: string, minLength = 5): string[] {
  if (key.length < minLength) return [key];
  const out = new Set<string>([key]);
  for (let k = 0; k < key.length; k++) out.add(key.slice(0, k) + key.slice(k + 1));
  return [...out];
}

/**
 * The variants of many keys, as integers: variant ids of key `k` are `ids[start[k] … start[k+1])`, ascending;
 * `size` bounds the ids.
 */
export function deletionVariantTable(keys: readonly string[], minLength = 5): { start: Int32Array; ids: Int32Array; size: number } {
  const intern = new Map<string, number>();
  const start = new Int32Array(keys.length + 1);
  const lists: number[][] = [];
  let total = 0;
  for (let k = 0; k < keys.length; k++) {
    const ids = deletionVariants(keys[k], minLength).map((v) => {
      let id = intern.get(v);
      if (id === undefined) { id = intern.size; intern.set(v, id); }
      return id;
    }).sort((a, b) => a - b);
    lists.push(ids);
    total += ids.length;
    start[k + 1] = total;
  }
  const ids = new Int32Array(total);
  for (let k = 0; k < keys.length; k++) ids.set(lists[k], start[k]);
  return { start, ids, size: intern.size };
}
