/**
 * The module specifiers a source file imports: static `import … from "x"`, side-effect
 * `import "x"`, re-exports `export … from "x"` and dynamic `import("x")`. Read as text, the one
 * reading the layout and purity tests share.
 *
 * @example
 * importSpecifiers('import a from "./b";\nconst c = await import("../d");') // ["./b", "../d"]
 */
export function importSpecifiers(source: string): string[] {
  return [...source.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1]!);
}
