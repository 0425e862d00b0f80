// The HTTP app: one port for health, Slack's requests and the web pages. Edges only: validate, authorize,
// then talk to Temporal through the shared client.
import express, { type Express } from 'express';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { SlackEdge } from '../slack/app';
import type { WebEdge } from './edge';

export interface AppDeps {
  client: Client;
  logger: Logger;
  namespace: string;
  /** The Slack edge (POST /slack/events); absent when Slack is not configured. */
  slack?: Pick<SlackEdge, 'router'>;
  /** The web edge (codec endpoint, sign-in, pages); absent in processes that serve only health and Slack. */
  web?: WebEdge;
  /** How long /healthz waits for Temporal before answering 503 (default 800 ms). */
  healthDeadlineMs?: number;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // Mounted before any body parser: Slack's signature covers the raw bytes.
  if (deps.slack) app.use('/slack', deps.slack.router);

  // A bounded call: with Temporal gone or silent, a load balancer hears 503 within the second, not after
  // gRPC's reconnect backoff (18 s measured without a deadline).
  const healthDeadlineMs = deps.healthDeadlineMs ?? 800;
  app.get('/healthz', async (_req, res) => {
    try {
      await deps.client.connection.withDeadline(Date.now() + healthDeadlineMs, () =>
        deps.client.workflowService.describeNamespace({ namespace: deps.namespace }),
      );
      res.json({ ok: true, temporal: 'reachable', namespace: deps.namespace });
    } catch (err) {
      deps.logger.warn({ err: (err as Error).message }, 'health check: Temporal unreachable');
      res.status(503).json({ ok: false, temporal: 'unreachable', deadlineMs: healthDeadlineMs });
    }
  });

  if (deps.web) app.use(deps.web.router);
  return app;
}
