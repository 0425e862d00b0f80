// What every Slack listener shares: the Temporal client, the role directory, the runbook, the templates, the
// channel → incident index, and one way to tell a person the outcome (an ephemeral message).
import type { App } from '@slack/bolt';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { PinnedRunbook } from '../domain/runbook';
import { type Actor, type RoleDirectory, actorFor } from '../domain/roles';
import { temporalRefusal } from '../temporal/errors';
import type { AuthenticatedActor } from '../domain/principal';
import { RefusedError } from '../temporal/incidents';
import { refusalOutcome } from '../domain/failures';
import { neutralise } from '../domain/text';
import type { Blocks, SlackTemplates } from '../slack-kit/format';
import type { ChannelIndex } from './incident-channels';

export interface SlackEdgeContext {
  temporal: Client;
  taskQueue: string;
  directory: () => RoleDirectory;
  runbook: () => PinnedRunbook;
  templates: SlackTemplates;
  channels: ChannelIndex;
  logger: Logger;
  /**
   * Opens a modal for a trigger. A trigger id lives 3 seconds: one attempt, bounded, never retried after
   * Slack's answer could no longer be used (the retries of the shared client would only load the process).
   */
  openModal(triggerId: string, view: unknown): Promise<void>;
}

/** The person behind a Slack user id; people not in the directory get no roles (they may only read). */
export function slackActor(ctx: SlackEdgeContext, slackUserId: string): Actor {
  return actorFor(ctx.directory(), slackUserId, 'slack');
}

/**
 * The person behind a correctly signed Slack request, as the commands they send carry it: the directory's
 * actor and the principal (method slack, subject the Slack user id, issuer the workspace's team id).
 */
export function slackAuthenticated(
  ctx: SlackEdgeContext,
  slackUserId: string,
  teamId: string | undefined,
): AuthenticatedActor {
  const actor = slackActor(ctx, slackUserId);
  return {
    actor,
    principal: {
      personId: actor.id,
      method: 'slack',
      subject: slackUserId,
      ...(teamId ? { issuer: teamId } : {}),
      edge: 'slack',
    },
  };
}

/** The text a person sees when their action did not go through: the workflow's own reason, or a generic one. */
export function outcomeText(err: unknown, ctx: SlackEdgeContext, what: string): string {
  if (err instanceof RefusedError) {
    const { icon, verb } = refusalOutcome(err.code).slack;
    return `${icon} ${what} ${verb}: ${err.message}`;
  }
  const temporal = temporalRefusal(err, what);
  if (temporal) {
    ctx.logger.warn({ problem: temporal.problem, what }, 'slack: Temporal refused');
    return `:warning: ${what} did not go through: ${temporal.message}.`;
  }
  ctx.logger.error({ err: (err as Error).message, what }, 'slack: action failed');
  return `:warning: ${what} failed; please try again in a moment.`;
}

/** What a person is told: text, and optionally the blocks of a layout (the text is then the fallback). */
export interface Reply {
  text: string;
  blocks?: Blocks;
}

/** An ephemeral message to one person in a channel (else a direct message); failures are logged, never thrown. */
export async function tell(
  bolt: Pick<App, 'client'>['client'],
  ctx: SlackEdgeContext,
  channel: string | undefined,
  user: string,
  message: string | Reply,
  threadTs?: string,
): Promise<void> {
  const { text: raw, blocks } = typeof message === 'string' ? { text: message, blocks: undefined } : message;
  const text = neutralise(raw);
  if (channel) {
    try {
      await bolt.chat.postEphemeral({ channel, user, text, blocks: blocks as never, thread_ts: threadTs });
      return;
    } catch (err) {
      // e.g. the bot is not in that channel: fall back to a direct message.
      ctx.logger.debug({ err: (err as Error).message }, 'slack: ephemeral reply failed');
    }
  }
  try {
    await bolt.chat.postMessage({ channel: user, text, blocks: blocks as never });
  } catch (err) {
    ctx.logger.warn({ err: (err as Error).message }, 'slack: could not deliver a reply');
  }
}

/**
 * The Temporal update id of a Slack request, from the id Slack gives that one interaction (a slash command's or
 * click's trigger_id, a modal's view id): the same signed request delivered again (a retry, or a replay within
 * the signature's 5-minute window) is the same update, applied once.
 */
export function slackUpdateId(kind: 'command' | 'action' | 'view', id: unknown): string | undefined {
  return typeof id === 'string' && /^[A-Za-z0-9._-]{1,120}$/.test(id) ? `slack-${kind}:${id}` : undefined;
}

/** private_metadata of our modals: small JSON we wrote ourselves, read back defensively. */
export function readMetadata(raw: string | undefined): Record<string, string> {
  try {
    const value = JSON.parse(raw ?? '{}') as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value))
      return Object.fromEntries(
        Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
  } catch {
    // fall through
  }
  return {};
}
