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
  "src/domain/snapshot.ts:87:ConditionalExpression:true":
    "replaces only `h.label !== null`: NON_CIRCULATING_LABELS.includes(null) is false, so a null label is still circulating",
  // byKey sorts the gauges' entries of one Map. Two mutants share the first key: `a[0] < b[0]` and `a[0] > b[0]` both become `a[0] <= b[0]`
  "src/domain/snapshot.ts:190:EqualityOperator:a[0] <= b[0]": `first: ${UNIQUE_KEYS}; second: it returns 0 for a > b, and ${V8_SORT}`,
  "src/domain/snapshot.ts:190:ConditionalExpression:true": `${UNIQUE_KEYS}; ${V8_SORT}`,
  "src/domain/snapshot.ts:190:ConditionalExpression:false": V8_SORT,
  "src/domain/snapshot.ts:190:EqualityOperator:a[0] >= b[0]": UNIQUE_KEYS,
  "src/domain/snapshot.ts:262:ConditionalExpression:false":
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
  "src/domain/votingPower.ts:142:ConditionalExpression:true":
    "performance only: the factor of an anchor is computed again for every lock instead of once, from the same anchor: the same value",
  "src/domain/votingPower.ts:144:EqualityOperator:elapsed >= maxTime": "at elapsed = maxTime both give maxTime",
  "src/domain/votingPower.ts:144:ConditionalExpression:false":
    "replaces `elapsed < 0n`, which never holds here: a lock with t < start returned 0 before, and the season anchor is a start at or before t, so anchor = max(season, start) <= t",
  "src/domain/votingPower.ts:144:EqualityOperator:elapsed <= 0n": "at elapsed = 0 both give 0",
  // three mutants share this key; the ones that replace the whole test or `t < lock.start` are killed
  "src/domain/votingPower.ts:151:ConditionalExpression:false":
    "replaces only `lock.amount === 0n`: with amount 0 the product amount × factor is 0, and 0 is returned",
  "src/domain/votingPower.ts:154:EqualityOperator:season >= lock.start": "at season = lock.start both anchors are the same",
  "src/domain/votingPower.ts:155:EqualityOperator:fp < 0n": "at fp = 0, fp / WAD is 0 too",
  "src/domain/voteTally.ts:41:ConditionalExpression:false":
    "performance only: every token id is keyed as a bigint, and a Map compares bigints by value (SameValueZero): the same counts",
  "src/domain/voteTally.ts:41:EqualityOperator:tokenId < MAX_EXACT":
    "only MAX_SAFE_INTEGER itself is keyed as a bigint instead of its exact number; an id always gets the same key and no other id gets it, so the counts are the same",
  "src/domain/voteTally.ts:47:EqualityOperator:amount <= 0n":
    "addTo never gets an amount of 0: apply returns before it for a row with amount <= 0, and sign × amount is then non-zero",
  "src/domain/voteTally.ts:68:ConditionalExpression:false":
    "scopes are keyed by a row's voterContract, a Hex string (StandingVoteRow), never null: get(null) finds nothing, the same undefined",
  "src/domain/voteTally.ts:90:EqualityOperator:sign <= 0n": "sign is 1n or -1n, never 0n",
  // src/metrics
  "src/metrics/concentration.ts:140:ConditionalExpression:false":
    "performance only: without the word path every input goes through sortedPopulation, whose keyed sort (>= 64 amounts) yields the same floats in input order for Theil and exact bigint prefix sums equal to scanPrefixesByOrder's; below 64 the code already takes that path.",
  "src/metrics/concentration.ts:140:EqualityOperator:amounts.length > WORD_PATH_MIN":
    "performance only: only length 64 changes path, and at 64 the bigint path's keyed sort gives the same input-order floats (Theil) and exact prefix sums as the word path.",
  "src/metrics/concentration.ts:141:ConditionalExpression:false":
    "performance only: sortPermutation's result is discarded and sortedPopulation re-sorts; for >= 64 amounts its floats are in input order like the word path's, and every other field is an exact bigint value, so all outputs are equal.",
  "src/metrics/concentration.ts:141:BlockStatement:{}":
    "performance only: the emptied block falls through to the bigint path, which for these (>= 64, below 2^128) inputs gives the same exact prefix sums and the same input-order float Theil sum.",
  "src/metrics/concentration.ts:144:ConditionalExpression:true":
    "the while test `start < order.length` replaced by true: at start = order.length, order[start] is undefined on the Uint32Array, floats[undefined] is undefined !== 0, so the loop stops at the same index.",
  "src/metrics/concentration.ts:144:EqualityOperator:start <= order.length":
    "at start = order.length the second operand reads floats[order[order.length]] = floats[undefined] = undefined, not === 0, so the loop ends at the same start.",
  "src/metrics/entropy.ts:57:EqualityOperator:i <= amounts.length":
    "amounts[amounts.length] is undefined and `undefined > 0n` is false, so the extra iteration does not count.",
  "src/metrics/errors.ts:81:ConditionalExpression:true":
    "(the `value !== null` operand) null then goes through JSON.stringify(null, replacer), which returns \"null\", the same text String(null) gives.",
  "src/metrics/errors.ts:84:BlockStatement:{}":
    "an empty catch falls out of the if block to the final `return String(value)`, the same value the catch block returns.",
  "src/metrics/gini.ts:52:ConditionalExpression:false":
    "redundant guard: with n <= 1 the prefix loop (start..last−1) reads no element, and giniFromPrefixSum applies the same `n <= 1 || total === 0n` check to the same n and total, returning 0 (performance only). / (n <= 1 operand) the loop runs over no element for n <= 1 and giniFromPrefixSum returns 0 on its own identical guard. / (total === 0n operand) the loop sums zeros and giniFromPrefixSum's own `total === 0n` guard returns 0.",
  "src/metrics/gini.ts:52:LogicalOperator:n <= 1 && total === 0n":
    "redundant guard: the loop only reads existing elements, and giniFromPrefixSum repeats `n <= 1 || total === 0n` on the same population and returns 0.",
  "src/metrics/gini.ts:52:EqualityOperator:n < 1":
    "n = 1 goes on to a loop over no element and giniFromPrefixSum's own `n <= 1` guard returns 0.",
  "src/metrics/giniMeanDifference.ts:34:EqualityOperator:i <= n":
    "at i = n the inner loop starts at j = n + 1 > n and runs zero times, so the extra outer iteration adds nothing.",
  "src/metrics/giniMeanDifference.ts:38:EqualityOperator:d <= 0n":
    "the two branches differ only at d = 0n, where -d = 0n = d.",
  "src/metrics/influence.ts:132:ConditionalExpression:false":
    "(whole condition) A gauge is skipped iff its total is 0 (then topVoter is null, topVoterAmount 0n); gauges are sorted by total descending so zero gauges come last, and a zero gauge g can never replace best (lhs = 0n*best.total = 0 is never > rhs), while an all-zero best is turned into null by the final `best.topVoter !== null` check: same result. / (left operand, `false || g.topVoter === null`) g.topVoter === null holds exactly when g.total === 0n (line 111), so dropping the total test changes nothing. / (right operand, `g.total === 0n || false`) g.total === 0n holds exactly when g.topVoter === null (line 111), so dropping the topVoter test changes nothing.",
  "src/metrics/influence.ts:132:LogicalOperator:g.total === 0n && g.topVoter === null":
    "topVoter is null exactly when the gauge total is 0 (line 111: top = gaugeTotal > 0n ? ranked[0] : null), so `a && b` equals `a || b` for every gauge.",
  "src/metrics/influence.ts:150:ConditionalExpression:true":
    "best is only ever set to a gauge that passed line 132, i.e. with a non-null topVoter, so `best.topVoter !== null` is always true when best is non-null.",
  "src/metrics/influence.ts:363:EqualityOperator:a <= b":
    "(first test, a < b -> a <= b) compareIds is only called on two distinct ids (keys of one Map: gauges of byGauge, voters of one rank() map), so a === b never occurs and <= equals <. / (second test, a > b -> a <= b) reached only when a >= b, so it returns 0 instead of 1 for a > b; V8's Array.prototype.sort only tests comparator < 0, so 0 and 1 order identically.",
  "src/metrics/influence.ts:363:EqualityOperator:a >= b":
    "(second test, a > b -> a >= b) compareIds only ever compares distinct ids (Map keys), so a === b never occurs and >= equals >.",
  "src/metrics/influence.ts:363:ConditionalExpression:true":
    "(second test, `a < b ? -1 : true ? 1 : 0`) reached only when a >= b and ids are distinct (Map keys), so a > b holds anyway and 1 is returned as before.",
  "src/metrics/influence.ts:363:ConditionalExpression:false":
    "(second test, `a < b ? -1 : false ? 1 : 0`) returns 0 instead of 1 when a > b; V8's sort only tests comparator < 0, so the order is the same.",
  "src/metrics/lorenz.ts:56:ConditionalExpression:false":
    "(n === 0 operand) for a population n = 0 means no member, so total = 0n and the remaining `total === 0n` operand returns the same diagonal.",
  "src/metrics/lorenz.ts:65:EqualityOperator:points > n + 1":
    "at points = n + 1 the downsampling branch emits round(j·n/n) = j for j = 0..n (j·n and the division by n are exact in doubles), the same indices as the full curve.",
  "src/metrics/lorenz.ts:79:ConditionalExpression:false":
    "at target = n the cumulative sum is the whole total, so Number(S)/Number(S) = 1 exactly (or ratioToNumber(S, S) = 1 when S overflows a double), the same y = 1.",
  "src/metrics/nakamoto.ts:43:ConditionalExpression:false":
    "with total 0 every bound is ⌊num·0/den⌋ = 0 and every sum is 0, so `sum > bound` never holds and the walk returns the same all-zero result (performance only).",
  "src/metrics/nakamoto.ts:50:ConditionalExpression:true":
    "`remaining > 0` replaced by true: the walk continues after every threshold is set, but `result[t] === 0` is then false for all t (k >= 1 once set), so nothing changes (performance only).",
  "src/metrics/nakamoto.ts:50:EqualityOperator:remaining >= 0":
    "the walk continues while remaining = 0 until i < 0, but every result[t] is already non-zero so no further assignment happens (performance only).",
  "src/metrics/nakamoto.ts:53:EqualityOperator:t <= bounds.length":
    "at t = bounds.length result[t] is undefined, `undefined === 0` is false and short-circuits, so the extra iteration does nothing.",
  "src/metrics/nakamoto.ts:56:UpdateOperator:remaining++":
    "remaining then never reaches 0, so the walk always runs to i < 0; each result[t] is still set only at its first crossing (guarded by result[t] === 0), so the result is the same (performance only).",
  "src/metrics/palma.ts:44:ConditionalExpression:false":
    "redundant guard: palmaFromPrefixes repeats `n === 0 || total === 0n` on the same population and returns null; for a consistent population (n = ascending.length − start) bottom(k4), fromTop(k9) only read members, so nothing throws before it. / (n === 0 operand) n = 0 implies total = 0 for a consistent population and palmaFromPrefixes returns null on the same check; bottom(0)/fromTop(0) read nothing out of range. / (total === 0n operand) palmaFromPrefixes returns null on the same total === 0n check; the sums over the (all-zero) members cannot throw.",
  "src/metrics/palma.ts:44:LogicalOperator:n === 0 && total === 0n":
    "redundant guard: whichever operand lets the call through, palmaFromPrefixes applies the same `n === 0 || total === 0n` check to the same n and total and returns null.",
  "src/metrics/prefixScan.ts:35:EqualityOperator:0n <= b":
    "A bound of 0n is then open but C_j < 0n never holds, so it closes at j = 1 with lastBelow still -1; only `active` (a skip flag) changes.",
  "src/metrics/prefixScan.ts:35:ConditionalExpression:true":
    "Bounds <= 0n are then open but C_j >= 0 is never below them, so they close at j = 1 with lastBelow still -1; only `active` changes.",
  "src/metrics/prefixScan.ts:36:MethodExpression:open":
    "performance only: active starts at below.length instead of the open count; it only decides whether to loop over the bounds, whose closed entries are skipped anyway.",
  "src/metrics/prefixScan.ts:42:EqualityOperator:w <= wanted.length":
    "wanted[wanted.length] is undefined, never === j, so the extra iteration does nothing.",
  "src/metrics/prefixScan.ts:43:ConditionalExpression:true":
    "performance only: with every bound closed the loop only hits `continue`.",
  "src/metrics/prefixScan.ts:43:EqualityOperator:active >= 0":
    "performance only: with active = 0 every bound is closed and the loop only hits `continue`.",
  "src/metrics/prefixScan.ts:44:EqualityOperator:b <= below.length":
    "open[below.length] is undefined, so the extra iteration hits `continue`.",
  "src/metrics/prefixScan.ts:47:BlockStatement:{}":
    "A population holds amounts >= 0 (sortedPopulation validates, populationOf takes validated sorted amounts), so C_j never decreases: once C_j >= b it stays, and leaving the bound open never sets lastBelow again.",
  "src/metrics/prefixScan.ts:49:UpdateOperator:active++":
    "performance only: active never reaches 0, so the bound loop keeps running, but closed bounds only hit `continue`.",
  "src/metrics/prefixScan.ts:87:ArrayDeclaration:new Array()":
    "boundary[0..blocks] are all assigned before any read, so the array built from empty is the same (performance only).",
  "src/metrics/prefixScan.ts:120:ConditionalExpression:true":
    "At b = blocks boundary[blocks + 1] is undefined and `undefined < bound` is false, so the walk stops at b = blocks as before.",
  "src/metrics/prefixScan.ts:120:EqualityOperator:b + 1 < blocks":
    "b then stops at blocks - 1 when the bound exceeds the total, and the walk through the last block reaches j = n (every C_j <= total < bound), the same answer (performance only).",
  "src/metrics/prefixScan.ts:120:ArithmeticOperator:b - 1":
    "b - 1 <= blocks only lets b reach blocks + 1 via boundary[blocks + 1], which is undefined (comparison false), so b stops at blocks as before.",
  "src/metrics/prefixScan.ts:134:ConditionalExpression:false":
    "With n = 0 there are no blocks, so sumOfAllPrefixes - total is 0n - 0n = 0n, the same value.",
  "src/metrics/ratio.ts:34:EqualityOperator:num <= 0n":
    "num === 0n already returned 0 on line 32, so num is non-zero here and `< 0n` and `<= 0n` agree.",
  "src/metrics/ratio.ts:38:EqualityOperator:den <= 0n":
    "den === 0n already threw on line 31, so den is non-zero here and `< 0n` and `<= 0n` agree.",
  "src/metrics/ratio.ts:45:EqualityOperator:shift > 0":
    "at shift 0 both branches compute q = num / den and r = num - q*den (num << 0n and den << 0n are unchanged).",
  "src/metrics/ratio.ts:64:EqualityOperator:x <= 0n":
    "for x = 0n, -x is 0n again, so the extra negation changes nothing.",
  "src/metrics/ratio.ts:65:ConditionalExpression:false":
    "bitLength(0n) without the early return is (1 - 1) * 4 + (32 - Math.clz32(0)) = 0 + 0 = 0, the same result.",
  "src/metrics/ratio.ts:72:ConditionalExpression:false":
    "e > 1000 only when |num/den| >= 2^54 * 2^1001, so the result is Infinity both with the loop and with x * 2 ** e (2 ** e is either finite and the product overflows, or Infinity).",
  "src/metrics/ratio.ts:72:EqualityOperator:e >= 1000":
    "at e = 1000 the mutant computes x * 2^1000 * 2^0, the same product as x * 2 ** 1000.",
  "src/metrics/ratio.ts:76:EqualityOperator:e <= -1000":
    "at e = -1000 the mutant computes x * 2^-1000 * 2^0, the same product as x * 2 ** -1000.",
  "src/metrics/ratio.ts:103:Regex:/(\\d+)(?:\\.(\\d+))?(?:e([+-]?\\d+))?$/":
    "String() of a finite number >= 0 (NaN, Infinity and negatives were refused earlier) is always digits[.digits][e±digits], which both regexes match from index 0 with the same groups.",
  "src/metrics/ratio.ts:103:Regex:/^(\\d+)(?:\\.(\\d+))?(?:e([+-]?\\d+))?/":
    "String() of a finite number >= 0 is always digits[.digits][e±digits], so the greedy match already reaches the end and the groups are the same without `$`.",
  "src/metrics/ratio.ts:103:Regex:/^(\\d+)(?:\\.(\\d+))?(?:e([+-]\\d+))?$/":
    "JavaScript's Number-to-String always writes the exponent sign (\"1e+21\", \"1e-7\"), so requiring the sign matches the same strings.",
  "src/metrics/ratio.ts:104:ConditionalExpression:false":
    "the regex matches String() of every finite number >= 0 (the only numbers that reach this line), so m is never null.",
  "src/metrics/ratio.ts:104:StringLiteral:\"\"":
    "unreachable message: the regex matches String() of every finite number >= 0, so this throw never runs.",
  "src/metrics/ratio.ts:106:StringLiteral:\"\"":
    "Number(\"\") is 0, the same as Number(\"0\").",
  "src/metrics/ratio.ts:108:EqualityOperator:exp > 0":
    "at exp 0 the else branch gives num = digits, den = 10n ** 0n = 1n, the same as digits * 10n ** 0n over 1n.",
  "src/metrics/ratio.ts:129:ConditionalExpression:true":
    "Number.isSafeInteger is false for every non-number, so the typeof check adds nothing.",
  "src/metrics/sortAmounts.ts:31:StringLiteral:\"\"":
    "The order argument is only tested with `order === \"descending\"`, so a default of \"\" sorts ascending exactly like \"ascending\".",
  "src/metrics/sortAmounts.ts:89:ArrayDeclaration:new Array()":
    "The loop then assigns out[0..n-1] in order, so the array built from empty is the same dense array (performance only: no preallocation).",
  "src/metrics/sortAmounts.ts:125:ConditionalExpression:true":
    "The test `Uint16Array([1])` read as bytes is already true on every little-endian host (x86, ARM) where this runs; only a big-endian machine could tell them apart.",
  "src/metrics/sortAmounts.ts:135:ConditionalExpression:false":
    "performance only: once an amount of 2^128 or more has turned `exact` off, the words are still filled but never read (exactWords is null): the doubles and the order are the same",
  "src/metrics/sortAmounts.ts:137:ConditionalExpression:false":
    "below 2^64 the high-word estimate is round(f/2^64 - l/2^64) with l = x: |f - x| <= 2^10 makes it round(±2^-54) = 0, the zero the words already hold (performance only)",
  "src/metrics/sortAmounts.ts:138:ConditionalExpression:false":
    "performance only: amounts in [2^64, 2^112) then take the [2^112, 2^128) branch, which stores the high words exactly as x >> 64n: the same words",
  "src/metrics/sortAmounts.ts:138:EqualityOperator:f <= TWO_112":
    "at f = 2^112 the estimate's error is at most 2^-5 (f is x within 2^59), so round() gives the exact high words, the same as x >> 64n in the other branch",
  "src/metrics/sortAmounts.ts:140:ArithmeticOperator:words![4 * i + 1]! * TWO_MINUS_32 - words![4 * i]! * TWO_MINUS_64":
    "The word-0 term is below 2^-32, while f/2^64 - l/2^64 is within 2^-6 of the integer h plus at most 2^-6 of rounding (values < 2^48), so Math.round gives the same h either way (also checked on 2e5 random x in [2^64, 2^112)).",
  "src/metrics/sortAmounts.ts:153:EqualityOperator:i <= n":
    "The extra iteration writes key[n] and idx[n], out of bounds of Uint32Arrays of length n, which is ignored.",
  "src/metrics/sortAmounts.ts:163:ConditionalExpression:false":
    "performance only: a counting pass over a digit that has one value for every element is a stable identity permutation.",
  "src/metrics/sortAmounts.ts:165:EqualityOperator:d <= RADIX":
    "The extra iteration reads counts[RADIX] (undefined), writes it out of bounds (ignored) and only makes `position` NaN, which is not used after the loop.",
  "src/metrics/sortAmounts.ts:181:ConditionalExpression:false":
    "performance only: with lowWords all 0 a long run gets no low-word pass and forms one sub-run, which fixRun then orders exactly and stably (the order is fully determined: amount, then input index).",
  "src/metrics/sortAmounts.ts:181:EqualityOperator:i <= n":
    "The extra write lowWords[n] is out of bounds of a Uint32Array of length n and ignored.",
  "src/metrics/sortAmounts.ts:181:EqualityOperator:i >= n":
    "The loop never runs (0 >= n only for n = 0), the same as `false`: performance only, each long run becomes one sub-run ordered exactly by fixRun.",
  "src/metrics/sortAmounts.ts:183:ConditionalExpression:false":
    "performance only: fixRunByBigint also orders the run exactly with ties by input index, the same unique order fixRunByWords gives.",
  "src/metrics/sortAmounts.ts:188:ConditionalExpression:true":
    "Only differs at i = n, where key[n] is undefined (out of bounds) and never === key[n - 1], so the run is closed as before.",
  "src/metrics/sortAmounts.ts:188:EqualityOperator:i <= n":
    "Only differs at i = n, where key[n] is undefined (out of bounds) and never === key[n - 1], so the run is closed as before.",
  "src/metrics/sortAmounts.ts:189:ConditionalExpression:true":
    "performance only: short runs also get the (stable) low-word pass and exact sub-run fixes; the result is the same unique order (amount, then input index).",
  "src/metrics/sortAmounts.ts:189:ConditionalExpression:false":
    "performance only: long runs are fixed whole by fixRun (exact: insertion or 4-word radix, or bigint comparisons), giving the same unique order.",
  "src/metrics/sortAmounts.ts:189:EqualityOperator:i - runStart >= SHORT_RUN":
    "performance only: a run of exactly 16 takes the low-word radix + exact sub-run path instead of the exact fixRun; both give the unique stable order.",
  "src/metrics/sortAmounts.ts:189:EqualityOperator:i - runStart <= SHORT_RUN":
    "performance only: the two exact paths (low-word radix + sub-run fixes, or one fixRun over the run) are swapped; both give the unique stable order.",
  "src/metrics/sortAmounts.ts:189:ArithmeticOperator:i + runStart":
    "performance only: some short runs take the low-word radix + sub-run path instead of fixRun; both exact and stable.",
  "src/metrics/sortAmounts.ts:192:ArithmeticOperator:runStart - 1":
    "The extra first iterations look at elements before the run (or undefined indices at 0): they can only start the sub-run one element early, at an already placed, strictly smaller element, which the exact stable fixRun leaves first.",
  "src/metrics/sortAmounts.ts:193:ConditionalExpression:true":
    "performance only: the whole long run becomes one sub-run, which fixRun orders exactly and stably.",
  "src/metrics/sortAmounts.ts:194:ConditionalExpression:true":
    "fixRun over a one-element sub-run is a no-op (insertion loop empty; bigint loop empty).",
  "src/metrics/sortAmounts.ts:194:EqualityOperator:j - sub >= 1":
    "j - sub is at least 1, and fixRun over a one-element sub-run is a no-op.",
  "src/metrics/sortAmounts.ts:194:ArithmeticOperator:j + sub":
    "j - sub >= 2 implies j + sub > 1, and the extra calls are on one-element sub-runs (no-op).",
  "src/metrics/sortAmounts.ts:197:ConditionalExpression:true":
    "fixRun over a one-element run is a no-op.",
  "src/metrics/sortAmounts.ts:197:EqualityOperator:i - runStart >= 1":
    "i - runStart is at least 1, and fixRun over a one-element run is a no-op.",
  "src/metrics/sortAmounts.ts:197:ArithmeticOperator:i + runStart":
    "i - runStart >= 2 implies i + runStart > 1, and the extra calls are on one-element runs (no-op).",
  "src/metrics/sortAmounts.ts:219:EqualityOperator:x <= y":
    "Evaluated only when x !== y, where x <= y and x < y agree.",
  "src/metrics/sortAmounts.ts:226:ConditionalExpression:false":
    "performance only: short runs take the sorted-check + 4-word LSD radix path, which is also exact and stable.",
  "src/metrics/sortAmounts.ts:226:EqualityOperator:to - from < SHORT_RUN":
    "performance only: a run of exactly 16 takes the sorted-check + 4-word radix path, also exact and stable.",
  "src/metrics/sortAmounts.ts:226:ArithmeticOperator:to + from":
    "to + from <= 16 implies to - from <= 16, so only some short runs move to the radix path, which is also exact and stable (performance only).",
  "src/metrics/sortAmounts.ts:226:BlockStatement:{}":
    "performance only: every run takes the sorted-check + 4-word radix path, also exact and stable.",
  "src/metrics/sortAmounts.ts:227:ArithmeticOperator:from - 1":
    "The extra first step inserts idx[from-1] with the loop guard i >= from already false, writing it back unchanged (at from = 0, idx[-1] is out of bounds: read undefined, write ignored).",
  "src/metrics/sortAmounts.ts:238:BooleanLiteral:false":
    "performance only: the sorted check never runs and every long run gets the exact, stable 4-word radix sort.",
  "src/metrics/sortAmounts.ts:239:ArithmeticOperator:from - 1":
    "The extra comparisons are of already placed, ascending elements before the run (<= 0) or involve an undefined index (returns 1, so radix sort): at worst an unneeded exact radix sort.",
  "src/metrics/sortAmounts.ts:239:LogicalOperator:j < to || sorted":
    "While still sorted the check walks on into the next, strictly larger elements and finally hits idx[n] (undefined, compare 1), so sorted ends false and the run is always radix sorted exactly (performance only).",
  "src/metrics/sortAmounts.ts:239:ConditionalExpression:true":
    "Same as `j < to || sorted`: the walk always ends with sorted false (at idx[n] at the latest), so the run is always radix sorted exactly (performance only).",
  "src/metrics/sortAmounts.ts:239:EqualityOperator:j <= to":
    "The extra comparison is with idx[to], a strictly larger amount (next sub-run or run, compare -1) or undefined at n (compare 1, extra exact radix sort only).",
  "src/metrics/sortAmounts.ts:239:UpdateOperator:j--":
    "Walking down, the check ends at j = 0 at the latest where idx[-1] is undefined (compare 1), so sorted is always false and the run always radix sorted exactly (performance only).",
  "src/metrics/sortAmounts.ts:239:ConditionalExpression:false":
    "performance only: sorted is always false, so every long run gets the exact, stable radix sort.",
  "src/metrics/sortAmounts.ts:239:EqualityOperator:compareWords(words, idx[j - 1]!, idx[j]!) < 0":
    "performance only: runs with equal neighbours count as unsorted and get the exact, stable radix sort (an already sorted run is left the same by it).",
  "src/metrics/sortAmounts.ts:239:ArithmeticOperator:j + 1":
    "The last comparison is compareWords(idx[to], idx[to-1]) with idx[to] strictly larger (or undefined at n): always 1, so sorted always ends false and the run is always radix sorted exactly (performance only).",
  "src/metrics/sortAmounts.ts:240:ConditionalExpression:true":
    "performance only: an exact stable radix sort of an already sorted run leaves it unchanged.",
  "src/metrics/sortAmounts.ts:258:ArrayDeclaration:new Array()":
    "fill(0) on the empty array does nothing, and differs[k] is then assigned for every k < size before any read.",
  "src/metrics/sortAmounts.ts:259:EqualityOperator:k <= size":
    "The extra differs[size] (from out-of-range or other elements' words) is never read: the pass loop only reads differs[bit >> 5] with bit < 32·size.",
  "src/metrics/sortAmounts.ts:262:ArithmeticOperator:from - 1":
    "The extra element (before the run, or undefined → 0) can only add bits to differs, i.e. extra passes over digits equal inside the run, which are stable no-ops (performance only).",
  "src/metrics/sortAmounts.ts:262:EqualityOperator:j <= to":
    "The extra element idx[to] (or undefined → 0) can only add bits to differs, i.e. extra passes that are stable no-ops (performance only).",
  "src/metrics/sortAmounts.ts:265:ConditionalExpression:true":
    "performance only: 16-bit digits (counts has 2^16 entries) sort exactly as 8-bit digits do.",
  "src/metrics/sortAmounts.ts:265:ConditionalExpression:false":
    "performance only: 8-bit digits sort long runs exactly as 16-bit digits do.",
  "src/metrics/sortAmounts.ts:265:EqualityOperator:to - from > LONG_RUN":
    "performance only: a run of exactly 2^16 uses 8-bit digits, which sort exactly too.",
  "src/metrics/sortAmounts.ts:265:EqualityOperator:to - from < LONG_RUN":
    "performance only: the digit widths are swapped; 8- and 16-bit LSD passes both sort exactly and stably.",
  "src/metrics/sortAmounts.ts:265:ArithmeticOperator:to + from":
    "performance only: some runs use 16-bit digits instead of 8-bit, which sort exactly and stably too.",
  "src/metrics/sortAmounts.ts:267:EqualityOperator:bit <= 32 * size":
    "The extra step reads differs[size], undefined → 0 after >>> and &, so it is skipped.",
  "src/metrics/sortAmounts.ts:270:ConditionalExpression:false":
    "performance only: passes over digits equal throughout the run are stable identity permutations.",
  "src/metrics/sortAmounts.ts:289:ArithmeticOperator:from - 1":
    "The extra comparisons are of placed ascending elements before the run or undefined values (false); if a sort is triggered it sorts only [from, to) exactly, so the result is the same.",
  "src/metrics/sortAmounts.ts:289:EqualityOperator:j <= to":
    "The extra comparison is with idx[to], strictly larger or undefined (false); a triggered sort would be exact anyway.",
  "src/metrics/sortAmounts.ts:290:ConditionalExpression:true":
    "performance only: the run is always sorted by the exact comparator with index tie-break, which leaves an ordered run unchanged.",
  "src/metrics/sortAmounts.ts:290:EqualityOperator:amounts[idx[j - 1]!]! >= amounts[idx[j]!]!":
    "performance only: equal neighbours trigger the exact sort with index tie-break, which leaves a run ordered by (amount, index) unchanged.",
  "src/metrics/sortAmounts.ts:291:ArithmeticOperator:a + b":
    "Equal amounts enter the run in ascending index order and V8's TimSort always calls comparefn(later, earlier), so the tie-break is only ever asked when a - b > 0, where a + b > 0 too (no difference found on 3,000 random tie-heavy arrays).",
  "src/metrics/theil.ts:73:EqualityOperator:n < 1":
    "At n = 1 the unguarded code returns Math.min(Math.log(1), Math.max(0, sum)) = min(0, max(0, sum)) = 0 for any non-NaN sum, and with non-negative values/floats (the documented contract) every term s·ln(s) is finite or +Infinity, never NaN (s > 0 check / f !== 0 skip), so the result is 0 either way.",
  "src/metrics/theil.ts:85:ConditionalExpression:true":
    "performance only: for excess <= 0 the shift BigInt(excess) is a left shift by -excess (<= 1000 bits total), and Number(x·2^k)/Number(S·2^k) equals Number(x)/Number(S) exactly (scaling by a power of two commutes with rounding, no overflow since S·2^k < 2^1000), excess 0 gives 0n as before.",
  "src/metrics/theil.ts:85:EqualityOperator:excess >= 0":
    "Differs only at excess = 0, where BigInt(0) is 0n, the same shift as the else branch.",
  "src/metrics/theil.ts:89:ConditionalExpression:false":
    "performance only: a zero x gives s = Number(0n >> shift) / scaledTotal = 0 (scaledTotal > 0 since S > 0 and shift <= bitLength(S) - 1000), which the `if (s > 0)` on line 91 skips.",
  "src/metrics/theil.ts:90:ConditionalExpression:false":
    "When shift is 0n, x >> 0n is x, so always shifting gives the same value (performance only).",
  "src/metrics/topShare.ts:35:ConditionalExpression:false":
    "(n === 0 operand) with N = 0 the loop starts at length − 1 < stop = length and adds nothing, so ratioToNumber(0n, total) returns 0, the same value (performance only).",
  // src/alerts
  "src/alerts/config.ts:32:ObjectLiteral:{}":
    "the check's error option emptied: zod then reports the failure with its schema's error, `z.number({ error })`, which is the same text",
  "src/alerts/config.ts:33:ObjectLiteral:{}":
    "the check's error option emptied: zod then reports the failure with its schema's error, `z.number({ error })`, which is the same text",
  "src/alerts/config.ts:52:ObjectLiteral:{}":
    "two mutants (the .int and .min error options): zod then reports with the schema's `z.number({ error })`, the same text",
  "src/alerts/config.ts:67:ObjectLiteral:{}":
    "two mutants (the .int and .min error options): zod then reports with the schema's `z.number({ error })`, the same text",
  "src/alerts/config.ts:68:ObjectLiteral:{}":
    "two mutants (the .int and .min error options): zod then reports with the schema's `z.number({ error })`, the same text",
  "src/alerts/config.ts:79:ObjectLiteral:{}":
    "two mutants (the .int and .min error options): zod then reports with the schema's `z.number({ error })`, the same text",
  "src/alerts/config.ts:98:ObjectLiteral:{}":
    "two mutants (the .int and .min error options): zod then reports with the schema's `z.number({ error })`, the same text",
  "src/alerts/config.ts:106:ObjectLiteral:{}":
    "three mutants (the .int, .min and .max error options): zod then reports with the schema's `z.number({ error })`, the same text",
  "src/alerts/config.ts:203:ConditionalExpression:true":
    "the only issue paths are [], [\"rules\"] and [\"rules\", i, ...]: for the first two path[1] is undefined, and ruleIdAt(value, undefined) reads rules[undefined], which a parsed JSON array never has: no rule id is added either way",
  "src/alerts/config.ts:203:LogicalOperator:issue.path[0] === \"rules\" || typeof issue.path[1] === \"number\"":
    "the only issue paths are [], [\"rules\"] and [\"rules\", i, ...]: path[1] is a number exactly when path[0] is \"rules\" and an index follows, and rules[undefined] gives no id",
  "src/alerts/config.ts:212:OptionalChaining:(value as {\n  rules?: unknown;\n} | null).rules":
    "ruleIdAt runs only for an issue at rules[i], so the value is an object holding a rules array, never null",
  "src/alerts/config.ts:213:ConditionalExpression:false":
    "ruleIdAt runs only for an issue at rules[i], which zod reports only when rules is an array",
  "src/alerts/config.ts:237:StringLiteral:\"\"":
    "the label names the source in error messages only, and the built-in defaults always parse (tested)",
  "src/alerts/config.ts:242:StringLiteral:\"\"":
    "readFileSync with an empty encoding returns a Buffer, and JSON.parse reads it through String(buffer), which decodes UTF-8: the same text",
  "src/alerts/http.ts:45:ConditionalExpression:true":
    "parseAlertQueryParams and checkAlertQuery throw only AlertQueryError (the query schema's failures are rethrown as one), so every error caught here is one",
  "src/alerts/page.ts:60:StringLiteral:\"Stryker was here!\"":
    "afterTs -1 matches no alert (ts >= 0), so the id compared on a ts tie is never read",
  "src/alerts/page.ts:162:Regex:/^-\\d/":
    "reached only for a value starting with = + - or @: one starting with a digit never gets here, so /^-?\\d/ and /^-\\d/ agree",
  "src/alerts/rules.ts:50:ConditionalExpression:true":
    "replaces `a.id > b.id`: reached only when a.id < b.id is false, and alert ids are unique (rule, epoch, subject), so a.id > b.id is true there anyway",
  "src/alerts/rules.ts:50:ConditionalExpression:false":
    "replaces `a.id > b.id`: the comparator then returns 0 instead of 1 for a > b, and V8's sort only tests comparator < 0",
  "src/alerts/rules.ts:50:EqualityOperator:a.id >= b.id":
    "replaces `a.id > b.id`: alert ids are unique, so >= and > agree",
  "src/alerts/rules.ts:50:EqualityOperator:a.id <= b.id":
    "replaces `a.id > b.id`: reached only when a.id >= b.id, where (ids unique) a.id <= b.id is false: 0 instead of 1, and V8's sort only tests comparator < 0",
  "src/alerts/rules.ts:92:EqualityOperator:voter <= best.voter":
    "voters are the keys of a Map, so two of them are never equal",
  "src/alerts/rules.ts:165:ArrayDeclaration:[\"Stryker was here\"]":
    "without entity metrics the loop then visits a string, whose scope (undefined) never equals the rule's scope: it continues at once",
  "src/alerts/rules.ts:174:StringLiteral:\"Stryker was here!\"":
    "the gauge argument of scopeLabel is read only for the GAUGE_VOTERS scope, which an entityNakamoto rule cannot have (its schema allows CAST_VOTES, ELIGIBLE_POWER, LOCKED_BR, BR_HOLDINGS)",
  "src/alerts/rules.ts:175:StringLiteral:\"Stryker was here!\"":
    "the gauge argument of scopeLabel is read only for the GAUGE_VOTERS scope, which an entityNakamoto rule cannot have",
  "src/alerts/rules.ts:283:ConditionalExpression:false":
    "replaces `unlocking <= 0n`: the threshold is > 0 (schema), so for unlocking <= 0 the next test `unlocking * den < num * supply` (supply > 0) is true and the loop continues anyway",
  "src/alerts/rules.ts:283:EqualityOperator:unlocking < 0n":
    "at unlocking = 0, 0 < num * supply holds (threshold and supply > 0), so the loop continues anyway",
  "src/alerts/rules.ts:310:ConditionalExpression:false":
    "replaces `before === null`: then `null <= 0n` (null is read as 0) is true, so the loop continues anyway",
  "src/alerts/rules.ts:369:ConditionalExpression:default:":
    "scopeLabel is called with a rule's scope, which the config schema restricts to METRIC_SCOPES, all of them listed as cases: the default branch is unreachable",
  // bot
  "bot/config.ts:75:ArrayDeclaration:[\"Stryker was here\"]":
    "the default argv is only searched for \"--once\", which the mutant's element is not",
  "bot/config.ts:76:StringLiteral:\"\"":
    "EnvSchema is a non-strict z.object: variables other than its VE_LENS_ keys are dropped when parsed, whatever the prefix filter let through",
  "bot/config.ts:79:StringLiteral:\"\"":
    "every issue path is one variable name (a flat object), so the separator of path.join is never written",
  "bot/config.ts:115:ConditionalExpression:true":
    "the secrets are URLs (validated, never empty), a token matching /^[A-Za-z0-9:_-]+$/ (never empty) and target URLs: an empty string never reaches the filter",
  "bot/config.ts:115:EqualityOperator:s.length >= 0":
    "the same: no secret is an empty string",
  "bot/deliver.ts:53:MethodExpression:header":
    "fetch's Headers.get returns values with leading and trailing whitespace removed (Fetch standard), so trim() finds nothing to remove",
  "bot/journal.ts:56:ArrayDeclaration:[\"Stryker was here\"]":
    "replaying the string sets an entry under the key undefined, which no alert-target key ever is: every real key's state is unchanged",
  "bot/lock.ts:25:StringLiteral:\"\"":
    "readFileSync with an empty encoding returns a Buffer, and Number(buffer) reads it through its UTF-8 string: the same pid",
  "bot/worker.ts:45:ArrowFunction:() => undefined":
    "the feed then keeps settled alerts instead of pruning them; drain re-reads each alert's state in the journal before delivering, so nothing is sent twice (memory only)",
  "bot/worker.ts:45:ConditionalExpression:false":
    "the same as above: settled alerts stay in the feed's memory, and drain re-checks the journal",
  "bot/worker.ts:67:ConditionalExpression:false":
    "after an abort, drain's loop tests signal.aborted before each alert and returns at once: nothing is delivered either way",
  "bot/worker.ts:76:ConditionalExpression:true":
    "deliver re-reads the journal state first and returns when it is not pending: a settled alert is still not sent",
  "bot/worker.ts:86:ConditionalExpression:false":
    "drain calls deliver only for a pending key, one loop per target, and every append that settles the key inside deliver is followed by a return: the state read here is always pending",
  "bot/worker.ts:173:BooleanLiteral:true":
    "every refresh then wakes the sender; drain finds nothing new to deliver (an extra wake-up only)",
  "bot/worker.ts:174:BlockStatement:{}":
    "settled alerts stay in memory; drain re-checks the journal before delivering (memory only)",
  "bot/worker.ts:185:ConditionalExpression:false":
    "known alerts are set again under the same id and settled ones re-added; drain re-checks the journal, so only extra wake-ups follow",
  "bot/worker.ts:185:LogicalOperator:this.alerts.has(alert.id) && this.settled(alert)":
    "the same: alerts re-set under their id, settled ones re-added and skipped by drain's journal check",
  "bot/worker.ts:190:ConditionalExpression:true":
    "an extra wake-up on a refresh that changed nothing; drain finds nothing to deliver",
  "bot/worker.ts:190:EqualityOperator:this.version !== 0":
    "it only drops the first wake-up when the first refresh added nothing (changed false): with no alert in the feed that wake-up delivers nothing",
  "bot/worker.ts:191:UpdateOperator:this.version--":
    "changedSince waits while the version equals the one it saw: a decrement changes it as an increment does",
  "bot/worker.ts:208:ObjectLiteral:{}":
    "done() removes the abort listener itself, so `once` changes nothing",
  "bot/worker.ts:208:BooleanLiteral:false":
    "done() removes the abort listener itself, so `once` changes nothing",
};

