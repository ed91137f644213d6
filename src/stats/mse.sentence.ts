/** The plain-language sentence that states an MSE result (or why there is none). */

export function formatCount(value: number): string {
  const rounded = Math.round(value);
  return rounded.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export interface SentenceInput {
  n: number;
  N: number | null;
  ci: [number | null, number | null];
  level: number;
  model: string;
  /** why there is no estimate, when N is null */
  reason?: string;
}

export function mseSentence(input: SentenceInput): string {
  const { n, N, ci, level, model } = input;
  if (N === null) {
    const under = model ? ` under model ${model}` : '';
    const reason = input.reason ?? 'No model could be estimated from this table.';
    return `No estimate can be given${under}. ${reason} ${formatCount(n)} people were recorded on at least one list.`;
  }
  const pct = `${Math.round(level * 1000) / 10}%`;
  const missed = N - n;
  const [lo, hi] = ci;
  const loMissed = lo === null ? null : Math.max(lo - n, 0);
  const hiMissed = hi === null ? null : Math.max(hi - n, 0);
  const none =
    loMissed !== null && hiMissed !== null
      ? `Between ${formatCount(loMissed)} and ${formatCount(hiMissed)} people, most likely ${formatCount(missed)}, were on none of the lists`
      : `At least ${formatCount(loMissed ?? 0)} people, most likely ${formatCount(missed)}, were on none of the lists (the data cannot rule out far larger numbers)`;
  const total =
    lo !== null && hi !== null
      ? `so the total is between ${formatCount(lo)} and ${formatCount(hi)}, most likely ${formatCount(N)}`
      : `so the total is at least ${formatCount(lo ?? n)}, most likely ${formatCount(N)}`;
  return `${none}; ${total}, of whom ${formatCount(n)} were recorded (model ${model}, ${pct} interval).`;
}
