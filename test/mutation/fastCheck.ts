/**
 * fast-check as the tests see it under `npm run test:mutation` (vitest.mutation.config.ts maps
 * `fast-check` here): the same library, with every property run at most `MUTATION_NUM_RUNS`
 * times. Stryker runs the covering tests once per mutant, and the property tests' hundreds of
 * cases would make a run take hours on two cores; a mutant that survives 25 random cases plus
 * every example-based test is listed as surviving, so the recorded score is a lower bound of
 * what `npm test` (full case counts) detects.
 */
import real from "fast-check-real";

export const MUTATION_NUM_RUNS = 25;

type AssertParams = Parameters<typeof real.assert>[1];

const capped = { ...real } as typeof real;
Object.defineProperty(capped, "assert", {
  enumerable: true,
  value: ((property: Parameters<typeof real.assert>[0], params?: AssertParams) =>
    real.assert(property as never, { ...params, numRuns: Math.min(params?.numRuns ?? MUTATION_NUM_RUNS, MUTATION_NUM_RUNS) } as never)) as typeof real.assert,
});

export * from "fast-check-real";
export default capped;
