// The breach plan as a durable workflow: facts, phases, runbook tasks, legal approval gates, law-enforcement
// holds, deadline clocks with reminders and escalation, and the hash-chained timeline of all of it. The
// incident itself is an entity (./incident/state), its commands a table (./incident/commands); this file wires
// them to Temporal, runs the wake loop, hands over to a new run before any history limit, and closes.
import * as wf from '@temporalio/workflow';
import type { createActivities } from '../activities';
import { hashCanonical } from '../src/domain/hash';
import type { SegmentRef } from '../src/domain/timeline-segments';
import { type AuditSinks } from './audit-sink';
import { campaignEndedSignal } from './campaign-messages';
import { failureKind, workflowNow } from './clock';
import * as msg from './messages';
import { createCampaignDesk } from './incident/campaigns';
import { closeSequence } from './incident/close';
import { registerCommands } from './incident/commands';
import { wakeLoop } from './incident/loop';
import { Incident } from './incident/state';
import { WEBHOOKS_PATCH, type WebhookDesk, createWebhookDesk } from './incident/webhooks';
import type { IncidentCarry, PendingNotification as Notification } from '../src/domain/incident-carry';
import { PHASE, SEVERITY, STATUS } from './search-attributes';
import { SLACK_PATCH, type SlackSync, createSlackSync } from './slack-sync';
import { nonRetryableTypes } from '../src/domain/failures';

type Activities = ReturnType<typeof createActivities>;

/** Replay guard: runs before it never hand over to a new run nor seal timeline segments. */
export const CONTINUE_AS_NEW_PATCH = 'incident-continue-as-new-v1';
/** Replay guard: runs before it restarted the wake timer on every command. */
export const LEAN_LOOP_PATCH = 'incident-lean-wake-loop-v1';
/** Replay guard: runs before it held the hand-over (up to a minute) for webhook deliveries in flight. */
export const HANDOVER_WEBHOOKS_PATCH = 'handover-webhooks-v1';

/** A run hands over after this many updates or history events, far below Temporal's 2,000 / 51,200. */
export const RUN_LIMITS = { updates: 1_000, events: 8_000 };

const drafting = wf.proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1s', maximumAttempts: 5, nonRetryableErrorTypes: nonRetryableTypes('drafts') },
});
// Notifications never block the incident: they retry with backoff for a day and run beside the main loop.
const notifying = wf.proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '24 hours',
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});
const sealing = wf.proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '1s',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: nonRetryableTypes('archive'),
  },
});
const { audit } = wf.proxySinks<AuditSinks>();

