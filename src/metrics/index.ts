/**
 * Pure concentration and influence metrics over bigint amounts (no I/O, no side effects).
 */
export * from "./errors";
export * from "./ratio";
export * from "./sortAmounts";
export * from "./population";
export * from "./prefixScan";
export * from "./gini";
export * from "./giniMeanDifference";
export * from "./lorenz";
export * from "./nakamoto";
export * from "./hhi";
export * from "./topShare";
export * from "./theil";
export * from "./entropy";
export * from "./palma";
export * from "./concentration";
export * from "./influence";
