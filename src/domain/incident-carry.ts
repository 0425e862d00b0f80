// What one run of an incident workflow hands to the next (continue-as-new): the whole incident as plain data,
// its Slack presence and the notifications not yet sent. Pure types; the workflow fills and reads them.
import type { GateState } from './approval';
import type { CampaignSummary } from './campaign';
import type { DeadlineState } from './deadline';
import type { IncidentFacts } from './incident';
import type {
  HoldState,
  IncidentInput,
  IncidentView,
  ObligationState,
  PhaseStatus,
  TaskState,
} from './incident-view';
import type { PhaseId } from './runbook';
import type { Actor } from './roles';
import type { TimelineEntry } from './timeline';
import type { SegmentRef } from './timeline-segments';
import type { AttachedAlert } from './alerts';
import type { WebhookCarry } from './webhook-events';

export interface PhaseRecord {
  status: PhaseStatus;
  startedAt?: string;
  completedAt?: string;
}

/** Everything an incident is, as plain data. */
export interface IncidentData {
  incidentId: string;
  runbook: IncidentInput['runbook'];
  runbookHash: string;
  declaredBy: Actor;
  declaredAt: string;
  facts: IncidentFacts;
  factsVersion: number;
  status: IncidentView['status'];
  closedAt?: string;
  closing?: { actor: Actor; reason: string };
  phases: [PhaseId, PhaseRecord][];
  tasks: TaskState[];
  gates: GateState[];
  holds: HoldState[];
  deadlines: DeadlineState[];
  assignments: IncidentView['assignments'];
  obligations: ObligationState[];
  campaigns: CampaignSummary[];
  /** Campaigns started detached (they outlive a continue-as-new of this workflow). */
  detachedCampaigns: string[];
  /** The live end of the timeline; older entries are in sealed segments. */
  timeline: TimelineEntry[];
  /** The JSON size of each live entry (what sealing measures the tail by). */
  sizes: number[];
  segments: SegmentRef[];
  /** The latest state of each alert attached (absent before the first). */
  alerts?: AttachedAlert[];
}

/** The incident's Slack presence: its channel, pinned status, pending notices and approval messages. */
export interface SlackCarry {
  off: boolean;
  channelId?: string;
  statusTs?: string;
  noticeSeq: number;
  notices: { kind: string; text: string; key: string }[];
  approvals: [string, { requestId: string; sig: string; message?: { channel: string; ts: string } }][];
}

export interface PendingNotification {
  key: number;
  kind: string;
  text: string;
  roles: string[];
}

export interface IncidentCarry {
  incident: IncidentData;
  slack?: SlackCarry;
  /** The outbound webhook lanes: only what is still to be delivered (or parked). */
  webhooks?: WebhookCarry;
  notifications: PendingNotification[];
  runs: number;
  /** Hand over after this many updates instead of the workflow's default. */
  updatesPerRun?: number;
}
