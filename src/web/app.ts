// The HTTP app: one port for health, Slack's requests and the web pages. Edges only: validate, authorize,
// then talk to Temporal through the shared client.
import express, { type Express } from 'express';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';

export interface AppDeps {
  client: Client;
  logger: Logger;
  namespace: string;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');

  app.get('/healthz', async (_req, res) => {
    try {
      await deps.client.workflowService.describeNamespace({ namespace: deps.namespace });
      res.json({ ok: true, temporal: 'reachable', namespace: deps.namespace });
    } catch (err) {
      deps.logger.warn({ err: (err as Error).message }, 'health check: Temporal unreachable');
      res.status(503).json({ ok: false, temporal: 'unreachable' });
    }
  });

  return app;
}
