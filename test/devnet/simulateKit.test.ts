/**
 * The same simulator checks with the REAL Aragon ve-governance contracts (the conformance kit's
 * season8x build: Bedrock's 1x→8x curve, read at run time from `VE_LENS_CONFORMANCE_KIT`)
 * deployed in place of the project's own. Fails naming the variable when it is unset.
 */
import { kitVeDeployer } from "../conformance/kitVe";
import { simulationSuite } from "./simulationSuite";

simulationSuite("kit season8x contracts", () => kitVeDeployer("season8x"));
