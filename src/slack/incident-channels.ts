// Which incident a Slack channel belongs to: the incident workflow sets the BreachplanSlackChannel search
// attribute when it creates the channel, so the answer survives restarts of the app and the worker.
import type { Client } from '@temporalio/client';
import { SLACK_CHANNEL } from '../../workflows/search-attributes';
import { incidentIdFromWorkflowId } from '../domain/incident';

export type ChannelIndex = (channelId: string) => Promise<string | undefined>;

/** Only incidents of this deployment (its task queue) count: several may share a namespace. */
export function createChannelIndex(client: Client, taskQueue: string): ChannelIndex {
  const known = new Map<string, string>();
  return async (channelId) => {
    if (!/^[CG][A-Z0-9]+$/.test(channelId)) return undefined;
    const hit = known.get(channelId);
    if (hit) return hit;
    const query = `${SLACK_CHANNEL.name} = '${channelId}' AND TaskQueue = '${taskQueue.replace(/'/g, '')}'`;
    for await (const wf of client.workflow.list({ query })) {
      const incidentId = incidentIdFromWorkflowId(wf.workflowId) ?? wf.workflowId;
      known.set(channelId, incidentId);
      return incidentId;
    }
    return undefined;
  };
}
