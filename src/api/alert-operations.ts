// The API's alert and webhook operations: alerts in from monitoring (signed by their source, not a person's
// token), and parked outbound webhook events sent again.
import { z } from 'zod';
import { ALERT_SOURCE_ID, alertStatusSchema } from '../domain/alerts';
import { redeliverWebhooksSchema } from '../domain/webhook-events';
import { incidentHandle, sendCommand } from '../temporal/incidents';
import { readIncident } from '../temporal/incident-reads';
import * as msg from '../../workflows/messages';
import type { Operation } from './operations';
import { incidentParams } from './params';
import { ApiProblem } from './problem';

const sourceParams = z.object({
  source: z.string().regex(ALERT_SOURCE_ID, 'an alert source id like prometheus'),
});

const outcomeSchema = z.object({
  fingerprint: z.string(),
  status: alertStatusSchema,
  incidentId: z.string().optional(),
  outcome: z.enum(['declared', 'attached', 'repeat', 'ignored']),
  seq: z.number().optional(),
});

export const ALERT_OPERATIONS: Operation[] = [
  {
    operationId: 'receiveAlert',
    method: 'post',
    path: '/alerts/{source}',
    summary:
      'An alert delivery from a configured source (Alertmanager webhook v4, PagerDuty v3 webhook, or generic signed JSON): attaches to the open incident of its fingerprint, or declares one in triage as the source’s service account',
    tag: 'incidents',
    params: sourceParams,
    rawBody: true,
    authenticateBy: (d, r) => {
      if (!d.alerts) throw new ApiProblem(401, 'not_signed_in', 'no alert sources are configured');
      return d.alerts.authenticate(r.params.source ?? '', r.headers, r.raw);
    },
    response: {
      status: 202,
      description: 'what became of each alert: declared, attached, repeat (already recorded) or ignored',
      schema: z.object({ alerts: z.array(outcomeSchema) }),
    },
    async run(d, c) {
      const source = c.params.source!;
      const alerts = d.alerts!.parse(source, c.raw!);
      const outcomes = await d.alerts!.receive(source, c.who, alerts);
      d.logger.info(
        {
          edge: 'alerts',
          source,
          alerts: outcomes.length,
          declared: outcomes.filter((x) => x.outcome === 'declared').length,
        },
        'alerts: received',
      );
      return { status: 202, json: { alerts: outcomes } };
    },
  },
  {
    operationId: 'redeliverWebhooks',
    method: 'post',
    path: '/incidents/{incidentId}/webhooks/redeliver',
    summary:
      'Send the parked outbound webhook events of one subscriber (or all) again, in order (commanders)',
    tag: 'incidents',
    params: incidentParams,
    body: redeliverWebhooksSchema.omit({ actor: true }),
    idempotent: true,
    response: {
      status: 200,
      description: '`{subscribers, events}`: who gets their parked events again, and how many',
    },
    async run(d, c) {
      const id = c.params.incidentId!;
      await readIncident(d.client, id, c.who.actor);
      const r = await sendCommand(incidentHandle(d.client, id), msg.redeliverWebhooks, c.body as object, {
        as: c.who,
        updateId: c.updateId,
      });
      return { json: r };
    },
  },
];
