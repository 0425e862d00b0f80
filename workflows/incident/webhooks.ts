// The incident's outbound webhooks: an outbox per subscriber (a lane), drained in order by an activity with
// backoff. An event leaves its lane only once delivered; when the retry budget runs out the lane parks (its
// events wait, in order, until someone redelivers) and the incident carries on. Lanes are carried over a
// continue-as-new, so they hold only what is still to be delivered.
import * as wf from '@temporalio/workflow';
import type { createActivities } from '../../activities';
import type { TimelineEntry } from '../../src/domain/timeline';
import {
  type OutEvent,
  type WebhookCarry,
  type WebhookLane,
  type WebhookRetry,
  type WebhookRoutes,
  type WebhooksView,
  eventOf,
} from '../../src/domain/webhook-events';
import { failureKind } from '../clock';
import { nonRetryableTypes } from '../../src/domain/failures';

type Activities = ReturnType<typeof createActivities>;

/** Replay guard: incidents started before outbound webhooks never ask for routes nor deliver. */
export const WEBHOOKS_PATCH = 'webhooks-v1';

/** A lane holds at most this many events; beyond it the oldest are dropped and counted. */
export const LANE_MAX = 500;

const routing = wf.proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1s', maximumAttempts: 5 },
});

export interface WebhookDesk {
  /** Every timeline entry as it is recorded: the ones that are events join the lanes. */
  recorded(entry: TimelineEntry): void;
  /** Routes first (once), then the lanes; runs beside the main loop until the incident's work is done. */
  run(): Promise<void>;
  /** No delivery in flight (parked and empty lanes are quiet). */
  readonly quiet: boolean;
  /** The routes are known and nothing is in flight: every event is delivered or parked. */
  readonly settled: boolean;
  /** Unparks one subscriber's lane, or all: the number of events sent again. */
  redeliver(subscriberId?: string): { subscribers: string[]; events: number };
  parkedLanes(): string[];
  snapshot(): WebhookCarry;
  view(): WebhooksView;
}

export function createWebhookDesk(
  o: { incidentId: string; restricted: () => boolean },
  carried?: WebhookCarry,
): WebhookDesk {
  const state: WebhookCarry = carried ? { ...carried, unrouted: [...carried.unrouted] } : { unrouted: [] };
  const draining = new Set<string>();
  let deliver: Activities['deliverWebhook'] | undefined;

  const shape = (lane: WebhookLane, e: OutEvent): OutEvent => {
    const { text, ...bare } = e;
    return lane.includeText && !o.restricted() && text ? { ...bare, text } : bare;
  };
  const enqueue = (e: OutEvent) => {
    for (const lane of state.lanes ?? []) {
      if (lane.events && !lane.events.includes(e.type)) continue;
      lane.queue.push(shape(lane, e));
      if (lane.queue.length > LANE_MAX) {
        // The oldest waiting event goes (never the one in flight): counted in the view and the log.
        lane.queue.splice(draining.has(lane.subscriberId) ? 1 : 0, 1);
        lane.dropped += 1;
        wf.log.warn('webhook lane full: oldest event dropped', { subscriber: lane.subscriberId });
      }
      kick(lane);
    }
  };

  const kick = (lane: WebhookLane) => {
    if (!deliver || lane.parked || draining.has(lane.subscriberId) || lane.queue.length === 0) return;
    draining.add(lane.subscriberId);
    void drain(lane).finally(() => draining.delete(lane.subscriberId));
  };

  async function drain(lane: WebhookLane): Promise<void> {
    while (lane.queue.length > 0 && !lane.parked) {
      const event = lane.queue[0]!;
      try {
        await deliver!({ subscriberId: lane.subscriberId, event });
        lane.queue.shift();
        lane.delivered += 1;
        lane.lastError = undefined;
      } catch (err) {
        // The retry budget is spent (or the subscriber refused for good): the lane waits for a redelivery.
        lane.parked = true;
        lane.lastError = failureKind(err);
        wf.log.warn('webhook deliveries parked', { subscriber: lane.subscriberId, error: lane.lastError });
      }
    }
  }

  const useRoutes = (routes: WebhookRoutes) => {
    state.retry = routes.retry;
    state.lanes = routes.subscribers.map((s) => ({
      subscriberId: s.id,
      events: s.events,
      includeText: s.includeText,
      queue: [],
      parked: false,
      delivered: 0,
      dropped: 0,
    }));
  };

  const proxyFor = (retry: WebhookRetry) =>
    wf.proxyActivities<Activities>({
      startToCloseTimeout: '30 seconds',
      retry: {
        initialInterval: retry.initialMs,
        backoffCoefficient: 2,
        maximumInterval: retry.maxMs,
        maximumAttempts: retry.attempts,
        nonRetryableErrorTypes: nonRetryableTypes('webhooks'),
      },
    }).deliverWebhook;

  return {
    recorded(entry) {
      const e = eventOf(o.incidentId, entry);
      if (!e) return;
      if (!state.lanes) state.unrouted.push(e);
      else enqueue(e);
    },
    async run() {
      if (!state.lanes) {
        try {
          useRoutes(await routing.webhookRoutes());
        } catch (err) {
          wf.log.warn('webhook routes unavailable: no webhooks for this run', { error: failureKind(err) });
          state.lanes = [];
          state.unrouted = [];
          return;
        }
      }
      deliver = proxyFor(state.retry!);
      const waiting = state.unrouted.splice(0);
      if (carried?.lanes) for (const lane of state.lanes!) kick(lane);
      for (const e of waiting) enqueue(e);
    },
    get quiet() {
      return draining.size === 0;
    },
    get settled() {
      return state.lanes !== undefined && state.unrouted.length === 0 && draining.size === 0;
    },
    redeliver(subscriberId) {
      const lanes = (state.lanes ?? []).filter(
        (l) => l.parked && (!subscriberId || l.subscriberId === subscriberId),
      );
      let events = 0;
      for (const lane of lanes) {
        lane.parked = false;
        events += lane.queue.length;
        kick(lane);
      }
      return { subscribers: lanes.map((l) => l.subscriberId), events };
    },
    parkedLanes: () => (state.lanes ?? []).filter((l) => l.parked).map((l) => l.subscriberId),
    snapshot: () => ({
      ...state,
      lanes: state.lanes?.map((l) => ({ ...l, queue: [...l.queue] })),
      unrouted: [...state.unrouted],
    }),
    view: () => ({
      lanes: (state.lanes ?? []).map((l) => ({
        subscriberId: l.subscriberId,
        delivered: l.delivered,
        pending: l.queue.length,
        parked: l.parked,
        parkedEvents: l.parked
          ? l.queue.slice(0, 50).map((e) => ({ id: e.id, type: e.type, time: e.time }))
          : [],
        ...(l.lastError ? { lastError: l.lastError } : {}),
        dropped: l.dropped,
      })),
    }),
  };
}
