// A Slack-enabled test deployment: the fake Slack Web API, a real worker whose Slack activities talk to it,
// and the real HTTP app with the Slack edge, listening on loopback. The edge's log lines are kept (redacted as
// in production) so a test can wait for the edge to have handled a request that has no other visible effect.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type { SlackConfig } from '../../src/slack-kit/web-api';
import { slackActivityDeps } from '../../src/worker/slack-client';
import { createSlackEdge } from '../../src/slack/app';
import { loadRunbookFile } from '../../src/temporal/incidents';
import { TEMPLATES_DIR } from '../../src/paths';
import { createApp } from '../../src/web/app';
import { REDACT_PATHS } from '../../src/log';
import { SLACK_CHANNEL } from '../../workflows/search-attributes';
import { type FakeSlack, startFakeSlack } from './fake-slack';
import { eventually } from './incident-driver';
import { DIRECTORY } from './people';
import { BOT_TOKEN, SIGNING_SECRET } from './slack-requests';
import { startTestStack, type TestStack } from './temporal';

export const LEGAL_CHANNEL = 'C0LEGAL';
export const GENERAL_CHANNEL = 'C0GENERAL';

export type LogLine = Record<string, unknown> & { msg: string; level: number };

export interface SlackTestStack {
  stack: TestStack;
  slack: FakeSlack;
  /** Base URL of the HTTP app, e.g. http://127.0.0.1:1234 */
  url: string;
  events: string;
  /** Every line the app logged (info and up), parsed. */
  logs: LogLine[];
  /** The log lines with this message, e.g. 'slack: incident declared'. */
  logged(message: string): LogLine[];
  /** Workflow ids started on this suite's task queue. */
  incidents(): Promise<string[]>;
  /** The incident whose channel this is, once visible to queries (as the edge looks it up). */
  incidentOfChannel(channelId: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startSlackTestStack(): Promise<SlackTestStack> {
  const slack = await startFakeSlack();
  slack.addChannel(LEGAL_CHANNEL, 'legal');
  slack.addChannel(GENERAL_CHANNEL, 'general');
  const config: SlackConfig = {
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    apiUrl: slack.apiUrl,
    legalChannel: LEGAL_CHANNEL,
  };
  const stack = await startTestStack({
    directory: DIRECTORY,
    activityOverrides: { slack: slackActivityDeps(config, TEMPLATES_DIR) },
  });
  const logs: LogLine[] = [];
  const logger = pino(
    { level: 'info', redact: { paths: REDACT_PATHS, censor: '[redacted]' } },
    { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) },
  );
  const runbook = loadRunbookFile();
  const edge = createSlackEdge({
    slack: config,
    temporal: stack.client,
    taskQueue: stack.temporal.taskQueue,
    directory: () => DIRECTORY,
    runbook: () => runbook,
    templatesDir: TEMPLATES_DIR,
    logger,
  });
  const app = createApp({ client: stack.client, logger, namespace: 'default', slack: edge });
  const server = await new Promise<Server>((ok) => {
    const s = app.listen(0, '127.0.0.1', () => ok(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const list = async (query: string) => {
    const ids: string[] = [];
    for await (const wf of stack.client.workflow.list({ query })) ids.push(wf.workflowId);
    return ids;
  };
  return {
    stack,
    slack,
    url,
    events: `${url}/slack/events`,
    logs,
    logged: (message) => logs.filter((l) => l.msg === message),
    incidents: () => list(`TaskQueue = '${stack.temporal.taskQueue}'`),
    async incidentOfChannel(channelId) {
      const ids = await eventually(
        () => list(`${SLACK_CHANNEL.name} = '${channelId}' AND TaskQueue = '${stack.temporal.taskQueue}'`),
        (found) => found.length === 1,
        { what: `the incident of channel ${channelId}` },
      );
      return ids[0]!.replace(/^incident-/, '');
    },
    async stop() {
      await new Promise<void>((ok) => server.close(() => ok()));
      await stack.stop();
      await slack.stop();
    },
  };
}
