// Outbound webhooks: one event to one subscriber, as a CloudEvents 1.0 JSON body signed per Standard Webhooks.
// The event id is the webhook id (a receiver drops repeats by it); a 2xx answer is a delivery, a 4xx a
// refusal that parks at once, anything else a failure Temporal retries with the incident's backoff.
import { Context } from '@temporalio/activity';
import { CLOUDEVENT_TYPE_PREFIX, type OutEvent, type WebhookRoutes } from '../src/domain/webhook-events';
import { standardWebhookSignature } from '../src/crypto/webhook-signatures';
import { type WebhookConfig, routesOf } from '../src/integrations';
import { activityFailure } from './failure';

export interface WebhookActivityDeps {
  config: () => WebhookConfig;
  /** Per attempt (default 10 s). */
  timeoutMs?: number;
}

export interface DeliverWebhookRequest {
  subscriberId: string;
  event: OutEvent;
}

/** The CloudEvent as it goes on the wire; `text` joins `data` only when the incident put it in the event. */
export function cloudEventOf(e: OutEvent): Record<string, unknown> {
  return {
    specversion: '1.0',
    id: e.id,
    source: `/breachplan/incidents/${e.incidentId}`,
    type: `${CLOUDEVENT_TYPE_PREFIX}${e.type}`,
    subject: e.incidentId,
    time: e.time,
    datacontenttype: 'application/json',
    data: { incidentId: e.incidentId, seq: e.seq, ...e.data, ...(e.text ? { text: e.text } : {}) },
  };
}

const RETRYABLE_4XX = new Set([408, 409, 425, 429]);

export function createWebhookActivities(deps: WebhookActivityDeps | undefined) {
  return {
    async webhookRoutes(): Promise<WebhookRoutes> {
      return deps
        ? routesOf(deps.config())
        : routesOf({ subscribers: [], retry: { attempts: 1, initialMs: 1000, maxMs: 1000 } });
    },

    async deliverWebhook(req: DeliverWebhookRequest): Promise<{ status: number }> {
      const found = deps?.config().subscribers.find((s) => s.subscriber.id === req.subscriberId);
      if (!found)
        throw activityFailure(
          'WebhookSubscriberUnknown',
          `no subscriber "${req.subscriberId}" is configured`,
        );
      const body = JSON.stringify(cloudEventOf(req.event));
      const timestamp = Math.floor(Date.now() / 1000);
      const signal = AbortSignal.any([
        AbortSignal.timeout(deps?.timeoutMs ?? 10_000),
        Context.current().cancellationSignal,
      ]);
      let status: number;
      try {
        const res = await fetch(found.subscriber.url, {
          method: 'POST',
          redirect: 'manual',
          signal,
          headers: {
            'content-type': 'application/cloudevents+json; charset=utf-8',
            'user-agent': 'Breachplan-Webhooks/1',
            'webhook-id': req.event.id,
            'webhook-timestamp': String(timestamp),
            'webhook-signature': standardWebhookSignature(found.secret(), req.event.id, timestamp, body),
          },
          body,
        });
        status = res.status;
        await res.body?.cancel().catch(() => undefined);
      } catch (err) {
        // Never the URL in the message: it may carry a token of the receiver's.
        throw activityFailure(
          'WebhookUnavailable',
          `subscriber ${req.subscriberId}: ${(err as Error).name === 'TimeoutError' ? 'no answer in time' : 'unreachable'}`,
        );
      }
      if (status >= 200 && status < 300) return { status };
      if (status >= 400 && status < 500 && !RETRYABLE_4XX.has(status))
        throw activityFailure('WebhookRefused', `subscriber ${req.subscriberId} answered ${status}`);
      throw activityFailure('WebhookUnavailable', `subscriber ${req.subscriberId} answered ${status}`);
    },
  };
}
