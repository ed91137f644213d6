/**
 * Formation kind of a unit designation, from its abbreviation (ОМБр, ОБрМП, …, also transliterated)
 * or its words in Ukrainian, Russian or English ("окрема бригада морської піхоти", "отдельная
 * механизированная бригада", "marine brigade"). Works on the folded tokens of `normalizeUnit`.
 * Two units with one number but different kinds (12 ОМБр, 12 ОДШБр) are different units.
 */

const ABBREVIATIONS: Readonly<Record<string, string>> = {
  ombr: 'mechanized', ompbr: 'motorized-infantry', obrmp: 'marine', odshbr: 'air-assault', ohshbr: 'mountain-assault',
  oshbr: 'assault', obrtro: 'territorial-defence', otbr: 'tank', oabr: 'artillery', oaembr: 'airmobile',
};

/** Word stems per kind (folded Latin), the more specific kinds first: "десантно-штурмова" is air assault, not assault. */
const WORDS: readonly (readonly [string, RegExp])[] = [
  ['air-assault', /desant|air ?assault/],
  ['mountain-assault', /hirsk|horn|gorn|mountain/],
  ['marine', /morsk|marine/],
  ['territorial-defence', /teritor|territor/],
  ['tank', /tank/],
  ['artillery', /artiler|artiller/],
  ['airmobile', /aeromob|airmob/],
  ['motorized-infantry', /motopik|motopek|motori[sz]ed/],
  ['mechanized', /mek?hani[zs]|mechani[sz]/],
  ['assault', /shturm|assault/],
];

/** Kind of the unit named by these folded tokens, '' when none is recognised. */
export function unitKind(tokens: readonly string[]): string {
  for (const t of tokens) { const k = ABBREVIATIONS[t]; if (k !== undefined) return k; }
  const text = tokens.join(' ');
  for (const [kind, re] of WORDS) if (re.test(text)) return kind;
  return '';
}
