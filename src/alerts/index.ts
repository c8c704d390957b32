/**
 * Concentration alerts: configuration, pure rules, paging and the HTTP routes.
 */
export * from "./types.js";
export * from "./config.js";
export * from "./rules.js";
export * from "./page.js";
export * from "./http.js";
