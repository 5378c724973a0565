import { BaseError, type BaseErrorParameters } from "../errors/BaseError.ts";

/** The steps of `foundDevNetwork`, in order. */
export type FoundDevNetworkStep =
  "approveMeasurement" | "fundStake" | "registerNode" | "initializeNetwork" | "registerAggregator";

/**
 * A step of `foundDevNetwork` failed: refused by a contract (`errorName` is then the Solidity
 * custom error, e.g. `EnclavePolicy_NotAuditor`, `NetworkManagement_InsufficientStake` or
 * `ERC20InsufficientBalance`), reverted on chain, or impossible with the given inputs. The
 * steps before `step` are on chain; nothing of `step` or after it is.
 */
export class DevNetworkFoundingError extends BaseError {
  readonly code = "DEV_NETWORK_FOUNDING_FAILED";
  readonly step: FoundDevNetworkStep;
  readonly errorName: string | undefined;

  constructor(
    shortMessage: string,
    parameters: BaseErrorParameters & { step: FoundDevNetworkStep; errorName?: string | undefined },
  ) {
    super(shortMessage, parameters);
    this.step = parameters.step;
    this.errorName = parameters.errorName;
  }
}

/** The network already has a network key: it was founded before; nothing was sent. */
export class DevNetworkAlreadyFoundedError extends BaseError {
  readonly code = "DEV_NETWORK_ALREADY_FOUNDED";
}
