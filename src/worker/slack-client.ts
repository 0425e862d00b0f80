// The worker's Slack Web API client, built from config: no retries of its own (Temporal retries the
// activity, honouring Retry-After), plus the templates the Slack activities render.
import { LogLevel, webApi } from '@slack/bolt';
import type { Config } from '../config';
import type { SlackActivityDeps } from '../../activities/slack';
import { createSlackTemplates } from '../slack-kit/format';
import { slackApiUrl, type SlackConfig } from '../slack-kit/web-api';

export function createActivityWebClient(slack: Pick<SlackConfig, 'botToken' | 'apiUrl'>): webApi.WebClient {
  return new webApi.WebClient(slack.botToken, {
    slackApiUrl: slackApiUrl(slack.apiUrl),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 20_000,
    logLevel: LogLevel.ERROR,
  });
}

/** What the worker's Slack activities need; undefined when Slack is not configured. */
export function slackActivityDeps(
  slack: Config['slack'],
  templatesDir: string,
): SlackActivityDeps | undefined {
  if (!slack) return undefined;
  return {
    client: createActivityWebClient(slack),
    templates: createSlackTemplates(templatesDir),
    legalChannel: slack.legalChannel,
  };
}
