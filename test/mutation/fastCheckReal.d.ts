// `fast-check-real` is fast-check itself, under the name vitest.mutation.config.ts gives it
declare module "fast-check-real" {
  export * from "fast-check";
  export { default } from "fast-check";
}
