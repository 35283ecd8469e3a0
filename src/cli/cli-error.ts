/** A failure the CLI prints as `aura: message` + hint; `code` is the contract's error code. */
export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** Exit codes: 2 for a command line the CLI could not understand, 1 for everything else that failed. */
export const exitCodeFor = (code: string): number => (code === 'BAD_REQUEST' ? 2 : 1);
