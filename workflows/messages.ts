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

export const getIncident = defineQuery<IncidentView>('getIncident');
export const getTimeline = defineQuery<TimelineEntry[], [{ sinceSeq?: number }?]>('getTimeline');
