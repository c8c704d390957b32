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
  "src/metrics/concentration.ts:141:ConditionalExpression:false":
    "performance only: sortPermutation's result is discarded and sortedPopulation re-sorts; for >= 64 amounts its floats are in input order like the word path's, and every other field is an exact bigint value, so all outputs are equal.",
  "src/metrics/concentration.ts:141:EqualityOperator:amounts.length > WORD_PATH_MIN":
    "performance only: only length 64 changes path, and at 64 the bigint path's keyed sort gives the same input-order floats (Theil) and exact prefix sums as the word path.",
  "src/metrics/concentration.ts:141:ConditionalExpression:true":
    "performance only: inputs below 64 amounts then take the word path too, whose exact prefix sums and ascending-order Theil sum equal the bigint path's (the same equality that makes the `false` mutant equivalent).",
  "src/metrics/concentration.ts:141:EqualityOperator:amounts.length < WORD_PATH_MIN":
    "performance only: the two paths are swapped (word path below 64 amounts, bigint path from 64); both give the same exact prefix sums, the same squares and the same ascending-order Theil sum.",
  "src/metrics/concentration.ts:142:ConditionalExpression:false":
    "performance only: sortPermutation's result is discarded and sortedPopulation re-sorts; for >= 64 amounts its floats are in input order like the word path's, and every other field is an exact bigint value, so all outputs are equal.",
  "src/metrics/concentration.ts:142:BlockStatement:{}":
    "performance only: the emptied block falls through to the bigint path, which for these (>= 64, below 2^128) inputs gives the same exact prefix sums and the same input-order float Theil sum.",
  "src/metrics/concentration.ts:145:EqualityOperator:start <= order.length":
    "at start = order.length the second operand reads floats[order[order.length]] = floats[undefined] = undefined, not === 0, so the loop ends at the same start.",
  "src/metrics/concentration.ts:145:ConditionalExpression:true":
    "the while test `start < order.length` replaced by true: at start = order.length, order[start] is undefined on the Uint32Array, floats[undefined] is undefined !== 0, so the loop stops at the same index.",
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
  "src/metrics/hhi.ts:86:EqualityOperator:start <= n":
    "the extra iteration starts at start = n (n a multiple of SQUARES_FOLD, or 0): end = n, the inner loop does not run and 0n is added.",
  "src/metrics/hhi.ts:106:ConditionalExpression:false":
    "performance only: with w2 = w3 = 0 the limbs a4..a7 are 0 and every term added after the test has one of them as a factor, so it adds 0.",
  "src/metrics/influence.ts:132:ConditionalExpression:false":
    "(whole condition) A gauge is skipped iff its total is 0 (then topVoter is null, topVoterAmount 0n); gauges are sorted by total descending so zero gauges come last, and a zero gauge g can never replace best (lhs = 0n*best.total = 0 is never > rhs), while an all-zero best is turned into null by the final `best.topVoter !== null` check: same result. / (left operand, `false || g.topVoter === null`) g.topVoter === null holds exactly when g.total === 0n (line 111), so dropping the total test changes nothing. / (right operand, `g.total === 0n || false`) g.total === 0n holds exactly when g.topVoter === null (line 111), so dropping the topVoter test changes nothing.",
  "src/metrics/influence.ts:132:LogicalOperator:g.total === 0n && g.topVoter === null":
    "topVoter is null exactly when the gauge total is 0 (line 111: top = gaugeTotal > 0n ? ranked[0] : null), so `a && b` equals `a || b` for every gauge.",
  "src/metrics/influence.ts:150:ConditionalExpression:true":
    "best is only ever set to a gauge that passed line 132, i.e. with a non-null topVoter, so `best.topVoter !== null` is always true when best is non-null.",
  "src/metrics/influence.ts:363:EqualityOperator:a <= b":
    "(first test, a < b -> a <= b) compareIds is only called on two distinct ids (keys of one Map: gauges of byGauge, voters of one rank() map), so a === b never occurs and <= equals <. / (second test, a > b -> a <= b) reached only when a >= b, so it returns 0 instead of 1 for a > b; V8's Array.prototype.sort only tests comparator < 0, so 0 and 1 order identically.",
  "src/metrics/influence.ts:363:ConditionalExpression:true":
    "(second test, `a < b ? -1 : true ? 1 : 0`) reached only when a >= b and ids are distinct (Map keys), so a > b holds anyway and 1 is returned as before.",
  "src/metrics/influence.ts:363:ConditionalExpression:false":
    "(second test, `a < b ? -1 : false ? 1 : 0`) returns 0 instead of 1 when a > b; V8's sort only tests comparator < 0, so the order is the same.",
  "src/metrics/influence.ts:363:EqualityOperator:a >= b":
    "(second test, a > b -> a >= b) compareIds only ever compares distinct ids (Map keys), so a === b never occurs and >= equals >.",
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
  "src/metrics/prefixScan.ts:35:ConditionalExpression:true":
    "Bounds <= 0n are then open but C_j >= 0 is never below them, so they close at j = 1 with lastBelow still -1; only `active` changes.",
  "src/metrics/prefixScan.ts:35:EqualityOperator:0n <= b":
    "A bound of 0n is then open but C_j < 0n never holds, so it closes at j = 1 with lastBelow still -1; only `active` (a skip flag) changes.",
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
  "src/metrics/prefixScan.ts:49:UpdateOperator:active++":
    "performance only: active never reaches 0, so the bound loop keeps running, but closed bounds only hit `continue`.",
  "src/metrics/prefixScan.ts:88:ArrayDeclaration:new Array()":
    "boundary[0..blocks] are all assigned before any read, so the array built from empty is the same (performance only).",
  "src/metrics/prefixScan.ts:114:ConditionalExpression:false":
    "performance only: a block's running sums are formed again on every use instead of once; the same values.",
  "src/metrics/prefixScan.ts:116:MethodExpression:Math.max(BLOCK, n - b * BLOCK)":
    "the running sums are then formed past the block's end (reading later members or, past the population, undefined words giving NaN), but inBlock reads only entries up to the block's own length, which come first and are unchanged.",
  "src/metrics/prefixScan.ts:116:ArithmeticOperator:n + b * BLOCK":
    "the length is then BLOCK for every block after the first (and n for the first when n < BLOCK, as before): only a last partial block gets extra entries past its end, which inBlock never reads.",
  "src/metrics/prefixScan.ts:116:ArithmeticOperator:b / BLOCK":
    "for b = 0 unchanged; a block b >= 1 exists only when n > BLOCK, so min(BLOCK, n - b/BLOCK) = BLOCK: a last partial block gets extra entries past its end, which inBlock never reads.",
  "src/metrics/prefixScan.ts:118:EqualityOperator:r <= length":
    "the extra iteration writes entries 4(length+1).. past the Float64Array's end, which typed arrays ignore.",
  "src/metrics/prefixScan.ts:135:ConditionalExpression:false":
    "performance only: a multiple of BLOCK then goes through inBlock with i = 0, which adds the fold of the zero entries 0..3 to the same boundary (j = n at the end of the last block forms an empty block's sums: still 0).",
  "src/metrics/prefixScan.ts:135:ArithmeticOperator:j * BLOCK":
    "(the test `j % BLOCK === 0`) j * BLOCK is 0 only at j = 0, so other multiples of BLOCK go through inBlock with i = 0: the same boundary plus 0.",
  "src/metrics/prefixScan.ts:140:ConditionalExpression:true":
    "At b = blocks boundary[blocks + 1] is undefined and `undefined < bound` is false, so the walk stops at b = blocks as before.",
  "src/metrics/prefixScan.ts:140:ArithmeticOperator:b - 1":
    "b - 1 <= blocks only lets b reach blocks + 1 via boundary[blocks + 1], which is undefined (comparison false), so b stops at blocks as before.",
  "src/metrics/prefixScan.ts:154:ConditionalExpression:false":
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
    "String(threshold) of a finite number >= 0 always starts with a digit (String(-0) is \"0\"), so the unanchored start finds the same match.",
  "src/metrics/ratio.ts:103:Regex:/^(\\d+)(?:\\.(\\d+))?(?:e([+-]?\\d+))?/":
    "String(threshold) of a finite number >= 0 is digits, an optional fraction and an optional exponent and nothing after, so the pattern without $ matches the same whole text.",
  "src/metrics/ratio.ts:103:Regex:/^(\\d+)(?:\\.(\\d+))?(?:e([+-]\\d+))?$/":
    "JavaScript always writes an exponent's sign (1e+21, 1e-7), so requiring the sign matches the same texts.",
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
  "src/metrics/sortAmounts.ts:28:StringLiteral:\"\"":
    "a default order of \"\" is not \"descending\", so the default is still ascending.",
  "src/metrics/sortAmounts.ts:31:StringLiteral:\"\"":
    "The order argument is only tested with `order === \"descending\"`, so a default of \"\" sorts ascending exactly like \"ascending\".",
  "src/metrics/sortAmounts.ts:86:ArrayDeclaration:new Array()":
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
    "the subtracted low part changes by 2·w0·2^-64 < 2^-31, and the value rounded is within 2^-5 of h plus the subtraction's own rounding (at most 2^-4 below 2^112), far under 1/2: Math.round gives the same h.",
  "src/metrics/sortAmounts.ts:151:ConditionalExpression:false":
    "performance only: presorted input then goes through the radix passes, which give the same stable order.",
  "src/metrics/sortAmounts.ts:155:EqualityOperator:i <= n":
    "The extra iteration writes key[n] and idx[n], out of bounds of Uint32Arrays of length n, which is ignored.",
  "src/metrics/sortAmounts.ts:163:EqualityOperator:n > WIDE_DIGITS":
    "performance only: at exactly 8,192 amounts the passes use 8-bit digits instead of 16-bit ones; both are exact stable sorts of the same keys.",
  "src/metrics/sortAmounts.ts:169:ConditionalExpression:false":
    "performance only: a pass in which every key has the same digit is a stable counting sort into one bucket, which leaves the order as it is.",
  "src/metrics/sortAmounts.ts:187:ConditionalExpression:false":
    "performance only: with lowWords all 0 a long run gets no low-word pass and forms one sub-run, which fixRun then orders exactly and stably (the order is fully determined: amount, then input index).",
  "src/metrics/sortAmounts.ts:187:EqualityOperator:i >= n":
    "The loop never runs (0 >= n only for n = 0), the same as `false`: performance only, each long run becomes one sub-run ordered exactly by fixRun.",
  "src/metrics/sortAmounts.ts:187:EqualityOperator:i <= n":
    "the extra iteration writes lowWords[n], past the typed array's end, which is ignored.",
  "src/metrics/sortAmounts.ts:189:ConditionalExpression:false":
    "performance only: long runs are fixed whole by fixRun (exact: insertion or 4-word radix, or bigint comparisons), giving the same unique order.",
  "src/metrics/sortAmounts.ts:194:ConditionalExpression:true":
    "fixRun over a one-element sub-run is a no-op (insertion loop empty; bigint loop empty).",
  "src/metrics/sortAmounts.ts:194:EqualityOperator:i <= n":
    "Only differs at i = n, where key[n] is undefined (out of bounds) and never === key[n - 1], so the run is closed as before.",
  "src/metrics/sortAmounts.ts:195:ConditionalExpression:true":
    "performance only: short runs also get the (stable) low-word pass and exact sub-run fixes; the result is the same unique order (amount, then input index).",
  "src/metrics/sortAmounts.ts:195:ConditionalExpression:false":
    "performance only: long runs are fixed whole by fixRun (exact: insertion or 4-word radix, or bigint comparisons), giving the same unique order.",
  "src/metrics/sortAmounts.ts:195:EqualityOperator:i - runStart >= SHORT_RUN":
    "performance only: a run of exactly 16 takes the low-word radix + exact sub-run path instead of the exact fixRun; both give the unique stable order.",
  "src/metrics/sortAmounts.ts:195:EqualityOperator:i - runStart <= SHORT_RUN":
    "performance only: the two exact paths (low-word radix + sub-run fixes, or one fixRun over the run) are swapped; both give the unique stable order.",
  "src/metrics/sortAmounts.ts:195:ArithmeticOperator:i + runStart":
    "performance only: some short runs take the low-word radix + sub-run path instead of fixRun; both exact and stable.",
  "src/metrics/sortAmounts.ts:198:ArithmeticOperator:runStart - 1":
    "The extra first iterations look at elements before the run (or undefined indices at 0): they can only start the sub-run one element early, at an already placed, strictly smaller element, which the exact stable fixRun leaves first.",
  "src/metrics/sortAmounts.ts:199:ConditionalExpression:true":
    "performance only: the whole long run becomes one sub-run, which fixRun orders exactly and stably.",
  "src/metrics/sortAmounts.ts:200:ConditionalExpression:true":
    "fixRun over a one-element sub-run is a no-op (insertion loop empty; bigint loop empty).",
  "src/metrics/sortAmounts.ts:200:EqualityOperator:j - sub >= 1":
    "j - sub is at least 1, and fixRun over a one-element sub-run is a no-op.",
  "src/metrics/sortAmounts.ts:200:ArithmeticOperator:j + sub":
    "j - sub >= 2 implies j + sub > 1, and the extra calls are on one-element sub-runs (no-op).",
  "src/metrics/sortAmounts.ts:203:ConditionalExpression:true":
    "fixRun over a one-element run is a no-op.",
  "src/metrics/sortAmounts.ts:203:EqualityOperator:i - runStart >= 1":
    "i - runStart is at least 1, and fixRun over a one-element run is a no-op.",
  "src/metrics/sortAmounts.ts:203:ArithmeticOperator:i + runStart":
    "i - runStart >= 2 implies i + runStart > 1, and the extra calls are on one-element runs (no-op).",
  "src/metrics/sortAmounts.ts:232:EqualityOperator:x <= y":
    "Evaluated only when x !== y, where x <= y and x < y agree.",
  "src/metrics/sortAmounts.ts:243:BlockStatement:{}":
    "performance only: presortedOrder then returns undefined, so every input goes through the radix passes, which give the same stable order.",
  "src/metrics/sortAmounts.ts:249:ConditionalExpression:false":
    "performance only: every comparison is then made by the exact words or bigints, whose sign equals the doubles' whenever the doubles differ (doubles are monotone in the amounts).",
  "src/metrics/sortAmounts.ts:249:EqualityOperator:fa <= fb":
    "inside `fa !== fb`, fa <= fb and fa < fb are the same test.",
  "src/metrics/sortAmounts.ts:252:BooleanLiteral:false":
    "performance only: ascending input is then not taken as presorted (null, the radix passes: same order), and all-equal input takes the descending branch, whose one group is emitted in input order: the identity, as before.",
  "src/metrics/sortAmounts.ts:253:BooleanLiteral:false":
    "performance only: descending input is then not taken as presorted and goes through the radix passes, which give the same stable order.",
  "src/metrics/sortAmounts.ts:254:EqualityOperator:i <= n":
    "the extra comparison reads floats[n] (undefined): fa !== fb and fa < undefined is false, so it returns 1 and clears `ascending`; ascending input then takes the radix passes (or, all equal, the descending branch's identity): the same order.",
  "src/metrics/sortAmounts.ts:256:EqualityOperator:c <= 0":
    "an equal pair then clears `descending` too: all-equal input is still ascending (identity), and descending input with ties goes through the radix passes: the same stable order either way.",
  "src/metrics/sortAmounts.ts:257:ConditionalExpression:true":
    "an equal pair then clears `ascending` too: all-equal input takes the descending branch (one group, in input order: the identity), and ascending input with ties goes through the radix passes: the same order.",
  "src/metrics/sortAmounts.ts:257:EqualityOperator:c >= 0":
    "in the else branch c >= 0 always holds, so this is the `true` mutant: an equal pair clears `ascending`, and the outputs are the same (see it).",
  "src/metrics/sortAmounts.ts:258:ConditionalExpression:true":
    "performance only: presortedOrder returns null at its first comparison, so every input of two or more goes through the radix passes, which give the same stable order.",
  "src/metrics/sortAmounts.ts:258:LogicalOperator:!ascending || !descending":
    "performance only: presortedOrder gives up as soon as one direction fails, so presorted input goes through the radix passes, which give the same stable order.",
  "src/metrics/sortAmounts.ts:262:EqualityOperator:i <= n":
    "the extra iteration writes order[n], past the typed array's end, which is ignored.",
  "src/metrics/sortAmounts.ts:268:ArithmeticOperator:n + 1":
    "the first two steps compare past the end: at n + 1 both doubles are undefined and the words (or bigints) compare equal, so it continues; at n the double is undefined, the comparison gives 1 and an empty group is emitted. The walk then goes on as before.",
  "src/metrics/sortAmounts.ts:269:ConditionalExpression:true":
    "(the `start > 0` operand) at start = 0 compare(-1, 0) reads floats[-1] (undefined): the doubles differ and `undefined < x` is false, so it returns 1, not 0, and the first group is emitted as before.",
  "src/metrics/sortAmounts.ts:269:EqualityOperator:start >= 0":
    "at start = 0 compare(-1, 0) returns 1 (floats[-1] is undefined), so the test is false as before.",
  "src/metrics/sortAmounts.ts:278:ConditionalExpression:false":
    "performance only: short runs take the sorted-check + 4-word LSD radix path, which is also exact and stable.",
  "src/metrics/sortAmounts.ts:278:EqualityOperator:to - from < SHORT_RUN":
    "performance only: a run of exactly 16 takes the sorted-check + 4-word radix path, also exact and stable.",
  "src/metrics/sortAmounts.ts:278:ArithmeticOperator:to + from":
    "to + from <= 16 implies to - from <= 16, so only some short runs move to the radix path, which is also exact and stable (performance only).",
  "src/metrics/sortAmounts.ts:278:BlockStatement:{}":
    "performance only: every run takes the sorted-check + 4-word radix path, also exact and stable.",
  "src/metrics/sortAmounts.ts:279:ArithmeticOperator:from - 1":
    "the insertion sort then starts at from - 1 and from, where the inner loop (i >= from) does not run and each element is written back in place (at from = 0, idx[-1] is not an index of a typed array).",
  "src/metrics/sortAmounts.ts:290:BooleanLiteral:false":
    "performance only: the sorted check never runs and every long run gets the exact, stable 4-word radix sort.",
  "src/metrics/sortAmounts.ts:291:ArithmeticOperator:from - 1":
    "The extra comparisons are of already placed, ascending elements before the run (<= 0) or involve an undefined index (returns 1, so radix sort): at worst an unneeded exact radix sort.",
  "src/metrics/sortAmounts.ts:291:LogicalOperator:j < to || sorted":
    "While still sorted the check walks on into the next, strictly larger elements and finally hits idx[n] (undefined, compare 1), so sorted ends false and the run is always radix sorted exactly (performance only).",
  "src/metrics/sortAmounts.ts:291:ConditionalExpression:true":
    "Same as `j < to || sorted`: the walk always ends with sorted false (at idx[n] at the latest), so the run is always radix sorted exactly (performance only).",
  "src/metrics/sortAmounts.ts:291:EqualityOperator:j <= to":
    "The extra comparison is with idx[to], a strictly larger amount (next sub-run or run, compare -1) or undefined at n (compare 1, extra exact radix sort only).",
  "src/metrics/sortAmounts.ts:291:UpdateOperator:j--":
    "Walking down, the check ends at j = 0 at the latest where idx[-1] is undefined (compare 1), so sorted is always false and the run always radix sorted exactly (performance only).",
  "src/metrics/sortAmounts.ts:291:ConditionalExpression:false":
    "performance only: sorted is always false, so every long run gets the exact, stable radix sort.",
  "src/metrics/sortAmounts.ts:291:EqualityOperator:compareWords(words, idx[j - 1]!, idx[j]!) < 0":
    "performance only: runs with equal neighbours count as unsorted and get the exact, stable radix sort (an already sorted run is left the same by it).",
  "src/metrics/sortAmounts.ts:291:ArithmeticOperator:j + 1":
    "The last comparison is compareWords(idx[to], idx[to-1]) with idx[to] strictly larger (or undefined at n): always 1, so sorted always ends false and the run is always radix sorted exactly (performance only).",
  "src/metrics/sortAmounts.ts:292:ConditionalExpression:true":
    "performance only: an exact stable radix sort of an already sorted run leaves it unchanged.",
  "src/metrics/sortAmounts.ts:314:EqualityOperator:j <= to":
    "The extra comparison is with idx[to], strictly larger or undefined (false); a triggered sort would be exact anyway.",
  "src/metrics/sortAmounts.ts:314:ArithmeticOperator:from - 1":
    "performance only: the element before the run (or, at from = 0, undefined words, which XOR as 0) is also compared with the first, so some digits that do not differ inside the run get a pass; such a pass is a stable sort into one bucket and changes nothing.",
  "src/metrics/sortAmounts.ts:316:EqualityOperator:k <= size":
    "the extra iteration writes differs[size], past the typed array's end, which is ignored.",
  "src/metrics/sortAmounts.ts:318:ConditionalExpression:false":
    "performance only: runs of 2^16 and more also use 8-bit digits (more passes, each exact and stable; counts has room for 256 buckets in any case).",
  "src/metrics/sortAmounts.ts:318:EqualityOperator:len > LONG_RUN":
    "performance only: a run of exactly 2^16 uses 8-bit digits instead of 16-bit ones; both are exact stable passes.",
  "src/metrics/sortAmounts.ts:322:EqualityOperator:k <= size":
    "The extra differs[size] (from out-of-range or other elements' words) is never read: the pass loop only reads differs[bit >> 5] with bit < 32·size.",
  "src/metrics/sortAmounts.ts:324:ConditionalExpression:false":
    "performance only: a word with no differing bit is then gathered, but each of its digit passes is skipped by the per-digit test that follows.",
  "src/metrics/sortAmounts.ts:327:EqualityOperator:j <= len":
    "the extra iteration writes key[len], past the typed array's end, which is ignored.",
  "src/metrics/sortAmounts.ts:329:ConditionalExpression:false":
    "performance only: passes over digits that are equal across the run are stable sorts into one bucket and change nothing.",
  "src/metrics/sortAmounts.ts:352:EqualityOperator:j <= to":
    "The extra comparison is with idx[to], strictly larger or undefined (false); a triggered sort would be exact anyway.",
  "src/metrics/sortAmounts.ts:352:ArithmeticOperator:from - 1":
    "the extra first comparison is between the two elements before the run, which earlier runs left in order (or undefined at from <= 1, where `>` is false); and if it were true, the run [from, to) alone would be sorted exactly, the same result.",
  "src/metrics/sortAmounts.ts:353:ConditionalExpression:true":
    "performance only: the run is always sorted by the exact comparator with index tie-break, which leaves an ordered run unchanged.",
  "src/metrics/sortAmounts.ts:353:EqualityOperator:amounts[idx[j - 1]!]! >= amounts[idx[j]!]!":
    "performance only: equal neighbours trigger the exact sort with index tie-break, which leaves a run ordered by (amount, index) unchanged.",
  "src/metrics/sortAmounts.ts:354:ArithmeticOperator:a + b":
    "Equal amounts enter the run in ascending index order and V8's TimSort always calls comparefn(later, earlier), so the tie-break is only ever asked when a - b > 0, where a + b > 0 too (no difference found on 3,000 random tie-heavy arrays).",
  "src/metrics/theil.ts:78:EqualityOperator:n < 1":
    "At n = 1 the unguarded code returns Math.min(Math.log(1), Math.max(0, sum)) = min(0, max(0, sum)) = 0 for any non-NaN sum, and with non-negative values/floats (the documented contract) every term s·ln(s) is finite or +Infinity, never NaN (s > 0 check / f !== 0 skip), so the result is 0 either way.",
  "src/metrics/theil.ts:91:ConditionalExpression:true":
    "performance only: for excess <= 0 the shift BigInt(excess) is a left shift by -excess (<= 1000 bits total), and Number(x·2^k)/Number(S·2^k) equals Number(x)/Number(S) exactly (scaling by a power of two commutes with rounding, no overflow since S·2^k < 2^1000), excess 0 gives 0n as before.",
  "src/metrics/theil.ts:91:EqualityOperator:excess >= 0":
    "Differs only at excess = 0, where BigInt(0) is 0n, the same shift as the else branch.",
  "src/metrics/theil.ts:95:ConditionalExpression:false":
    "performance only: a zero x gives s = Number(0n >> shift) / scaledTotal = 0 (scaledTotal > 0 since S > 0 and shift <= bitLength(S) - 1000), which the `if (s > 0)` on line 91 skips.",
  "src/metrics/theil.ts:96:ConditionalExpression:false":
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
