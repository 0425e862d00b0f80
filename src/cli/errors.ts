// Errors the CLI shows as-is with exit code 2: refused or invalid input, never a stack trace.
export class CliUsageError extends Error {
  readonly exitCode = 2;
  override name = 'CliUsageError';
}
