/** Entities: clustering addresses from on-chain evidence (pure, no I/O). */
export * from "./types";
export * from "./links";
export * from "./cluster";
export * from "./labels";
export * from "./buildEntities";
export * from "./byEntity";
