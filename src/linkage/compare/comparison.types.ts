/** Comparison specifications (configurable) and the compiled form the engine runs. */

export type ComparisonSpec =
  /** Person-name part: exact, transliteration-equal (nameKey), Jaro–Winkler ≥ 0.92, phonetic, JW ≥ 0.80, [initial], different. */
  | { kind: 'name'; field: string; name?: string; initials?: boolean; tf?: boolean }
  /**
   * Birth date: exact, day/month swapped, one of day/month differs, year-month (a day missing), year
   * (a month missing or year ranges overlap), year ±1 with day and month agreeing (full dates), ±1 year (partial dates),
   * different (incl. same year with month and day both different).
   */
  | { kind: 'date'; field: string; name?: string }
  /** Identifier (service number, document number): exact, one edit (Damerau), different. */
  | { kind: 'identifier'; field: string; name?: string }
  /** Free text (address): exact, JW bands (default 0.92, 0.80), different. */
  | { kind: 'text'; field: string; name?: string; thresholds?: readonly number[]; tf?: boolean }
  /** Categorical value: exact, different. `normalize` picks rank or sex vocabularies. */
  | { kind: 'category'; field: string; name?: string; normalize?: 'rank' | 'sex'; tf?: boolean }
  /** Military unit: exact, same number and formation kind, same number (a kind unknown), same number but other kind, different. */
  | { kind: 'unit'; field: string; name?: string }
  /** Place name: exact (folded), JW ≥ 0.90, different. */
  | { kind: 'place'; field: string; name?: string; tf?: boolean };

export interface TermFrequency {
  /** tf[level − 1] = 1 when the level gets the term-frequency adjustment. */
  levels: Uint8Array;
  /** Value id per record (the value whose frequency adjusts the weight). */
  valueOf: Int32Array;
  freq: Float64Array;
  sumSq: number;
}

export interface Comparator {
  readonly name: string;
  readonly kind: ComparisonSpec['kind'];
  /** Labels of levels 1…L; level 0 is "missing on either side" (weight 0). */
  readonly levels: readonly string[];
  /** Level of the pair (0 = null). */
  compare(i: number, j: number): number;
  readonly tf?: TermFrequency;
}

export const comparisonName = (s: ComparisonSpec) => s.name ?? s.field;
