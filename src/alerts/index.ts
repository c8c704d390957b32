/**
 * Concentration alerts: configuration, pure rules, paging and the HTTP routes.
 */
export * from "./types";
export * from "./config";
export * from "./rules";
export * from "./page";
export * from "./http";
