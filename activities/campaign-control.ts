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
  };
}

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
  };
}
