import { BaseError } from "./BaseError.ts";

/** The Governor has no proposal with this id (no `ProposalCreated` event since the deployment). */
export class ProposalNotFoundError extends BaseError {
  readonly code = "PROPOSAL_NOT_FOUND";
}

/** A proposal without any action, or whose actions are malformed; nothing was sent. */
export class InvalidProposalError extends BaseError {
  readonly code = "INVALID_PROPOSAL";
}
