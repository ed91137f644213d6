// Evidence rows and custody events against the log's leaves, both ways: each row names its leaf,
// the leaf must record the same thing, and every evidence or custody leaf must have its rows.
import type { CustodyEventView, EvidenceItem } from './evidence.schema';
import type { LogEntry } from './log/index';
import type { VerifyProblem } from './verify.service';

const LEAF_OF_CUSTODY: Record<string, string> = {
  received: 'evidence.received', derived: 'custody.derived', viewed: 'custody.viewed', exported: 'custody.exported',
  transferred: 'custody.transferred', verified: 'custody.verified',
};
const short = (sha: string): string => `${sha.slice(0, 12)}…`;

export function checkRowsAgainstLeaves(
  items: readonly EvidenceItem[],
  custody: readonly CustodyEventView[],
  entries: ReadonlyMap<number, LogEntry>,
  add: (p: VerifyProblem) => void,
): void {
  const byId = new Map(items.map((i) => [i.id, i]));
  const itemOfLeaf = new Map<number, string>();
  const custodyOfLeaf = new Map<number, string>();

  for (const it of items) {
    const ref = it.id;
    const e = entries.get(it.leafIndex);
    if (itemOfLeaf.has(it.leafIndex)) add({ area: 'evidence', problem: 'extra', ref, message: `evidence row ${it.id} claims leaf ${it.leafIndex}, already claimed by evidence row ${itemOfLeaf.get(it.leafIndex)}` });
    itemOfLeaf.set(it.leafIndex, it.id);
    if (!e) {
      add({ area: 'evidence', problem: 'missing', ref, message: `evidence row ${it.id} (${short(it.sha256)}) refers to leaf ${it.leafIndex}, which is missing from the log` });
      continue;
    }
    const kind = it.derivedFrom ? 'custody.derived' : 'evidence.received';
    const diffs: string[] = [];
    if (e.kind !== kind) diffs.push(`kind ${e.kind}, not ${kind}`);
    if (e.evidence !== it.sha256) diffs.push(`SHA-256 ${short(e.evidence ?? '')}, not ${short(it.sha256)}`);
    if (e.size !== it.size) diffs.push(`size ${e.size}, not ${it.size}`);
    if (Date.parse(e.at) !== Date.parse(it.receivedAt)) diffs.push(`time ${e.at}, not ${it.receivedAt}`);
    if (diffs.length) add({ area: 'evidence', problem: 'mismatch', ref, message: `evidence row ${it.id} does not match leaf ${it.leafIndex}: the leaf records ${diffs.join(', ')}` });
  }

  for (const c of custody) {
    const ref = c.id;
    if (custodyOfLeaf.has(c.leafIndex)) add({ area: 'custody', problem: 'extra', ref, message: `custody event ${c.id} claims leaf ${c.leafIndex}, already claimed by custody event ${custodyOfLeaf.get(c.leafIndex)}` });
    custodyOfLeaf.set(c.leafIndex, c.id);
    const item = c.evidenceId ? byId.get(c.evidenceId) : undefined;
    if (!item) add({ area: 'custody', problem: 'missing', ref, message: `custody event ${c.id} (${c.kind}) refers to evidence row ${c.evidenceId}, which is missing` });
    const e = entries.get(c.leafIndex);
    if (!e) {
      add({ area: 'custody', problem: 'missing', ref, message: `custody event ${c.id} (${c.kind}) refers to leaf ${c.leafIndex}, which is missing from the log` });
      continue;
    }
    const diffs: string[] = [];
    if (e.kind !== LEAF_OF_CUSTODY[c.kind]) diffs.push(`kind ${e.kind}, not ${LEAF_OF_CUSTODY[c.kind] ?? c.kind}`);
    if (item && e.evidence !== item.sha256) diffs.push(`SHA-256 ${short(e.evidence ?? '')}, not ${short(item.sha256)}`);
    if (Date.parse(e.at) !== Date.parse(c.at)) diffs.push(`time ${e.at}, not ${c.at}`);
    if (diffs.length) add({ area: 'custody', problem: 'mismatch', ref, message: `custody event ${c.id} does not match leaf ${c.leafIndex}: the leaf records ${diffs.join(', ')}` });
  }

  for (const [idx, e] of entries) {
    if (!e.kind.startsWith('evidence.') && !e.kind.startsWith('custody.')) continue; // other rooms' leaves (field.viewed)
    const what = `leaf ${idx} (${e.kind} of ${short(e.evidence ?? '')})`;
    if ((e.kind === 'evidence.received' || e.kind === 'custody.derived') && !itemOfLeaf.has(idx)) {
      add({ area: 'leaf', problem: 'extra', ref: String(idx), message: `${what} has no evidence row: the row is missing` });
    }
    if (!custodyOfLeaf.has(idx)) add({ area: 'leaf', problem: 'extra', ref: String(idx), message: `${what} has no custody event: the event is missing` });
  }
}
