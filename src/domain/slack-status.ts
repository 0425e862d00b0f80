// What Slack shows of an incident, as plain data the workflow builds: the pinned status (the status activity
// gets this, a few KB with long texts already cut to what is shown, not the whole incident view, so keeping
// it current adds little to the incident's history) and the summary posted when the incident closes.
import type { GateState, GateStatus } from './approval';
import type { DeadlineState } from './deadline';
import type { IncidentStatus, Severity } from './incident';
import type { Actor, Role } from './roles';
import { clip } from './text';
import type { IncidentView } from './incident-view';

/** How many tasks of the active phases the status lists. */
export const STATUS_TASKS = 20;

export interface SlackGateLine {
  title: string;
  status: GateStatus;
  /** The first 12 hex characters of the draft's content hash. */
  draft?: string;
  votes: { by: string; role: Role }[];
  rejection?: { by: string; reason: string };
  sent?: { at: string; channel: string };
}

export interface SlackStatus {
  incidentId: string;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  /** Names of the active phases. */
  phases: string[];
  summary: string;
  declaredBy: string;
  declaredAt: string;
  factsVersion: number;
  /** Tasks of the active phases, open and done, in runbook order. */
  tasks: {
    id: string;
    title: string;
    owner: Role;
    status: 'open' | 'done';
    required: boolean;
    dueAt?: string;
    doneBy?: string;
  }[];
  /** Gates requested or sent. */
  gates: SlackGateLine[];
  /** Active holds. */
  holds: { agency: string; reference: string; placedAt: string }[];
  /** Deadlines whose clock runs (not awaiting their trigger). */
  deadlines: { title: string; status: DeadlineState['status']; paused: boolean; dueAt?: number }[];
  timelineLength: number;
  timelineHead: string;
}

export function slackGateLine(g: GateState): SlackGateLine {
  return {
    title: clip(g.title, 200),
    status: g.status,
    draft: g.draft?.contentHash.slice(0, 12),
    votes: g.votes.map((v) => ({ by: clip(v.actor.name ?? v.actor.id, 100), role: v.role })),
    rejection: g.rejection && { by: g.rejection.actor.id, reason: clip(g.rejection.reason, 300) },
    sent: g.noticeSent && { at: g.noticeSent.at, channel: clip(g.noticeSent.channel, 100) },
  };
}

export function slackStatusOf(view: IncidentView): SlackStatus {
  const active = new Set(view.phases.filter((p) => p.status === 'active').map((p) => p.id));
  return {
    incidentId: view.incidentId,
    title: clip(view.facts.title, 200),
    severity: view.facts.severity,
    status: view.status,
    phases: view.phases.filter((p) => p.status === 'active').map((p) => p.name),
    summary: clip(view.facts.summary, 1500),
    declaredBy: view.declaredBy.name ?? view.declaredBy.id,
    declaredAt: view.declaredAt,
    factsVersion: view.factsVersion,
    tasks: view.tasks
      .filter((t) => active.has(t.phase))
      .slice(0, STATUS_TASKS)
      .map((t) => ({
        id: t.id,
        title: clip(t.title, 200),
        owner: t.owner,
        status: t.status,
        required: t.required !== false,
        dueAt: t.dueAt,
        doneBy: t.completedBy && (t.completedBy.name ?? t.completedBy.id),
      })),
    gates: view.gates.filter((g) => g.status !== 'not_requested' || g.noticeSent).map(slackGateLine),
    holds: view.holds
      .filter((h) => !h.endedAt)
      .map((h) => ({ agency: clip(h.agency, 100), reference: clip(h.reference, 100), placedAt: h.placedAt })),
    deadlines: view.deadlines
      .filter((d) => d.status !== 'awaiting_trigger')
      .map((d) => ({
        title: clip(d.title, 200),
        status: d.status,
        paused: d.pausedSince !== undefined,
        dueAt: d.dueAt,
      })),
    timelineLength: view.timelineLength,
    timelineHead: view.timelineHead.slice(0, 12),
  };
}

/** The last message of an incident channel, posted before it is archived. */
export interface ClosingSummary {
  incidentId: string;
  title: string;
  severity: Severity;
  declaredAt: string;
  closedAt: string;
  closedBy: string;
  reason: string;
  tasks: { done: number; total: number };
  notices: { title: string; at: string; channel: string }[];
  deadlines: { title: string; status: DeadlineState['status'] }[];
  timelineLength: number;
  timelineHead: string;
}

export function closingSummaryOf(
  view: IncidentView,
  closing: { actor: Actor; reason: string },
): ClosingSummary {
  return {
    incidentId: view.incidentId,
    title: clip(view.facts.title, 200),
    severity: view.facts.severity,
    declaredAt: view.declaredAt,
    closedAt: view.closedAt ?? '',
    closedBy: closing.actor.name ?? closing.actor.id,
    reason: clip(closing.reason, 1000),
    tasks: { done: view.tasks.filter((t) => t.status === 'done').length, total: view.tasks.length },
    notices: view.gates.flatMap((g) =>
      g.noticeSent
        ? [{ title: clip(g.title, 200), at: g.noticeSent.at, channel: clip(g.noticeSent.channel, 100) }]
        : [],
    ),
    deadlines: view.deadlines
      .filter((d) => d.status !== 'awaiting_trigger')
      .map((d) => ({ title: clip(d.title, 200), status: d.status })),
    timelineLength: view.timelineLength,
    timelineHead: view.timelineHead.slice(0, 12),
  };
}
