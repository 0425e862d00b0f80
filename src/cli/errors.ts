// Errors the CLI shows as-is with the exit code of invalid input (2): never a stack trace.
import { refusalOutcome } from '../domain/failures';

export class CliUsageError extends Error {
  readonly exitCode = refusalOutcome('invalid_input').exit;
  override name = 'CliUsageError';
}