/**
 * Surviving mutants that are not equivalent but that no test in a mutation run can kill, keyed
 * like EQUIVALENT_MUTANTS, with the reason. They count as surviving in the score.
 */
export const UNKILLED_MUTANTS: Record<string, string> = {
  "bot/journal.ts:47:BooleanLiteral:existsSync(path)":
    "it only decides whether the directory is fsynced after the journal file is created: durability across a power loss, which no process-level test can observe",
  "bot/journal.ts:49:ConditionalExpression:true":
    "the same: an extra directory fsync, observable only across a power loss",
  "bot/journal.ts:49:ConditionalExpression:false":
    "the same: a missing directory fsync, observable only across a power loss",
  "bot/journal.ts:99:BlockStatement:{}":
    "fsyncDir's body: a missing directory fsync is observable only across a power loss",
  "bot/journal.ts:101:BlockStatement:{}":
    "fsyncDir's try block: the same",
  "bot/lock.ts:19:EqualityOperator:i <= 2":
    "a third pass needs the lock file re-created by another process twice, between the removals of stale copies: the same race, with no deterministic test",
  "bot/lock.ts:19:UpdateOperator:i--":
    "only a lock file re-created by another process between the removal of a stale one and the retry reaches a second pass (the mutant would then retry forever instead of failing); no deterministic test can make that race",
  "bot/lock.ts:30:StringLiteral:``":
    "the same race: reached only when the lock file is re-created after its stale copy was removed",
  "bot/lock.ts:37:BlockStatement:{}":
    "process.kill(pid, 0) fails with EPERM only for another user's process, which a test running as root (as CI does) never meets",
  "bot/lock.ts:38:ConditionalExpression:false":
    "the same: EPERM needs a process of another user, never met as root",
  "bot/lock.ts:38:StringLiteral:\"\"":
    "the same: EPERM needs a process of another user, never met as root",
  "bot/worker.ts:166:ArithmeticOperator:attempt + 1":
    "only the length of the wait between API retries changes (4 times longer); the tests set no wall-clock limits",
};

/** Files whose mutants no test of a mutation run reaches, with the reason (and where they are tested). */
export const UNKILLED_FILES: Record<string, string> = {
  "bot/index.ts":
    "the bot's process entry (config errors, signals, exit codes): it runs only as a child process, in test/bot/delivery.test.ts, which npm test runs and mutation runs leave out (tens of seconds per mutant)",
};
