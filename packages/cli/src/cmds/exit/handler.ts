import { getAddress, isAddress, zeroAddress, type Address, type Hash, type Hex } from "viem";
import { AssetKind } from "@obscuro/sdk";
import { openAccount, openL1, openL2, type WalletOptions } from "../../wallet/context.ts";
import { revertName, UserError } from "../../wallet/errors.ts";
import { confirmOnL1 } from "../../wallet/l1.ts";
import { l2Request } from "../../wallet/l2.ts";
import { printResult, Progress } from "../../util/progress.ts";

export interface ExitOptions extends WalletOptions {
  token?: string;
  tokenId?: string;
}

export async function runExit(options: ExitOptions): Promise<void> {
  const progress = new Progress();
  const account = await openAccount(options);
  const l1 = await openL1(options, account);
  const status = await l1.publicClient.getEmergencyStatus();
  if (!status.frozen || !status.frozenLedger)
    throw new UserError(
      "Not in exit mode: the bridge is not frozen, so balances leave L2 by withdrawals (`obscuro withdraw`).",
      "NOT_FROZEN",
    );
  const l2 = await openL2(options, l1.manifest, account.address);
  try {
    let token: Address = zeroAddress;
    if (options.token !== undefined) {
      if (!isAddress(options.token))
        throw new UserError(`The token ${options.token} is not an address.`, "INVALID_ADDRESS");
      token = getAddress(options.token);
    }
    const kind =
      token === zeroAddress ? AssetKind.Eth : options.tokenId !== undefined ? AssetKind.Erc721 : AssetKind.Erc20;
    progress.update("Asking the enclave for the balance proof");
    const proof = await l2Request<{
      leaf: { account: Address; kind: number; token: Address; amountOrId: Hex };
      proof: Hex[];
      rollupHash: Hex;
    }>(l2, "obscuro_getBalanceProof", [
      { kind, token, ...(options.tokenId !== undefined ? { tokenId: options.tokenId } : {}) },
      account.address,
    ]).catch((error: unknown) => {
      if ((error as { code?: string }).code === "USER_ERROR") throw error;
      throw new UserError(
        `No balance proof: ${(error as { shortMessage?: string }).shortMessage ?? (error as Error).message}`,
        "NO_PROOF",
      );
    });
    if (proof.rollupHash !== status.frozenLedger.rollupHash)
      throw new UserError(
        "The gateway's node proves balances against another rollup than the one the bridge froze on; use a node that follows L1's canonical chain.",
        "INVALID_PROOF",
      );
    const leaf = {
      ...proof.leaf,
      account: getAddress(proof.leaf.account),
      kind: proof.leaf.kind as AssetKind,
      amountOrId: BigInt(proof.leaf.amountOrId),
    };
    if (leaf.amountOrId === 0n && kind !== AssetKind.Erc721)
      throw new UserError(
        "Not enough balance: nothing of this asset is yours in the frozen rollup's ledger.",
        "INSUFFICIENT_BALANCE",
      );
    progress.update("Exiting on L1 with the balance proof");
    let hash: Hash;
    try {
      hash = await l1.wallet!.exitWithBalanceProof({ leaf, proof: proof.proof });
    } catch (error) {
      const name = revertName(error);
      if (name === "BridgeManagement_AlreadyExited")
        throw new UserError("Already claimed: this balance was exited before.", "ALREADY_CLAIMED");
      if (name === "BridgeManagement_NotFrozen")
        throw new UserError("Not in exit mode: the bridge is not frozen.", "NOT_FROZEN");
      if (name === "BridgeManagement_InvalidProof")
        throw new UserError(
          "The balance proof is not against the rollup the bridge froze on: the gateway's node follows another rollup.",
          "INVALID_PROOF",
        );
      throw error;
    }
    const receipt = await confirmOnL1(l1, hash, progress, (options.timeout ?? 3600) * 1000);
    progress.done(`Exited in L1 block ${receipt.blockNumber}`);
    printResult(
      options.json ?? false,
      {
        account: account.address,
        kind,
        token,
        amountOrId: leaf.amountOrId,
        rollupHash: proof.rollupHash,
        l1Transaction: hash,
        l1Block: receipt.blockNumber,
      },
      [
        `Exited ${kind === AssetKind.Erc721 ? `token #${leaf.amountOrId}` : leaf.amountOrId.toString()} of ${kind === AssetKind.Eth ? "ETH (wei)" : token} to ${account.address}: L1 transaction ${hash}.`,
      ],
    );
  } finally {
    await l2.close();
  }
}
