import { describe, expect, it } from "vitest";
import { folderLinesOf, mutationDoc } from "../../scripts/mutationReport";

/** A document as the script writes it, every folder last run on 2026-12-03. */
const OLD_DOC = `# Mutation testing

Latest run on 2 × AMD EPYC, 23.5 GiB, Node v20.20.2.

| folder | run | mutants | killed | timed out | survived | not covered | score | target | unexplained |
| ------ | --- | ------: | -----: | --------: | -------: | ----------: | ----: | -----: | ----------: |
| src/metrics | 2026-12-03 | 10 | 8 | 1 | 1 | 0 | 90.00% | 90% (met) | 0 |
| src/domain | 2026-12-03 | 4 | 2 | 0 | 2 | 0 | 50.00% | 90% (below) | 2 |
| src/alerts | 2026-12-03 | 5 | 5 | 0 | 0 | 0 | 100.00% | 80% (met) | 0 |
| bot | 2026-12-03 | 3 | 2 | 0 | 0 | 1 | 66.67% | 80% (below) | 1 |

## Surviving and uncovered mutants

| where | status | mutator | code → mutant | why it survives |
| ----- | ------ | ------- | ------------- | --------------- |
| src/metrics/gini.ts:52 | Survived | ConditionalExpression | \`if (n <= 1) return 0;\` → \`false\` | equivalent: redundant guard |
| src/domain/old.ts:3 | Survived | EqualityOperator | \`a < b\` → \`a <= b\` | not yet killed or shown equivalent |
| src/domain/old.ts:9 | Survived | BlockStatement | \`{ x(); }\` → \`{}\` | not yet killed or shown equivalent |
| bot/send.ts:7 | NoCoverage | BlockStatement | \`{ y(); }\` → \`{}\` | not yet killed or shown equivalent |
`;

const mutant = (id: string, status: string, line: number) => ({
  id,
  mutatorName: "EqualityOperator",
  replacement: "x <= 2",
  status,
  location: { start: { line, column: 1 } },
});

describe("folderLinesOf", () => {
  it("gives each folder's row, with its run date, and its surviving mutants", () => {
    const lines = folderLinesOf(OLD_DOC);
    expect([...lines.keys()]).toEqual(["src/metrics", "src/domain", "src/alerts", "bot"]);
    expect(lines.get("src/domain")).toEqual({
      row: "| src/domain | 2026-12-03 | 4 | 2 | 0 | 2 | 0 | 50.00% | 90% (below) | 2 |",
      survivors: [
        "| src/domain/old.ts:3 | Survived | EqualityOperator | `a < b` → `a <= b` | not yet killed or shown equivalent |",
        "| src/domain/old.ts:9 | Survived | BlockStatement | `{ x(); }` → `{}` | not yet killed or shown equivalent |",
      ],
    });
    expect(lines.get("src/alerts")?.survivors).toEqual([]);
  });
});

describe("mutationDoc", () => {
  // src/domain run again: 5 mutants, 3 killed, 1 timed out, 1 survived (none of it explained).
  const files = {
    "src/domain/epochs.ts": {
      source: "line one\nconst y = x < 2;\n",
      run: "2026-12-06",
      mutants: [mutant("1", "Killed", 2), mutant("2", "Killed", 2), mutant("3", "Killed", 1), mutant("4", "Timeout", 1), mutant("5", "Survived", 2)],
    },
  };
  const doc = mutationDoc({ files, previous: OLD_DOC, machine: "2 × test CPU" });
  const rows = doc.split("\n");

  it("scores the folder it has a report for, under that report's date", () => {
    // (3 killed + 1 timed out) / 5 = 80.00%, below the domain's 90%; one survivor, unexplained
    expect(rows).toContain("| src/domain | 2026-12-06 | 5 | 3 | 1 | 1 | 0 | 80.00% | 90% (below) | 1 |");
    expect(rows).toContain("| src/domain/epochs.ts:2 | Survived | EqualityOperator | `const y = x < 2;` → `x <= 2` | not yet killed or shown equivalent |");
    expect(rows.some((r) => r.startsWith("| src/domain/old.ts"))).toBe(false);
  });

  it("keeps the other folders' rows and survivors as their own last run left them, in the folders' order", () => {
    const table = rows.filter((r) => /^\| (src\/\w+|bot) \|/.test(r));
    expect(table.map((r) => r.split(" | ").slice(0, 2).join(" | "))).toEqual([
      "| src/metrics | 2026-12-03",
      "| src/domain | 2026-12-06",
      "| src/alerts | 2026-12-03",
      "| bot | 2026-12-03",
    ]);
    expect(rows).toContain("| bot/send.ts:7 | NoCoverage | BlockStatement | `{ y(); }` → `{}` | not yet killed or shown equivalent |");
    expect(rows).toContain("| src/metrics/gini.ts:52 | Survived | ConditionalExpression | `if (n <= 1) return 0;` → `false` | equivalent: redundant guard |");
  });

  it("reads its own output back unchanged for folders with no new report", () => {
    const again = mutationDoc({ files: {}, previous: doc, machine: "2 × test CPU" });
    expect(again).toBe(doc);
  });

  it("says 'not run' for a folder in neither a report nor the previous document", () => {
    const fresh = mutationDoc({ files, previous: "", machine: "2 × test CPU" });
    expect(fresh.split("\n")).toContain("| src/metrics |  | 0 | 0 | 0 | 0 | 0 | not run | 90% |  |");
  });
});
