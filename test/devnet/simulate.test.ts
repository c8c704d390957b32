import { simulationSuite } from "./simulationSuite";

// The project's own ve contracts (contracts/*.sol), deployed by deployWorld.
simulationSuite("project contracts");
