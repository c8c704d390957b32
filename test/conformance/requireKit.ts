/**
 * Global setup of `npm run test:conformance`: stops the run before any test when
 * `VE_LENS_CONFORMANCE_KIT` is unset or its folder has no `artifacts/` (the message names the variable).
 */
import { kitDir } from "./kit";

export default function requireKit(): void {
  const dir = kitDir();
  console.log(`conformance kit: ${dir}`);
}
