/**
 * Why the hot handlers build their rows as written-out object literals: the cost of a row built
 * with spreads against the same row written out, on this machine's Node. The shapes are the
 * standing vote's (src/indexing/voter.ts): a key of two fields and eight values of a vote.
 * Run: npx tsx bench/objectSpread.ts [iterations=500000]
 */
const n = Number(process.argv[2] ?? 500_000);

const valuesOf = (i: number) => ({ voter: `0xabc${i & 7}`, amount: BigInt(i), season: 1, voterContract: "0xdef", epoch: 3, ts: 100n, blockNumber: 5n, fromEpoch: 4 });
const keyOf = (i: number) => ({ tokenId: BigInt(i), gauge: "0x1" });

const shapes: Record<string, (i: number) => { season: number }> = {
  "{ ...key, ...values }": (i) => {
    const [k, v] = [keyOf(i), valuesOf(i)];
    return { ...k, ...v };
  },
  "{ ...values, toEpoch }": (i) => ({ ...valuesOf(i), toEpoch: 3 }),
  "Object.assign({}, key, values)": (i) => Object.assign({}, keyOf(i), valuesOf(i)),
  "written out": (i) => {
    const [k, v] = [keyOf(i), valuesOf(i)];
    return { tokenId: k.tokenId, gauge: k.gauge, voter: v.voter, amount: v.amount, season: v.season, voterContract: v.voterContract, epoch: v.epoch, ts: v.ts, blockNumber: v.blockNumber, fromEpoch: v.fromEpoch };
  },
};

let sink = 0;
process.stdout.write(`Node ${process.version}, ${n.toLocaleString("en-US")} rows per shape, second round (after warm-up):\n`);
for (const round of [1, 2]) {
  for (const [name, build] of Object.entries(shapes)) {
    const t = performance.now();
    for (let i = 0; i < n; i++) sink += build(i).season;
    const us = ((performance.now() - t) * 1000) / n;
    if (round === 2) process.stdout.write(`${us.toFixed(3).padStart(8)} µs  ${name}\n`);
  }
}
if (sink === -1) process.stdout.write("");
