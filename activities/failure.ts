// The one way an activity fails with a type of the vocabulary (src/domain/failures.ts): whether Temporal may
// retry it comes from the table, never from the throw site.
import { ApplicationFailure } from '@temporalio/activity';
import type { Duration } from '@temporalio/common';
import { ACTIVITY_FAILURES, type ActivityFailureType } from '../src/domain/failures';

export function activityFailure(
  type: ActivityFailureType,
  message: string,
  options: { nextRetryDelay?: Duration } = {},
): ApplicationFailure {
  return ApplicationFailure.create({
    type,
    message,
    nonRetryable: !ACTIVITY_FAILURES[type].retryable,
    ...(options.nextRetryDelay ? { nextRetryDelay: options.nextRetryDelay } : {}),
  });
}
