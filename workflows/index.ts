// Every workflow the Breachplan worker runs.
export { noticeCampaignWorkflow } from './campaign';
export { incidentWorkflow } from './incident';
