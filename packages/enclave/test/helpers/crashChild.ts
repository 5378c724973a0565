/**
 * The process the crash test kills: opens the chain in `argv[2]` and executes the workload's
 * blocks one after another, telling the parent (IPC) each block it acknowledged, until killed.
 */
import { openChain } from "./chain.ts";
import { workloadBatch } from "./workload.ts";

const directory = process.argv[2]!;
const chain = await openChain(directory, { flushInterval: 3 });
process.send!({ type: "opened", head: chain.head.number.toString() });
for (;;) {
  const block = await chain.executeBlock(await workloadBatch(chain.head.number + 1n, chain.head.hash));
  process.send!({ type: "acknowledged", number: block.number.toString(), hash: block.hash });
}
