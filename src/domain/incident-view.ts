// What an incident is, as the workflow shows it: its input, its view (tasks, holds, gates, duties, campaigns)
// and the state of each legal duty. Pure types shared by activities, audit, the edges and the workflow.
import type { Draft, GateState } from './approval';
import type { CampaignSummary } from './campaign';
import type { DeadlineState } from './deadline';
import type { IncidentFacts, IncidentStatus } from './incident';
import type { Obligation } from './regulations';
import type { PhaseId, Runbook, RunbookTask } from './runbook';
import type { Actor, Role } from './roles';
import type { IncidentCarry } from './incident-carry';
import type { AttachedAlert } from './alerts';
import type { WebhooksView } from './webhook-events';

export interface IncidentInput {
  incidentId: string;
  facts: IncidentFacts;
  runbook: Runbook;
  runbookHash: string;
  declaredBy: Actor;
  /** Set by continue-as-new: the incident as the previous run left it. */
  carried?: IncidentCarry;
  /** Hand over to a new run after this many updates (tests and benchmarks; the workflow has a default). */
  updatesPerRun?: number;
}

export type PhaseStatus = 'pending' | 'active' | 'done';

export interface TaskState extends RunbookTask {
  phase: PhaseId;
  status: 'open' | 'done';
  dueAt?: string;
  completedBy?: Actor;
  completedAt?: string;
  note?: string;
}

export interface HoldState {
  id: string;
  agency: string;
  reference: string;
  requestedBy: Actor;
  placedAt: string;
  until?: string;
  reason?: string;
  endedAt?: string;
  endedBy?: 'release' | 'expiry';
}

export interface ObligationOverride {
  status: Obligation['status'];
  reason: string;
  actor: Actor;
  at: string;
}

export interface ObligationState extends Obligation {
  /** What counsel decided, if anything; it wins over the computed status. */
  override?: ObligationOverride;
  /** The approval gate of an authority notice serving this duty. */
  gateId?: string;
  deadlineId?: string;
}

export const effectiveStatus = (o: ObligationState): Obligation['status'] => o.override?.status ?? o.status;

/** A jurisdiction of the people affected where nothing is owed, with the engine's (or counsel's) reason. */
export interface NotRequiredPlace {
  jurisdiction: string;
  /** Why, from the notice to individuals when the law has one (it carries the threshold and data tests). */
  reason: string;
  citation: string;
}

/**
 * The places where every obligation is not required, one each: the law engine is never silent about a
 * jurisdiction it was asked about. A place with anything required or undecided is in the obligations list.
 */
export function notRequiredPlaces(obligations: readonly ObligationState[]): NotRequiredPlace[] {
  const byPlace = new Map<string, ObligationState[]>();
  for (const o of obligations) {
    const list = byPlace.get(o.jurisdiction);
    if (list) list.push(o);
    else byPlace.set(o.jurisdiction, [o]);
  }
  const places: NotRequiredPlace[] = [];
  for (const [jurisdiction, list] of byPlace) {
    if (list.some((o) => effectiveStatus(o) !== 'not_required')) continue;
    const o = list.find((x) => x.recipient === 'individuals') ?? list[0]!;
    places.push({
      jurisdiction,
      reason: o.override ? `counsel (${o.override.actor.id}): ${o.override.reason}` : o.reason,
      citation: o.citation,
    });
  }
  return places;
}

export interface IncidentView {
  incidentId: string;
  status: IncidentStatus;
  declaredAt: string;
  declaredBy: Actor;
  closedAt?: string;
  facts: IncidentFacts;
  factsVersion: number;
  factsHash: string;
  runbook: { id: string; name: string; version: number; hash: string };
  phases: { id: PhaseId; name: string; status: PhaseStatus; startedAt?: string; completedAt?: string }[];
  tasks: TaskState[];
  gates: GateState[];
  holds: HoldState[];
  deadlines: DeadlineState[];
  obligations: ObligationState[];
  assignments: { personId: string; role: Role; assignedBy: string; at: string }[];
  timelineLength: number;
  timelineHead: string;
  /** Customer-notice campaigns started from this incident (absent until the first). */
  campaigns?: CampaignSummary[];
  /** Alerts from monitoring attached to it: the latest state per fingerprint (absent until the first). */
  alerts?: AttachedAlert[];
  /** Outbound webhooks: per subscriber, delivered, pending and parked events (absent before webhooks-v1). */
  webhooks?: WebhooksView;
}

export interface ApprovalRequestResult {
  gateId: string;
  requestId: string;
  draft: Draft;
}
