// The Slack activities without Slack (no-ops that say so), how Slack's failures become retry decisions, and the
// status activity's two inputs (the compact status, and the whole view of tasks scheduled before it).
import { webApi } from '@slack/bolt';
import { ApplicationFailure } from '@temporalio/common';
import { classifySlackError, createSlackActivities } from '../../activities/slack';
import { slackActivityDeps } from '../../src/worker/slack-client';
import { TEMPLATES_DIR } from '../../src/paths';
import { slackStatusOf } from '../../src/domain/slack-status';
import { startFakeSlack } from '../support/fake-slack';
import { DIRECTORY } from '../support/people';
import { BOT_TOKEN, SIGNING_SECRET } from '../support/slack-requests';
import { incidentView } from './view-fixture';

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

  it('posts and pins the status once, then updates that message in place', async () => {
    const slack = await startFakeSlack();
    try {
      const deps = slackActivityDeps(
        { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: slack.apiUrl },
        TEMPLATES_DIR,
      );
      const acts = createSlackActivities({ slack: deps, directory: () => DIRECTORY });
      const channel = slack.addChannel('C0STATUS', 'status');
      channel.members.add('UBOT');
      const view = incidentView();
      const a = (await acts.publishSlackStatus({ channelId: channel.id, status: slackStatusOf(view) })) as {
        ts: string;
      };
      expect(channel.pins.has(a.ts)).toBe(true);
      expect(channel.messages).toHaveLength(1);
      expect(channel.messages[0]!.metadata?.event_payload).toEqual({ key: 'INC-20261124-7F3K5:status' });

      await acts.publishSlackStatus({
        channelId: channel.id,
        messageTs: a.ts,
        status: slackStatusOf({ ...view, status: 'closed' }),
      });
      expect(channel.messages).toHaveLength(1);
      expect(channel.messages[0]!.text).toMatch(/, closed, phase Triage\)$/);
    } finally {
      await slack.stop();
    }
  });
});
