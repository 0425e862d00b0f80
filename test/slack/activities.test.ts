// The Slack activities without Slack (no-ops that say so), and how Slack's failures become retry decisions.
import { webApi } from '@slack/bolt';
import { ApplicationFailure } from '@temporalio/common';
import { classifySlackError, createSlackActivities } from '../../activities/slack';
import { DIRECTORY } from '../support/people';

describe('Slack activities', () => {
  it('are no-ops that say so when Slack is not configured', async () => {
    const acts = createSlackActivities({ directory: () => DIRECTORY });
    const skipped = { skipped: expect.stringMatching(/Slack is not configured/) };
    await expect(
      acts.openIncidentChannel({
        incidentId: 'INC-20261124-ABCDE',
        title: 't',
        declaredBy: { id: 'carol', roles: [], source: 'slack' },
      }),
    ).resolves.toEqual(skipped);
    await expect(
      acts.postSlackNotice({ channelId: 'C1', incidentId: 'INC-1', kind: 'k', text: 't', key: 'n-1' }),
    ).resolves.toEqual(skipped);
  });

  it('classifies Slack failures for Temporal retries', () => {
    const limited = classifySlackError(
      'chat.postMessage',
      Object.assign(new Error('rate limited'), {
        code: webApi.ErrorCode.RateLimitedError,
        retryAfter: 7,
      }),
    ) as ApplicationFailure;
    expect(limited).toBeInstanceOf(ApplicationFailure);
    expect(limited.type).toBe('SlackRateLimited');
    expect(limited.nonRetryable).toBe(false);
    expect(limited.nextRetryDelay).toBe('7s');

    const platform = (error: string) =>
      classifySlackError(
        'chat.update',
        Object.assign(new Error(error), {
          code: webApi.ErrorCode.PlatformError,
          data: { ok: false, error },
        }),
      ) as ApplicationFailure;
    expect(platform('channel_not_found')).toMatchObject({ type: 'SlackRejected', nonRetryable: true });
    expect(platform('invalid_auth')).toMatchObject({ type: 'SlackRejected', nonRetryable: true });
    expect(platform('internal_error')).toMatchObject({ type: 'SlackUnavailable', nonRetryable: false });

    const http = classifySlackError(
      'pins.add',
      Object.assign(new Error('An HTTP protocol error occurred: statusCode = 503'), {
        code: webApi.ErrorCode.HTTPError,
        statusCode: 503,
      }),
    ) as ApplicationFailure;
    expect(http).toMatchObject({
      type: 'SlackUnavailable',
      nonRetryable: false,
      message: 'pins.add: HTTP 503',
    });
  });
});
