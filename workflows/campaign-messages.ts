// The notice campaign's messages: pause, resume and cancel (sent by its incident, which checks who may) and
// the progress query every edge reads.
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { CampaignProgress } from '../src/domain/campaign';

/** A pause has a reason ("manual", "hold"); the campaign runs again once every reason is resumed. */
export const pauseCampaignSignal = defineSignal<[string]>('pauseCampaign');
export const resumeCampaignSignal = defineSignal<[string]>('resumeCampaign');
export const cancelCampaignSignal = defineSignal('cancelCampaign');
export const campaignProgress = defineQuery<CampaignProgress>('campaignProgress');

/** How a campaign's end reaches its incident: by signal, so whichever run of the incident is current hears it. */
export interface CampaignEnded {
  campaignId: string;
  result?: import('../src/domain/campaign').CampaignResult;
  error?: string;
}
export const campaignEndedSignal = defineSignal<[CampaignEnded]>('campaignEnded');
