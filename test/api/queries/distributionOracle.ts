/** The distribution written out by hand: sums per owner, zeros and negatives left out, amount desc then owner asc. */
export function oracle(amounts: Map<string, bigint>): { owner: string; amount: bigint }[] {
  const out: { owner: string; amount: bigint }[] = [];
  for (const [owner, amount] of amounts) if (amount > 0n) out.push({ owner, amount });
  out.sort((a, b) => {
    if (a.amount !== b.amount) return a.amount > b.amount ? -1 : 1;
    return a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : 0;
  });
  return out;
}
