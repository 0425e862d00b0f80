// Slack side effects of an incident: its channel, the pinned live status, reminders, approval requests in the
// legal channel, and at close a summary and the channel archived. Without Slack every activity is a no-op that
// says so. Posting once and classifying failures is src/slack-kit/poster.ts's; here they become typed failures.
import { createHash } from 'node:crypto';
import { Context } from '@temporalio/activity';
import type { webApi } from '@slack/bolt';
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
import {
  archiveRefusal,
  callSlack,
  classifySlack,
  SlackCallError,
  SlackPoster,
  slackError,
  TRANSIENT,
} from '../src/slack-kit/poster';
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

/** A classified Slack failure as Temporal should see it: 429 waits for Slack's Retry-After. */
function asFailure(e: SlackCallError) {
  return activityFailure(
    e.type,
    e.message,
    e.retryAfterSeconds ? { nextRetryDelay: `${e.retryAfterSeconds}s` } : {},
  );
}

/** Turns a WebClient error into the failure Temporal should see (messages never carry the token). */
export function classifySlackError(what: string, err: unknown): Error {
  return asFailure(classifySlack(what, err));
}

/** Every activity of the set, with the kit's classified Slack errors thrown as typed failures. */
function asActivities<T extends Record<string, (req: never) => Promise<unknown>>>(activities: T): T {
  const wrapped: Record<string, (req: never) => Promise<unknown>> = {};
  for (const [name, fn] of Object.entries(activities)) {
    wrapped[name] = async (req: never) => {
      try {
        return await fn(req);
      } catch (err) {
        throw err instanceof SlackCallError ? asFailure(err) : err;
      }
    };
  }
  return wrapped as T;
}

/** Whether this is a retry, when an earlier attempt may already have posted (1 outside an activity). */
const isRetry = () => {
  try {
    return Context.current().info.attempt > 1;
  } catch {
    return false;
  }
};

export function createSlackActivities(deps: { slack?: SlackActivityDeps; directory: () => RoleDirectory }) {
  const slack = deps.slack;
  const poster = slack && new SlackPoster(slack.client, isRetry);

  return asActivities({
    /** Creates #inc-<number>-<slug> (or finds the one an earlier attempt created) and invites the people. */
    async openIncidentChannel(req: OpenChannelRequest): Promise<OpenChannelResult | Skipped> {
      if (!slack) return NOT_CONFIGURED;
      const { client } = slack;
      const name = incidentChannelName(req.incidentId, req.title);
      const created = await callSlack(
        'conversations.create',
        () => client.conversations.create({ name, is_private: true }),
        ['name_taken'],
      );
      const channelId = created?.channel?.id ?? (await poster!.findChannelByName(name));
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
          else throw classifySlack('conversations.invite', err);
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
        await callSlack('chat.update', () =>
          client.chat.update({
            channel: req.channelId,
            ts,
            text: message.text,
            blocks: message.blocks as never,
          }),
        );
        return { ts };
      }
      const ts = await poster!.postOnce(req.channelId, `${status.incidentId}:status`, message);
      await callSlack('pins.add', () => client.pins.add({ channel: req.channelId, timestamp: ts }), [
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
      return { ts: await poster!.postOnce(req.channelId, key, message) };
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
      const summaryTs = await poster!.postOnceUnless(
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
        await callSlack('chat.update', () =>
          slack.client.chat.update({ channel, ts, text: message.text, blocks: message.blocks as never }),
        );
        return req.message;
      }
      const channel = slack.legalChannel!;
      const ts = await poster!.postOnce(channel, `${req.incidentId}:approval:${req.gate.requestId}`, message);
      return { channel, ts };
    },
  });
}
