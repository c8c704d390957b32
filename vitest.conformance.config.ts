/**
 * `npm run test:conformance`: ve-lens's index against the REAL Aragon ve-governance contracts
 * (the conformance kit in `VE_LENS_CONFORMANCE_KIT`, read at run time), compared at every voting
 * window end. Files end in `.conformance.ts` so the default `npm test` projects never pick them up.
 * Fails at once, naming VE_LENS_CONFORMANCE_KIT, when the kit is not there. See docs/CONFORMANCE.md.
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "conformance",
          include: ["test/conformance/**/*.conformance.ts"],
          globalSetup: ["test/conformance/requireKit.ts"],
          testTimeout: 900_000,
          hookTimeout: 900_000,
          fileParallelism: false,
          sequence: { concurrent: false },
        },
      },
    ],
    reporters: ["verbose"],
  },
});
