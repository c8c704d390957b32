/**
 * Pure concentration and influence metrics over bigint amounts (no I/O, no side effects).
 */
export * from "./errors.js";
export * from "./ratio.js";
export * from "./sortAmounts.js";
export * from "./population.js";
export * from "./prefixScan.js";
export * from "./gini.js";
export * from "./giniMeanDifference.js";
export * from "./lorenz.js";
export * from "./nakamoto.js";
export * from "./hhi.js";
export * from "./topShare.js";
export * from "./theil.js";
export * from "./entropy.js";
export * from "./palma.js";
export * from "./concentration.js";
export * from "./influence.js";
