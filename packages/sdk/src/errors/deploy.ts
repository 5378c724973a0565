import { BaseError, type BaseErrorParameters } from "./BaseError.ts";

/** A deployment transaction could not be sent, reverted, or created no contract. */
export class DeploymentFailedError extends BaseError {
  readonly code = "DEPLOYMENT_FAILED";
}

/** What a deployment cannot do without: `attestation` (which verifier, which auditors) or the council. */
export type RequiredDeploymentSetting = "attestation" | "council";

/**
 * `deployProtocol` was not told something it must not guess: the attestation setup (`attestation`)
 * or who the security council is (`council` or `councilSettings`). Nothing was sent.
 */
export class DeploymentSettingRequiredError extends BaseError {
  readonly code = "DEPLOYMENT_SETTING_REQUIRED";
  readonly setting: RequiredDeploymentSetting;

  constructor(shortMessage: string, parameters: BaseErrorParameters & { setting: RequiredDeploymentSetting }) {
    super(shortMessage, parameters);
    this.setting = parameters.setting;
  }
}

/** A deployment setting is out of range (an auditor threshold above the auditors, no auditors, …); nothing was sent. */
export class InvalidDeploymentSettingError extends BaseError {
  readonly code = "INVALID_DEPLOYMENT_SETTING";
}

/**
 * The chain no longer matches the deployment plan: the deployer's nonce moved (another
 * transaction from it was mined meanwhile), or a step created its contract elsewhere than
 * predicted. The steps before `step` are on chain.
 */
export class DeploymentPlanMismatchError extends BaseError {
  readonly code = "DEPLOYMENT_PLAN_MISMATCH";
  readonly step: string;

  constructor(shortMessage: string, parameters: BaseErrorParameters & { step: string }) {
    super(shortMessage, parameters);
    this.step = parameters.step;
  }
}
