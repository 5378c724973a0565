import type { HardhatPlugin } from "hardhat/types/plugins";

/**
 * Hides compiler warnings that point into dependencies (forge-std, OpenZeppelin): we cannot
 * fix them, and hundreds of them bury the warnings about our own code. Errors always show.
 */
const quietDependencies: HardhatPlugin = {
  id: "obscuro-quiet-dependencies",
  hookHandlers: {
    solidity: () => import("./quiet-dependencies-hooks.ts"),
  },
};

export default quietDependencies;
