// Slack Web API clients built from config: the worker's (no retries of its own — Temporal retries the
// activity, honouring Retry-After) and the edge's (a few quick retries for interactive replies).
import { LogLevel, webApi } from '@slack/bolt';
import type { Config } from '../config';
import type { SlackActivityDeps } from '../../activities/slack';
import { createSlackTemplates } from './format';

export type SlackConfig = NonNullable<Config['slack']>;

/** WebClient wants the base URL with a trailing slash. */
export function slackApiUrl(apiUrl?: string): string | undefined {
  if (!apiUrl) return undefined;
  return apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`;
}

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
