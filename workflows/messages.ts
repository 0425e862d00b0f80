// The incident workflow's messages: updates (validated, answered), queries, and the state they return.
// Shared by every edge; the only way anything outside the workflow reads or changes an incident.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Draft, GateState } from '../src/domain/approval';
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
import type { DeadlineState } from '../src/domain/deadline';
import type { IncidentFacts, IncidentStatus } from '../src/domain/incident';
import type { PhaseId, Runbook, RunbookTask } from '../src/domain/runbook';
import type { Actor, Role } from '../src/domain/roles';
import type { TimelineEntry } from '../src/domain/timeline';
import type { ObligationState } from './obligations';

export interface IncidentInput {
  incidentId: string;
  facts: IncidentFacts;
  runbook: Runbook;
  runbookHash: string;
  declaredBy: Actor;
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
}

export interface ApprovalRequestResult {
  gateId: string;
  requestId: string;
  draft: Draft;
}

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

export const getIncident = defineQuery<IncidentView>('getIncident');
export const getTimeline = defineQuery<TimelineEntry[], [{ sinceSeq?: number }?]>('getTimeline');
