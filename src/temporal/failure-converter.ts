// Error messages and stack traces can quote PII: encode them as (encrypted) payloads too. Loaded by path so
// that the workflow sandbox uses the same converter.
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
