// Slack side effects of an incident: its channel, the pinned live status, reminders, approval requests in the
// legal channel, and at close a summary in the channel and the channel archived. Without Slack configured every activity is a no-op that says so. Failures are classified
// for Temporal's retries: 429 waits for Slack's Retry-After, outages retry with backoff, rejections stop.
import { createHash } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { webApi } from '@slack/bolt';
import type { Actor, RoleDirectory } from '../src/domain/roles';
import { findPerson } from '../src/domain/roles';
import { type Blocks, type SlackTemplates, incidentChannelName } from '../src/slack-kit/format';
import {
  approvalData,
  closingSummaryData,
  statusData,
  type ApprovalMessageInput,
} from '../src/slack-kit/layouts';
import type { ClosingSummary, SlackStatus } from '../src/domain/slack-status';
import { activityFailure } from './failure';

export interface SlackActivityDeps {
  client: webApi.WebClient;
  templates: SlackTemplates;
  legalChannel?: string;
}

export type Skipped = { skipped: string };
const NOT_CONFIGURED: Skipped = {
  skipped: 'Slack is not configured (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET)',
};

export interface OpenChannelRequest {
  incidentId: string;
  title: string;
  declaredBy: Actor;
}
export interface OpenChannelResult {
  channelId: string;
  name: string;
  invited: string[];
  notInvited: string[];
}
export interface StatusRequest {
  channelId: string;
  messageTs?: string;
  status: SlackStatus;
}
export interface NoticeRequest {
  channelId: string;
  incidentId: string;
  kind: string;
  text: string;
  /** Unique per message of this incident: a retry finds the message an earlier attempt may have posted. */
  key: string;
}
export interface CloseChannelRequest {
  channelId: string;
  incidentId: string;
  summary: ClosingSummary;
}
export interface CloseChannelResult {
  /** The closing summary's message; absent when the channel was archived before it could be posted. */
  summaryTs?: string;
  /** Someone (or an earlier attempt whose answer was lost) had archived it already. */
  alreadyArchived: boolean;
}
export interface ApprovalMessageRequest extends ApprovalMessageInput {
  message?: { channel: string; ts: string };
}
export type MessageRef = { channel: string; ts: string };

/** Slack errors that mean "try again later"; every other platform error is a rejection and does not retry. */
const TRANSIENT = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

function slackError(err: unknown): string | undefined {
  return (err as { data?: { error?: string } }).data?.error;
}

/** Turns a WebClient error into the failure Temporal should see (messages never carry the token). */
export function classifySlackError(what: string, err: unknown): Error {
  const e = err as { code?: string; retryAfter?: number; statusCode?: number; message?: string };
  if (e.code === webApi.ErrorCode.RateLimitedError) {
    const seconds = Math.max(1, Number(e.retryAfter) || 1);
    return activityFailure('SlackRateLimited', `${what}: rate limited by Slack, retrying after ${seconds}s`, {
      nextRetryDelay: `${seconds}s`,
    });
  }
  if (e.code === webApi.ErrorCode.PlatformError) {
    const code = slackError(err) ?? 'unknown_error';
    return activityFailure(
      TRANSIENT.has(code) ? 'SlackUnavailable' : 'SlackRejected',
      `${what}: Slack answered ${code}`,
    );
  }
  return activityFailure(
    'SlackUnavailable',
    `${what}: ${e.statusCode ? `HTTP ${e.statusCode}` : (e.message ?? 'request failed')}`,
  );
}

async function call<T>(what: string, fn: () => Promise<T>, ignore: string[] = []): Promise<T | undefined> {
  try {
    return await fn();
  } catch (err) {
    if (ignore.includes(slackError(err) ?? '')) return undefined;
    throw classifySlackError(what, err);
  }
}

const attempt = () => {
  try {
    return Context.current().info.attempt;
  } catch {
    return 1;
  }
};

const METADATA_EVENT = 'breachplan_message';

/** Why Slack refused to archive, in words an operator can act on (the reason goes on the incident timeline). */
function archiveRefusal(err: unknown): Error {
  const code = slackError(err);
  const needed = (err as { data?: { needed?: string } }).data?.needed;
  const why: Record<string, string> = {
    not_in_channel: 'the app is not a member of the channel (someone removed it); archive it by hand',
    missing_scope: `the app lacks the ${needed ?? 'groups:write'} scope; add it to the app and reinstall`,
    restricted_action: 'a workspace setting keeps the app from archiving channels',
    channel_not_found: 'the channel is gone or the app cannot see it',
  };
  if (!code || !(code in why)) return classifySlackError('conversations.archive', err);
  return activityFailure('SlackRejected', `conversations.archive: Slack answered ${code}: ${why[code]}`);
}

