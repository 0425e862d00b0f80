// The Slack edge: a Bolt app in HTTP mode on the project's Express app (POST /slack/events, also reachable as
// /slack/commands and /slack/interactions): slash commands, app mentions (Events API), modals and buttons.
// Signed requests only; listeners acknowledge first, work after.
import { App, LogLevel } from '@slack/bolt';
import type { Client } from '@temporalio/client';
import type { Router } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { PinnedRunbook } from '../domain/runbook';
import type { RoleDirectory } from '../domain/roles';
import { loadRunbookFile } from '../temporal/incidents';
import { TEMPLATES_DIR } from '../paths';
import { createBotAuthorize, type BotAuthorize } from './bot-identity';
import { registerButtons } from './buttons';
import { slackApiUrl, type SlackConfig } from '../slack-kit/web-api';
import { registerCommands } from './commands';
import type { SlackEdgeContext } from './context';
import { registerDeclare } from './declare';
import { createSlackTemplates } from '../slack-kit/format';
import { createChannelIndex } from './incident-channels';
import { registerMentions } from './mentions';
import { openView } from './open-view';
import { SlackRequestReceiver } from './receiver';

/** How long opening a modal may take: Slack's trigger ids expire after 3 s. */
export const MODAL_TIMEOUT_MS = 2500;

export interface SlackEdgeOptions {
  slack: SlackConfig;
  temporal: Client;
  taskQueue: string;
  directory: () => RoleDirectory;
  runbook: () => PinnedRunbook;
  templatesDir: string;
  logger: Logger;
}

export interface SlackEdge {
  /** Mount at /slack. */
  router: Router;
  bolt: App;
  identity: BotAuthorize;
}

export function createSlackEdge(o: SlackEdgeOptions): SlackEdge {
  const logger = o.logger.child({ edge: 'slack' });
  const receiver = new SlackRequestReceiver({ signingSecret: o.slack.signingSecret, logger });
  // No auth.test on the request path (Bolt's default with a token): acks never depend on Slack's API.
  const identity = createBotAuthorize({ botToken: o.slack.botToken, apiUrl: o.slack.apiUrl, logger });
  const bolt = new App({
    authorize: identity.authorize as never,
    receiver,
    // No conversation store: nothing reads context.conversation, and it ran on every request before the ack.
    convoStore: false,
    logLevel: LogLevel.ERROR,
    clientOptions: {
      slackApiUrl: slackApiUrl(o.slack.apiUrl),
      // Replies are interactive: a few quick retries (Retry-After honoured), then give up and log.
      retryConfig: { retries: 3, factor: 2, minTimeout: 300, maxTimeout: 3000 },
      logLevel: LogLevel.ERROR,
    },
  });
  const ctx: SlackEdgeContext = {
    temporal: o.temporal,
    taskQueue: o.taskQueue,
    directory: o.directory,
    runbook: o.runbook,
    templates: createSlackTemplates(o.templatesDir),
    channels: createChannelIndex(o.temporal, o.taskQueue),
    logger,
    openModal: (triggerId, view) => openView(o.slack, triggerId, view, MODAL_TIMEOUT_MS),
  };
  registerCommands(bolt, ctx);
  registerMentions(bolt, ctx);
  registerDeclare(bolt, ctx);
  registerButtons(bolt, ctx);
  bolt.error(async (err) => {
    logger.error({ err: err.message }, 'slack: unhandled listener error');
  });
  return { router: receiver.router, bolt, identity };
}

/** The Slack edge of a process from its config; undefined when Slack is not configured. */
export function slackEdgeFromConfig(
  config: Pick<Config, 'slack' | 'temporal'>,
  temporal: Client,
  logger: Logger,
  directory: () => RoleDirectory,
): SlackEdge | undefined {
  if (!config.slack) return undefined;
  const runbook = loadRunbookFile();
  return createSlackEdge({
    slack: config.slack,
    temporal,
    taskQueue: config.temporal.taskQueue,
    directory,
    runbook: () => runbook,
    templatesDir: TEMPLATES_DIR,
    logger,
  });
}
