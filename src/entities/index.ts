/** Entities: clustering addresses from on-chain evidence (pure, no I/O). */
export * from "./types.js";
export * from "./links.js";
export * from "./cluster.js";
export * from "./labels.js";
export * from "./buildEntities.js";
export * from "./byEntity.js";
