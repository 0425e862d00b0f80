// Slack Web API calls made safe to repeat, without Temporal: every post carries a metadata key, so a retry
// finds the message an earlier attempt posted instead of posting twice; every failure is classified (rate
// limited, unavailable, rejected) so the caller can decide to wait, retry or stop. Tokens never reach a message.
import { webApi } from '@slack/bolt';
import type { ActivityFailureType } from '../domain/failures';
import type { Blocks } from './format';

export type SlackFailureType = Extract<
  ActivityFailureType,
  'SlackRateLimited' | 'SlackUnavailable' | 'SlackRejected'
>;

/** A Slack call that failed, classified; `retryAfterSeconds` is Slack's own Retry-After when rate limited. */
export class SlackCallError extends Error {
  override name = 'SlackCallError';
  constructor(
    readonly type: SlackFailureType,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** Slack errors that mean "try again later"; every other platform error is a rejection and does not retry. */
export const TRANSIENT = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

/** Slack's own error code of a platform error (`not_in_channel`, …). */
export function slackError(err: unknown): string | undefined {
  return (err as { data?: { error?: string } }).data?.error;
}

/** Classifies a WebClient error (messages never carry the token). */
export function classifySlack(what: string, err: unknown): SlackCallError {
  const e = err as { code?: string; retryAfter?: number; statusCode?: number; message?: string };
  if (e.code === webApi.ErrorCode.RateLimitedError) {
    const seconds = Math.max(1, Number(e.retryAfter) || 1);
    return new SlackCallError(
      'SlackRateLimited',
      `${what}: rate limited by Slack, retrying after ${seconds}s`,
      seconds,
    );
  }
  if (e.code === webApi.ErrorCode.PlatformError) {
    const code = slackError(err) ?? 'unknown_error';
    return new SlackCallError(
      TRANSIENT.has(code) ? 'SlackUnavailable' : 'SlackRejected',
      `${what}: Slack answered ${code}`,
    );
  }
  return new SlackCallError(
    'SlackUnavailable',
    `${what}: ${e.statusCode ? `HTTP ${e.statusCode}` : (e.message ?? 'request failed')}`,
  );
}

/** Runs one Web API call; Slack errors listed in `ignore` answer undefined, any other failure is classified. */
export async function callSlack<T>(
  what: string,
  fn: () => Promise<T>,
  ignore: string[] = [],
): Promise<T | undefined> {
  try {
    return await fn();
  } catch (err) {
    if (ignore.includes(slackError(err) ?? '')) return undefined;
    throw classifySlack(what, err);
  }
}

/** Why Slack refused to archive, in words an operator can act on (the reason goes on the incident timeline). */
export function archiveRefusal(err: unknown): SlackCallError {
  const code = slackError(err);
  const needed = (err as { data?: { needed?: string } }).data?.needed;
  const why: Record<string, string> = {
    not_in_channel: 'the app is not a member of the channel (someone removed it); archive it by hand',
    missing_scope: `the app lacks the ${needed ?? 'groups:write'} scope; add it to the app and reinstall`,
    restricted_action: 'a workspace setting keeps the app from archiving channels',
    channel_not_found: 'the channel is gone or the app cannot see it',
  };
  if (!code || !(code in why)) return classifySlack('conversations.archive', err);
  return new SlackCallError('SlackRejected', `conversations.archive: Slack answered ${code}: ${why[code]}`);
}

const METADATA_EVENT = 'breachplan_message';

/** Posts each keyed message once. `isRetry` says whether an earlier attempt may have posted it already. */
export class SlackPoster {
  constructor(
    readonly client: webApi.WebClient,
    private readonly isRetry: () => boolean,
  ) {}

  /** The ts of a message an earlier attempt posted with this key (only looked up on retries). */
  async findPosted(channel: string, key: string): Promise<string | undefined> {
    if (!this.isRetry()) return undefined;
    const history = await callSlack('conversations.history', () =>
      this.client.conversations.history({ channel, limit: 100, include_all_metadata: true }),
    );
    const hit = history?.messages?.find(
      (m) =>
        m.metadata?.event_type === METADATA_EVENT &&
        (m.metadata.event_payload as { key?: unknown } | undefined)?.key === key,
    );
    return hit?.ts;
  }

  /**
   * chat.postMessage exactly once per key, even when an earlier attempt's answer was lost. Slack errors listed
   * in `ignore` mean "not posted" (undefined) instead of a failure.
   */
  async postOnceUnless(
    channel: string,
    key: string,
    message: { text: string; blocks: Blocks },
    ignore: string[],
  ): Promise<string | undefined> {
    const existing = await this.findPosted(channel, key);
    if (existing) return existing;
    const posted = await callSlack(
      'chat.postMessage',
      () =>
        this.client.chat.postMessage({
          channel,
          text: message.text,
          blocks: message.blocks as never,
          unfurl_links: false,
          metadata: { event_type: METADATA_EVENT, event_payload: { key } },
        }),
      ignore,
    );
    return posted?.ts;
  }

  async postOnce(channel: string, key: string, message: { text: string; blocks: Blocks }): Promise<string> {
    return (await this.postOnceUnless(channel, key, message, []))!;
  }

  /** A private channel by name (the one an earlier attempt created), through every page of the list. */
  async findChannelByName(name: string): Promise<string | undefined> {
    let cursor: string | undefined;
    do {
      const page = await callSlack('conversations.list', () =>
        this.client.conversations.list({
          types: 'private_channel',
          exclude_archived: true,
          limit: 1000,
          cursor,
        }),
      );
      const hit = page?.channels?.find((c) => c.name === name);
      if (hit?.id) return hit.id;
      cursor = page?.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return undefined;
  }
}