export async function incidentWorkflow(input: msg.IncidentInput): Promise<msg.IncidentView> {
  const carried = input.carried;
  const background: Promise<unknown>[] = [];
  const pending = new Map<number, Notification>();
  let notificationSeq = 0;
  let slack: SlackSync | undefined;
  let webhooks: WebhookDesk | undefined;
  let updates = 0;
  let switching = false;

  const send = (n: Notification) => {
    pending.set(n.key, n);
    background.push(
      notifying
        .notifyIncident({ incidentId: input.incidentId, kind: n.kind, text: n.text, roles: n.roles })
        .catch((err: unknown) => {
          wf.log.warn('notification gave up', { kind: n.kind, error: failureKind(err) });
        })
        .finally(() => pending.delete(n.key)),
    );
  };
  const incidentPorts = {
    now: workflowNow,
    recorded: (entry: Parameters<AuditSinks['audit']['timelineEntry']>[0]) => {
      audit.timelineEntry(entry);
      webhooks?.recorded(entry);
    },
    notify(kind: string, text: string, roles: string[]) {
      slack?.notice(kind, text);
      send({ key: ++notificationSeq, kind, text, roles });
    },
    publishSearchAttributes: () =>
      wf.upsertSearchAttributes([
        { key: PHASE, value: incident.currentPhase() },
        { key: STATUS, value: incident.data.status },
        { key: SEVERITY, value: incident.facts.severity },
      ]),
    holdsChanged: () => desk.holdsChanged(),
    patched: (id: string) => wf.patched(id),
  };
  const incident = carried
    ? Incident.restore(carried.incident, incidentPorts)
    : Incident.create(input, incidentPorts);
  const desk = createCampaignDesk(incident, background);
  // Outbound webhooks: every event the timeline records goes to the subscribers' lanes (incident/webhooks.ts).
  if (wf.patched(WEBHOOKS_PATCH)) {
    webhooks = createWebhookDesk(
      { incidentId: input.incidentId, restricted: () => incident.facts.restricted === true },
      carried?.webhooks,
    );
    background.push(webhooks.run());
  }
  // The incident's own view (alerts included: the closing summary and the archive read it too), plus the
  // webhook lanes this run keeps.
  const view = (): msg.IncidentView => ({
    ...incident.view(),
    ...(webhooks ? { webhooks: webhooks.view() } : {}),
  });

  wf.setHandler(msg.getIncident, view);
  wf.setHandler(msg.getTimeline, (opts) =>
    incident.data.timeline.filter((e) => e.seq > (opts?.sinceSeq ?? 0)),
  );
  wf.setHandler(msg.getTimelineIndex, () => ({
    segments: incident.data.segments,
    length: incident.timelineLength,
    head: incident.timelineHead,
    runs: carried ? carried.runs : 1,
  }));
  wf.setHandler(campaignEndedSignal, (e) => desk.reported(e));
  registerCommands({
    incident,
    campaigns: desk,
    webhooks,
    switching: () => switching,
    accepted: () => void (updates += 1),
    renderDraft: (gateId) => {
      const g = incident.gate(gateId);
      const { facts, factsVersion, obligations } = incident.data;
      return drafting.renderNoticeDraft({
        incidentId: input.incidentId,
        gateId,
        template: g.template,
        facts,
        factsVersion,
        factsHash: hashCanonical(facts),
        obligation: obligations.find((o) => o.gateId === gateId && o.recipient !== 'individuals'),
      });
    },
  });

  if (!carried) incident.declare();
  else {
    for (const n of carried.notifications) send({ ...n, key: ++notificationSeq });
  }
  if (carried ? carried.slack !== undefined : wf.patched(SLACK_PATCH)) {
    slack = createSlackSync(
      {
        incidentId: input.incidentId,
        declaredBy: input.declaredBy,
        version: () => incident.timelineLength,
        isOpen: () => incident.isOpen,
        view: () => incident.view(),
        record: (type, actor, summary, details) => incident.record(type, actor, summary, details),
      },
      carried?.slack,
    );
    background.push(slack.run());
  }
  if (!carried) incident.announce();

  // Sealing: the oldest live entries go to an encrypted segment once the tail is long enough.
  let sealingOff = false;
  let sealing_ = false;
  const sealNow = () => {
    if (sealing_ || sealingOff) return;
    const entries = incident.sealable();
    if (entries.length === 0 || !wf.patched(CONTINUE_AS_NEW_PATCH)) return;
    sealing_ = true;
    const prev: SegmentRef | undefined = incident.data.segments.at(-1);
    void sealing
      .sealTimelineSegment({ incidentId: input.incidentId, entries, prevId: prev?.id ?? null })
      .then(
        (ref) => incident.sealed(ref),
        (err: unknown) => {
          sealingOff = true;
          wf.log.warn('timeline sealing off for this run', { error: failureKind(err) });
        },
      )
      .finally(() => {
        sealing_ = false;
        incident.dirty = true;
      });
  };

  // Hand over to a new run well before Temporal's limits (or when it suggests so).
  const perRun = carried?.updatesPerRun ?? input.updatesPerRun ?? RUN_LIMITS.updates;
  let handOverRefused = false;
  const overLimit = () => {
    const info = wf.workflowInfo();
    return info.continueAsNewSuggested || updates >= perRun || info.historyLength >= RUN_LIMITS.events;
  };
  const handOver = () => !handOverRefused && overLimit() && desk.mayContinue();

  const lean = wf.patched(LEAN_LOOP_PATCH);
  for (;;) {
    const outcome = await wakeLoop(incident, {
      handOver,
      due: () => !sealing_ && !sealingOff && incident.needsSeal(),
      afterEach: sealNow,
      lean,
    });
    if (outcome === 'closed') break;
    if (!wf.patched(CONTINUE_AS_NEW_PATCH)) {
      handOverRefused = true;
      continue;
    }
    switching = true;
    await wf.condition(wf.allHandlersFinished);
    await wf.condition(() => !sealing_);
    // Notifications and Slack posts in flight get a minute; what is still pending is carried and sent again.
    // Webhook deliveries are not waited for (a subscriber that is down retries for minutes): a lane keeps its
    // event in flight at its head until delivered, so the next run sends it again, with the same webhook-id.
    const awaitWebhooks = webhooks !== undefined && !wf.patched(HANDOVER_WEBHOOKS_PATCH);
    await wf.condition(
      () => pending.size === 0 && (slack?.idle ?? true) && (!awaitWebhooks || (webhooks?.quiet ?? true)),
      '1 minute',
    );
    if (!incident.isOpen) break;
    const next: IncidentCarry = {
      incident: incident.snapshot(),
      ...(slack ? { slack: slack.snapshot() } : {}),
      ...(webhooks ? { webhooks: webhooks.snapshot() } : {}),
      notifications: [...pending.values()],
      runs: (carried?.runs ?? 1) + 1,
      ...(carried?.updatesPerRun || input.updatesPerRun ? { updatesPerRun: perRun } : {}),
    };
    next.incident.detachedCampaigns = desk.snapshot();
    return wf.continueAsNew<typeof incidentWorkflow>({
      incidentId: input.incidentId,
      facts: incident.facts,
      runbook: input.runbook,
      runbookHash: input.runbookHash,
      declaredBy: input.declaredBy,
      carried: next,
    });
  }
  await closeSequence(incident, slack, background, webhooks);
  return view();
}
