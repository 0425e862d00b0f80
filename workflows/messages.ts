// The incident workflow's messages: updates (validated, answered) and queries; their state is src/domain's.
// Shared by every edge; the only way anything outside the workflow reads or changes an incident.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { GateState } from '../src/domain/approval';
import type {
  AddNoteCommand,
  AdvancePhaseCommand,
  ApproveCommand,
  AssignRoleCommand,
  CloseIncidentCommand,
  CompleteTaskCommand,
  OverrideNoticeComplianceCommand,
  OverrideObligationCommand,
  PlaceHoldCommand,
  RecordNoticeSentCommand,
  RejectCommand,
  ReleaseHoldCommand,
  RequestApprovalCommand,
  UpdateFactsCommand,
} from '../src/domain/commands';
import type { CampaignControlCommand, CampaignSummary, StartCampaignCommand } from '../src/domain/campaign';
import type {
  ApprovalRequestResult,
  HoldState,
  IncidentView,
  ObligationState,
  TaskState,
} from '../src/domain/incident-view';
import type { TimelineEntry } from '../src/domain/timeline';
import type { AttachAlertCommand } from '../src/domain/alerts';
import type { RedeliverWebhooksCommand } from '../src/domain/webhook-events';

// The view's types live in src/domain/incident-view.ts; re-exported so `msg.IncidentView` keeps reading.
export type {
  ApprovalRequestResult,
  HoldState,
  IncidentInput,
  IncidentView,
  ObligationState,
  PhaseStatus,
  TaskState,
} from '../src/domain/incident-view';

export const updateFacts = defineUpdate<{ factsVersion: number; changed: string[] }, [UpdateFactsCommand]>(
  'updateFacts',
);
export const assignRole = defineUpdate<void, [AssignRoleCommand]>('assignRole');
export const completeTask = defineUpdate<TaskState, [CompleteTaskCommand]>('completeTask');
export const addNote = defineUpdate<number, [AddNoteCommand]>('addNote');
export const requestApproval = defineUpdate<ApprovalRequestResult, [RequestApprovalCommand]>(
  'requestApproval',
);
export const approve = defineUpdate<GateState, [ApproveCommand]>('approve');
export const overrideNoticeCompliance = defineUpdate<GateState, [OverrideNoticeComplianceCommand]>(
  'overrideNoticeCompliance',
);
export const reject = defineUpdate<GateState, [RejectCommand]>('reject');
export const placeHold = defineUpdate<HoldState, [PlaceHoldCommand]>('placeHold');
export const releaseHold = defineUpdate<HoldState, [ReleaseHoldCommand]>('releaseHold');
export const recordNoticeSent = defineUpdate<GateState, [RecordNoticeSentCommand]>('recordNoticeSent');
export const advancePhase = defineUpdate<IncidentView['phases'], [AdvancePhaseCommand]>('advancePhase');
export const overrideObligation = defineUpdate<ObligationState, [OverrideObligationCommand]>(
  'overrideObligation',
);
export const closeIncident = defineUpdate<void, [CloseIncidentCommand]>('closeIncident');

export type { CampaignControlCommand, StartCampaignCommand };
export const startCampaign = defineUpdate<CampaignSummary, [StartCampaignCommand]>('startCampaign');
export const pauseCampaign = defineUpdate<CampaignSummary, [CampaignControlCommand]>('pauseCampaign');
export const resumeCampaign = defineUpdate<CampaignSummary, [CampaignControlCommand]>('resumeCampaign');
export const cancelCampaign = defineUpdate<CampaignSummary, [CampaignControlCommand]>('cancelCampaign');

export type { AttachAlertCommand, RedeliverWebhooksCommand };
/** An alert from a signed alert source: a timeline entry on the open incident its fingerprint names. */
export const attachAlert = defineUpdate<{ seq: number; repeat: boolean }, [AttachAlertCommand]>(
  'attachAlert',
);
/** Sends a parked subscriber's events again, in order. */
export const redeliverWebhooks = defineUpdate<
  { subscribers: string[]; events: number },
  [RedeliverWebhooksCommand]
>('redeliverWebhooks');

export const getIncident = defineQuery<IncidentView>('getIncident');
/** Where the timeline is: sealed segments (oldest first) and the length and head of the whole chain. */
export interface TimelineIndex {
  segments: import('../src/domain/timeline-segments').SegmentRef[];
  length: number;
  head: string;
  runs: number;
}
export const getTimelineIndex = defineQuery<TimelineIndex>('getTimelineIndex');
/** The live entries (after the sealed segments); with sinceSeq, only those after it. */
export const getTimeline = defineQuery<TimelineEntry[], [{ sinceSeq?: number }?]>('getTimeline');
