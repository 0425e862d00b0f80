// What the worker's and the edge's Slack Web API clients share: the config they are built from and its URL.
import type { Config } from '../config';

export type SlackConfig = NonNullable<Config['slack']>;

/** WebClient wants the base URL with a trailing slash. */
export function slackApiUrl(apiUrl?: string): string | undefined {
  if (!apiUrl) return undefined;
  return apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`;
}
