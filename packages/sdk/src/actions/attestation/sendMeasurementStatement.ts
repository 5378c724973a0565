import type { Account, Chain, Client, GetBlockErrorType, Hash, ReadContractErrorType, Transport } from "viem";
import { getBlock, getChainId, readContract } from "viem/actions";
import { protocolCall } from "../../utils/protocolContract.ts";
import { sendProtocolTransaction, type SendProtocolTransactionErrorType } from "../../utils/sendProtocolTransaction.ts";
import { signMeasurementStatement } from "../../utils/signMeasurementStatement.ts";
import { sortAuditorSignatures } from "../../utils/sortAuditorSignatures.ts";
import type { MeasurementStatement } from "../../utils/getMeasurementTypedData.ts";
import type { ApproveMeasurementParameters } from "./approveMeasurement.ts";

/** How long signatures made here stay valid: one hour after the latest block. */
const DEFAULT_VALIDITY_SECONDS = 3600n;

export type MeasurementStatementErrorType =
  ReadContractErrorType | GetBlockErrorType | SendProtocolTransactionErrorType;

/**
 * Submits an auditors' statement (approve or revoke) to EnclavePolicy: signs it with the given
 * auditor accounts first when no signatures are given, then sends the signatures in the order the
 * policy requires. Shared by `approveMeasurement` and `revokeMeasurement`.
 */
export async function sendMeasurementStatement(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  statement: MeasurementStatement,
  parameters: ApproveMeasurementParameters,
): Promise<Hash> {
  const { measurement, enclavePolicyAddress, signatures, auditors, deadline, ...overrides } = parameters;
  const call = protocolCall(client, "enclavePolicy", enclavePolicyAddress);
  let signed = signatures;
  let signedDeadline = deadline;
  if (auditors) {
    const [policyVersion, chainId, until] = await Promise.all([
      readContract(client, { ...call, functionName: "policyVersion" }),
      client.chain?.id ?? getChainId(client),
      deadline ?? getBlock(client).then((block) => block.timestamp + DEFAULT_VALIDITY_SECONDS),
    ]);
    signedDeadline = until;
    signed = await Promise.all(
      auditors.map((auditor) =>
        signMeasurementStatement({
          auditor,
          statement,
          chainId,
          policy: call.address,
          measurement,
          policyVersion,
          deadline: until,
        }),
      ),
    );
  }
  return sendProtocolTransaction(client, {
    ...overrides,
    ...call,
    functionName: statement === "ApproveMeasurement" ? "approveMeasurement" : "revokeMeasurement",
    args: [measurement, signedDeadline!, sortAuditorSignatures(signed!)],
  });
}