export function createSlackActivities(deps: { slack?: SlackActivityDeps; directory: () => RoleDirectory }) {
  const slack = deps.slack;

  /** The ts of a message an earlier attempt posted with this key (only looked up on retries). */
  async function findPosted(
    client: webApi.WebClient,
    channel: string,
    key: string,
  ): Promise<string | undefined> {
    if (attempt() <= 1) return undefined;
    const history = await call('conversations.history', () =>
      client.conversations.history({ channel, limit: 100, include_all_metadata: true }),
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
  async function postOnceUnless(
    client: webApi.WebClient,
    channel: string,
    key: string,
    message: { text: string; blocks: Blocks },
    ignore: string[],
  ): Promise<string | undefined> {
    const existing = await findPosted(client, channel, key);
    if (existing) return existing;
    const posted = await call(
      'chat.postMessage',
      () =>
        client.chat.postMessage({
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
  const postOnce = async (...args: [webApi.WebClient, string, string, { text: string; blocks: Blocks }]) =>
    (await postOnceUnless(...args, []))!;

  async function findChannelByName(client: webApi.WebClient, name: string): Promise<string | undefined> {
    let cursor: string | undefined;
    do {
      const page = await call('conversations.list', () =>
        client.conversations.list({ types: 'private_channel', exclude_archived: true, limit: 1000, cursor }),
      );
      const hit = page?.channels?.find((c) => c.name === name);
      if (hit?.id) return hit.id;
      cursor = page?.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return undefined;
  }

  return {
    /** Creates #inc-<number>-<slug> (or finds the one an earlier attempt created) and invites the people. */
    async openIncidentChannel(req: OpenChannelRequest): Promise<OpenChannelResult | Skipped> {
      if (!slack) return NOT_CONFIGURED;
      const { client } = slack;
      const name = incidentChannelName(req.incidentId, req.title);
      const created = await call(
        'conversations.create',
        () => client.conversations.create({ name, is_private: true }),
        ['name_taken'],
      );
      const channelId = created?.channel?.id ?? (await findChannelByName(client, name));
      if (!channelId)
        throw activityFailure('SlackUnavailable', `channel #${name} is taken but not listed yet`);
      const dir = deps.directory();
      const reporter =
        findPerson(dir, req.declaredBy.id)?.slackUserId ??
        (/^[UW][A-Z0-9]+$/.test(req.declaredBy.id) ? req.declaredBy.id : undefined);
      const users = [
        ...new Set(
          [reporter, ...dir.people.filter((p) => p.onCall).map((p) => p.slackUserId)].filter(
            (u): u is string => !!u,
          ),
        ),
      ];
      const invited: string[] = [];
      const notInvited: string[] = [];
      for (const user of users) {
        try {
          await client.conversations.invite({ channel: channelId, users: user });
          invited.push(user);
        } catch (err) {
          const code = slackError(err);
          if (code === 'already_in_channel') invited.push(user);
          else if (code && !TRANSIENT.has(code)) notInvited.push(`${user}: ${code}`);
          else throw classifySlackError('conversations.invite', err);
        }
      }
      return { channelId, name, invited, notInvited };
    },

    /** Posts and pins the live status once, then updates that same message in place. */
    async publishSlackStatus(req: StatusRequest): Promise<{ ts: string } | Skipped> {
      if (!slack) return NOT_CONFIGURED;
      const { client, templates } = slack;
      const { status } = req;
      const message = templates.render<{ text: string; blocks: Blocks }>('status', statusData(status));
      if (req.messageTs) {
        const ts = req.messageTs;
        await call('chat.update', () =>
          client.chat.update({
            channel: req.channelId,
            ts,
            text: message.text,
            blocks: message.blocks as never,
          }),
        );
        return { ts };
      }
      const ts = await postOnce(client, req.channelId, `${status.incidentId}:status`, message);
      await call('pins.add', () => client.pins.add({ channel: req.channelId, timestamp: ts }), [
        'already_pinned',
      ]);
      return { ts };
    },

    /** A reminder, escalation or other notice in the incident channel. */
    async postSlackNotice(req: NoticeRequest): Promise<{ ts: string } | Skipped> {
      if (!slack) return NOT_CONFIGURED;
      const icon = req.kind.includes('missed')
        ? ':fire:'
        : req.kind.includes('reminder')
          ? ':alarm_clock:'
          : ':information_source:';
      const message = slack.templates.render<{ text: string; blocks: Blocks }>('notice', {
        text: req.text,
        icon,
      });
      const key = `${req.incidentId}:${req.key}:${createHash('sha256').update(req.text).digest('hex').slice(0, 16)}`;
      return { ts: await postOnce(slack.client, req.channelId, key, message) };
    },

    /**
     * At close: the closing summary (once, even across retries), then the channel archived. Archived already
     * counts as done; a refusal (bot removed, scope missing) is a non-retryable failure saying what to fix.
     */
    async closeIncidentChannel(req: CloseChannelRequest): Promise<CloseChannelResult | Skipped> {
      if (!slack) return NOT_CONFIGURED;
      const { client, templates } = slack;
      const message = templates.render<{ text: string; blocks: Blocks }>(
        'closing-summary',
        closingSummaryData(req.summary),
      );
      // is_archived: archived before the summary could go in (by hand, or by an attempt whose answer was lost).
      // A channel the app cannot post in cannot be archived by it either: archiving below says why.
      const summaryTs = await postOnceUnless(
        client,
        req.channelId,
        `${req.incidentId}:closing-summary`,
        message,
        ['is_archived', 'not_in_channel', 'channel_not_found'],
      );
      try {
        await client.conversations.archive({ channel: req.channelId });
        return { summaryTs, alreadyArchived: false };
      } catch (err) {
        if (slackError(err) === 'already_archived') return { summaryTs, alreadyArchived: true };
        throw archiveRefusal(err);
      }
    },

    /** The approval request in the legal channel, re-rendered in place as votes arrive. */
    async publishSlackApproval(req: ApprovalMessageRequest): Promise<MessageRef | Skipped> {
      if (!slack) return NOT_CONFIGURED;
      if (!slack.legalChannel && !req.message) return { skipped: 'SLACK_LEGAL_CHANNEL is not set' };
      const message = slack.templates.render<{ text: string; blocks: Blocks }>('approval', approvalData(req));
      if (req.message) {
        const { channel, ts } = req.message;
        await call('chat.update', () =>
          slack.client.chat.update({ channel, ts, text: message.text, blocks: message.blocks as never }),
        );
        return req.message;
      }
      const channel = slack.legalChannel!;
      const ts = await postOnce(
        slack.client,
        channel,
        `${req.incidentId}:approval:${req.gate.requestId}`,
        message,
      );
      return { channel, ts };
    },
  };
}
