import { Command, InvalidArgumentError } from "commander";

function unixTime(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("not a unix time in seconds.");
  return n;
}

/** `obscuro attestation …`: TEE attestation tools. */
export function attestationCommand(): Command {
  const attestation = new Command("attestation").description("TEE attestation tools (Intel SGX/TDX DCAP quotes).");
  attestation
    .command("inspect")
    .description(
      "Parse an Intel SGX/TDX DCAP quote and print its fields; with collateral, verify it as the on-chain " +
        "DcapAttestationVerifier does and print the verdict.",
    )
    .argument("<quote>", "the quote: a binary file, or a file with the quote in hex")
    .option(
      "--collateral <file>",
      "a QuoteCollateralV3 bundle (JSON, as Phala's dcap-qvl writes it) with everything below",
    )
    .option("--tcb-info <file>", "Intel PCS TCB info response (JSON with tcbInfo and signature)")
    .option("--qe-identity <file>", "Intel PCS QE identity response (JSON with enclaveIdentity and signature)")
    .option("--tcb-signing-cert <file>", "the Intel SGX TCB Signing certificate (DER or PEM; the first of a PEM chain)")
    .option("--root-crl <file>", "the Intel SGX Root CA CRL (DER, PEM or hex)")
    .option("--pck-crl <file>", "the CRL of the quote's PCK CA (DER, PEM or hex)")
    .option("--at <unix-time>", "verify at this time instead of now (archived collateral)", unixTime)
    .option("--json", "print one JSON object instead of text", false)
    .action(async (...args: unknown[]) =>
      ((await import("./handler.ts")).runInspect as (...a: unknown[]) => Promise<void>)(...args),
    );
  return attestation;
}
