/**
 * Pairwise precision and recall of a clustering against a true grouping, over a set of
 * addresses (here: the addresses that hold locks). A pair is two addresses of the set in the
 * same group; precision = predicted pairs that are true / predicted pairs, recall = true pairs
 * that are predicted / true pairs (1 when there are none).
 */
export interface PairScore {
  truePairs: number;
  predictedPairs: number;
  correctPairs: number;
  precision: number;
  recall: number;
}

function pairs(groups: readonly (readonly string[])[], universe: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const g of groups) {
    const members = [...new Set(g.map((a) => a.toLowerCase()))].filter((a) => universe.has(a)).sort();
    for (let i = 0; i < members.length; i++) for (let j = i + 1; j < members.length; j++) out.add(`${members[i]}|${members[j]}`);
  }
  return out;
}

export function pairScore(predicted: readonly (readonly string[])[], truth: readonly (readonly string[])[], universe: ReadonlySet<string>): PairScore {
  const p = pairs(predicted, universe);
  const t = pairs(truth, universe);
  let correct = 0;
  for (const x of p) if (t.has(x)) correct++;
  return {
    truePairs: t.size,
    predictedPairs: p.size,
    correctPairs: correct,
    precision: p.size === 0 ? 1 : correct / p.size,
    recall: t.size === 0 ? 1 : correct / t.size,
  };
}
