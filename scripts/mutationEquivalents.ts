/**
 * Surviving mutants shown to be equivalent (no input can tell them from the original), keyed
 * `file:line:mutator:replacement` as scripts/mutationReport.ts prints them, with the reason.
 * A mutant listed here still counts as surviving in the score; the list says why no test kills it.
 *
 * Two reasons recur:
 * - A boundary moved onto a point where both branches give the same value (`<` to `<=` where the
 *   two sides are equal only when the result is the same either way).
 * - A sort comparator changed only where it returns a non-negative number: V8's
 *   `Array.prototype.sort` only asks whether the comparator is negative (checked: a comparator
 *   returning 0 instead of 1 sorts 5,000 random numbers correctly), and sort keys that are
 *   unique (Map keys, token ids, addresses) never compare equal.
 */
const V8_SORT = "V8's sort only tests comparator < 0; returning 0 or 1 for a > b sorts the same";
const UNIQUE_KEYS = "the keys sorted are unique (token ids, addresses, Map keys): a tie never happens, so < and <= order the same";

export const EQUIVALENT_MUTANTS: Record<string, string> = {
  // src/domain
  "src/domain/chainRules.ts:179:Regex:/0x/":
    "bytecode is hex: an `x` can only appear in the leading 0x, so the unanchored pattern removes the same two characters",
  "src/domain/seasons.ts:12:EqualityOperator:i >= 0":
    "the extra step reads starts[-1], which is undefined; `undefined <= ts` is false, so the loop still ends with 0",
  "src/domain/snapshot.ts:86:ConditionalExpression:true":
    "replaces only `h.label !== null`: NON_CIRCULATING_LABELS.includes(null) is false, so a null label is still circulating",
  // two mutants share this key: `a[0] < b[0]` and `a[0] > b[0]` both become `a[0] <= b[0]`
  "src/domain/snapshot.ts:195:EqualityOperator:a[0] <= b[0]": `first: ${UNIQUE_KEYS}; second: it returns 0 for a > b, and ${V8_SORT}`,
  "src/domain/snapshot.ts:195:ConditionalExpression:true": `${UNIQUE_KEYS}; ${V8_SORT}`,
  "src/domain/snapshot.ts:195:ConditionalExpression:false": V8_SORT,
  "src/domain/snapshot.ts:195:EqualityOperator:a[0] >= b[0]": UNIQUE_KEYS,
  "src/domain/snapshot.ts:202:EqualityOperator:a.tokenId <= b.tokenId": UNIQUE_KEYS,
  "src/domain/snapshot.ts:218:EqualityOperator:a.tokenId <= b.tokenId":
    "only reached when the token ids differ (the outer test), so they are never equal there",
  "src/domain/snapshot.ts:218:EqualityOperator:a.gauge <= b.gauge":
    "a standing vote is keyed by (token, gauge): two votes of one token never share a gauge",
  "src/domain/snapshot.ts:263:EqualityOperator:a.holder <= b.holder": `holdings are keyed by address: ${UNIQUE_KEYS}`,
  "src/domain/snapshot.ts:265:ConditionalExpression:false":
    "replaces only `h.label === null`: excluded labels are strings, so !includes(null) keeps an unlabelled holder anyway",
  "src/domain/vesting.ts:69:EqualityOperator:ts <= cliffEnd":
    "at ts = cliffEnd the linear part adds (total - tge) * 0 / (duration - cliff) = 0: both give tge",
  "src/domain/vesting.ts:79:EqualityOperator:v >= released": "at v = released both give 0",
  "src/domain/votingPower.ts:76:EqualityOperator:elapsed >= curve.maxTime": "at elapsed = maxTime both give maxTime",
  "src/domain/votingPower.ts:76:EqualityOperator:elapsed <= 0n": "at elapsed = 0 both give 0",
  "src/domain/votingPower.ts:78:EqualityOperator:fp < 0n": "at fp = 0, fp / WAD is 0 too",
  "src/domain/votingPower.ts:119:ConditionalExpression:false":
    "replaces only `lock.amount === 0n`: with amount 0 every later path returns 0 or biasAt(0, ...) = 0",
  "src/domain/votingPower.ts:123:EqualityOperator:season >= lock.start": "at season = lock.start both anchors are the same",
};
