// What the campaign's incident says about it: the only source of pause, resume and cancel a campaign obeys.
// The campaign treats a signal as "ask your incident" and reads the answer here (a query of the incident,
// through the worker's own connection and codec), so a signal from anyone else changes nothing.
import { decodeFromPayloadsAtIndex, loadDataConverter } from '@temporalio/common/lib/internal-non-workflow';
import type { DataConverter } from '@temporalio/common';
import { activityFailure } from './failure';
import type { IncidentView } from '../src/domain/incident-view';

export interface CampaignControlDeps {
  namespace: string;
  dataConverter: DataConverter;
  /** The worker connection's WorkflowService (NativeConnection.workflowService). */
  workflowService: () => {
    queryWorkflow(req: {
      namespace: string;
      execution: { workflowId: string };
      query: { queryType: string };
    }): Promise<{ queryResult?: { payloads?: unknown[] | null } | null; queryRejected?: unknown }>;
    getWorkflowExecutionHistory(req: {
      namespace: string;
      execution: { workflowId: string };
      waitNewEvent: boolean;
      historyEventFilterType: number;
    }): Promise<{ history?: { events?: CloseEvent[] | null } | null }>;
  };
}

/** The close event of a workflow, as much of it as the incident needs. */
interface CloseEvent {
  workflowExecutionCompletedEventAttributes?: { result?: { payloads?: unknown[] | null } | null } | null;
  workflowExecutionFailedEventAttributes?: { failure?: { message?: string | null } | null } | null;
  workflowExecutionCanceledEventAttributes?: unknown;
  workflowExecutionTerminatedEventAttributes?: { reason?: string | null } | null;
  workflowExecutionTimedOutEventAttributes?: unknown;
  workflowExecutionContinuedAsNewEventAttributes?: unknown;
}

/** How a campaign ended, read from Temporal itself (never from a signal's payload). */
export interface CampaignOutcome {
  /** Still running after the wait: the signal was not the campaign's end. */
  running?: boolean;
  result?: import('../src/domain/campaign').CampaignResult;
  error?: string;
}

/** historyEventFilterType CLOSE_EVENT: only the event that closed the run, long-polled until there is one. */
const CLOSE_EVENT = 2;

export interface CampaignControl {
  /** The pause reasons the incident holds for this campaign ("manual", "hold"). */
  pausedBy: string[];
  cancelled: boolean;
}

export function createCampaignControlActivities(deps?: CampaignControlDeps) {
  return {
    async campaignControl(input: {
      incidentWorkflowId: string;
      campaignId: string;
    }): Promise<CampaignControl> {
      if (!deps) throw activityFailure('CampaignControlUnavailable', 'this worker cannot ask incidents');
      const res = await deps.workflowService().queryWorkflow({
        namespace: deps.namespace,
        execution: { workflowId: input.incidentWorkflowId },
        query: { queryType: 'getIncident' },
      });
      if (res.queryRejected) throw new Error('the incident refused the query');
      const view = await decodeFromPayloadsAtIndex<IncidentView>(
        loadDataConverter(deps.dataConverter),
        0,
        res.queryResult?.payloads as never,
      );
      const c = view.campaigns?.find((x) => x.campaignId === input.campaignId);
      if (!c) throw activityFailure('CampaignNotInIncident', `incident has no campaign ${input.campaignId}`);
      return {
        pausedBy: [...c.pausedBy],
        cancelled: Boolean(c.cancelRequested) || c.status === 'cancelled',
      };
    },

    /**
     * How a campaign ended, from its own closed run in Temporal (waiting for it to close): the incident hears
     * "campaign ended" by signal, and believes only this answer, so a forged signal records nothing.
     */
    async campaignOutcome(input: { campaignWorkflowId: string; waitMs?: number }): Promise<CampaignOutcome> {
      if (!deps) throw activityFailure('CampaignControlUnavailable', 'this worker cannot ask campaigns');
      // A real campaign signals just before it closes: wait a little for the close, never longer. A signal
      // while it still runs (a forged one) answers "running" and changes nothing, so no handler is held open.
      const until = Date.now() + (input.waitMs ?? 60_000);
      for (;;) {
        if (Date.now() > until) return { running: true };
        const res = await deps.workflowService().getWorkflowExecutionHistory({
          namespace: deps.namespace,
          execution: { workflowId: input.campaignWorkflowId },
          waitNewEvent: true,
          historyEventFilterType: CLOSE_EVENT,
        });
        const close = res.history?.events?.[0];
        if (!close) continue; // the long poll ended before the campaign did: ask again
        if (close.workflowExecutionContinuedAsNewEventAttributes) continue; // a new run goes on
        const completed = close.workflowExecutionCompletedEventAttributes;
        if (completed) {
          const result = await decodeFromPayloadsAtIndex<CampaignOutcome['result']>(
            loadDataConverter(deps.dataConverter),
            0,
            completed.result?.payloads as never,
          );
          return { result };
        }
        const failure = close.workflowExecutionFailedEventAttributes?.failure?.message;
        const terminated = close.workflowExecutionTerminatedEventAttributes?.reason;
        return {
          error: failure ?? (terminated ? `terminated: ${terminated}` : 'the campaign did not complete'),
        };
      }
    },
  };
}
