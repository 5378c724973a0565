import { BaseError } from "../errors/BaseError.ts";

/** A deployment transaction could not be sent, reverted, or created no contract. */
export class DeploymentFailedError extends BaseError {
  readonly code = "DEPLOYMENT_FAILED";
}
