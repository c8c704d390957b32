/**
 * Surviving mutants shown to be equivalent (no input can tell them from the original), keyed
 * `file:line:mutator:replacement` as scripts/mutationReport.ts prints them, with the reason.
 * A mutant listed here still counts as surviving in the score; the list says why no test kills it.
 */
export const EQUIVALENT_MUTANTS: Record<string, string> = {};
